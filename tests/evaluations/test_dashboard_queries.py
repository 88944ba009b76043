"""The dashboards of the HR service and of its head, and the rating analytics, counted in the
database (issue 12 item 3): the number of queries of each page is the same whatever the size of
the apparatus, while what they count grows with it — a per-row query or a walk over every open
task cannot come back unnoticed."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.services.schedule import period_open
from tests.evaluations.test_pagination_roster import grow, queries
from tests.evaluations.test_schedule_support import approved, quarter


def _states(period, servants):
    """Of the evaluations of `servants`: a third final and rated, a third signed and past the
    familiarisation date, a third left pending (overdue once the quarter's date passes)."""
    evaluations = list(
        Evaluation.objects.filter(period=period, servant__in=servants).order_by("pk")
    )
    for n, evaluation in enumerate(evaluations):
        if n % 3 == 0:
            evaluation.status, evaluation.score, evaluation.rating = (
                EvaluationStatus.FINAL,
                Decimal("4.50"),
                "effective",
            )
        elif n % 3 == 1:
            evaluation.status, evaluation.score, evaluation.rating = (
                EvaluationStatus.SIGNED,
                Decimal("3.00"),
                "proper",
            )
            evaluation.familiarisation_due = dt.date(2026, 4, 10)
    Evaluation.objects.bulk_update(
        evaluations, ["status", "score", "rating", "familiarisation_due"]
    )


def test_the_dashboards_and_analytics_do_not_grow_with_the_apparatus(world, clock):
    schedule = approved(world)
    period = quarter(schedule, 1)
    pages = {
        "hr home": (world.hr_staff_user, reverse("home")),
        "hr head home": (world.hr_head_user, reverse("home")),
        "analytics": (world.hr_head_user, reverse("analytics:page")),
    }
    counts: list[dict[str, int]] = []
    overdue = []
    for number, more in ((1, 3), (2, 30)):
        clock(dt.date(2026, 4, 3))
        grow(world, more, name=f"A{number}-")
        grow(world, more, unit=world.unit_b, name=f"B{number}-")
        period_open(actor=world.hr_staff_user, period_id=period.pk)
        _states(period, Evaluation.objects.filter(period=period).values("servant"))
        clock(dt.date(2026, 5, 20))
        counts.append({})
        for label, (user, url) in pages.items():
            counts[-1][label], response = queries(user, url)
            if label == "hr home":
                overdue.append(response.context["panels"])
            if label == "analytics":
                rows = response.context["a"].by_unit
                assert (
                    sum(row.total for row in rows)
                    == Evaluation.objects.filter(period=period, rating__gt="").count()
                )
    assert counts[0] == counts[1]
    totals = [
        next(p["context"]["board"].total for p in panels if "board" in p["context"])
        for panels in overdue
    ]
    assert totals[1] > totals[0] > 0
