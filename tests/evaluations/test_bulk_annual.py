"""Computing the annual results in bulk (issue 12 item 2): the quarters, the existing results and
the structure read once, the new results, their audit rows and the servants' notices written in
batches, so the queries do not grow with the apparatus; the rows are those the computation always
wrote (seed 002 p.4: the mean of the quarters, p.11: shown for familiarisation once final)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.services.annual import annual_results_compute
from bagalau.notifications.models import Notification
from tests.evaluations.test_sheets_cases import annual_period, diff_case
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory


def _servants_with_a_final_year(
    world, count: int, name: str, scores: tuple[str, ...] = ("3.00", "4.00", "4.00", "5.00")
) -> list:
    """`count` staff, each with four final quarters of 2026 (by default 3.00, 4.00, 4.00, 5.00:
    mean 4.00)."""
    made = []
    for n in range(count):
        servant = ServantFactory(
            organisation=world.org, last_name=f"{name}{n:03d}", user=UserFactory()
        )
        assignment = AssignmentFactory(
            servant=servant,
            position=PositionFactory(unit=world.unit_a, category="B-4"),
            start=dt.date(2024, 1, 1),
        )
        for number, score in zip((1, 2, 3, 4), scores, strict=True):
            rating = "satisfactory" if score == "3.00" else "effective"
            diff_case(
                world,
                number,
                servant=servant,
                assignment=assignment,
                status=EvaluationStatus.FINAL,
                score=D(score),
                rating=rating,
                final_score=D(score),
                final_rating=rating,
                signed_at=timezone.now(),
            )
        made.append(servant)
    return made


def test_computing_the_annual_results_does_not_grow_with_the_apparatus(world, clock, batches_only):
    clock(dt.date(2027, 1, 12))
    year = annual_period(world)
    counts = []
    for size, name in ((3, "Бірінші"), (12, "Екінші")):
        servants = _servants_with_a_final_year(world, size, name)
        with CaptureQueriesContext(connection) as captured:
            summary = annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
        counts.append(len(captured))
        assert summary.created == size
        annuals = Evaluation.objects.filter(period=year, servant__in=servants)
        assert annuals.count() == size
        assert {(a.method, a.status, a.score) for a in annuals} == {
            (Method.ANNUAL, EvaluationStatus.SIGNED, D("4.00"))
        }
        audited = AuditEntry.objects.filter(
            action="create", object_id__in=[str(a.pk) for a in annuals]
        )
        assert audited.count() == size
        assert {entry.organisation for entry in audited} == {world.org}
        told = Notification.objects.filter(
            kind="result_to_acknowledge", recipient__servant__in=servants
        )
        assert told.count() == size
    assert counts[0] == counts[1]


def test_the_quarters_are_averaged_from_their_exact_hundredths(world, clock):
    """The quarters are read as whole hundredths in SQL: 4.35, 1.15 and 0.57 are a hair below
    435, 115 and 57 as SQLite's floats, so truncating would give (115 + 115 + 57 + 435) = 718 /
    4 = 1.795 -> 1.80; the mean of the scores is 7.22 / 4 = 1.805 -> 1.81 (p.4, half-up)."""
    clock(dt.date(2027, 1, 12))
    year = annual_period(world)
    (servant,) = _servants_with_a_final_year(world, 1, "Дәл", ("1.15", "1.15", "0.57", "4.35"))
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    annual = Evaluation.objects.get(period=year, servant=servant)
    assert (annual.score, annual.rating, annual.status) == (
        D("1.81"),
        "unsatisfactory",
        EvaluationStatus.SIGNED,
    )
    summary = annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)


def test_a_year_like_one_already_averaged_still_has_its_scores_checked(world, clock):
    """A year with the same statuses and the same total as one averaged before takes its result,
    but only once each of its scores passed the methodology's check: 2.00, 4.00, 4.00, 6.00 add
    up like 3.00, 4.00, 4.00, 5.00, and 6.00 lies off the 0-5 scale, so nothing is written."""
    clock(dt.date(2027, 1, 12))
    year = annual_period(world)
    _servants_with_a_final_year(world, 1, "Бірінші")
    _servants_with_a_final_year(world, 1, "Екінші", ("2.00", "4.00", "4.00", "6.00"))
    with pytest.raises(DomainError) as raised:
        annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    assert raised.value.field == "quarters.quarters[3]"  # the fourth quarter
    assert not Evaluation.objects.filter(period=year).exists()
