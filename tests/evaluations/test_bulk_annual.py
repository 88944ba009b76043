"""Computing the annual results in bulk (issue 12 item 2): the quarters, the existing results and
the structure read once, the new results, their audit rows and the servants' notices written in
batches, so the queries do not grow with the apparatus; the rows are those the computation always
wrote (seed 002 p.4: the mean of the quarters, p.11: shown for familiarisation once final)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.services.annual import annual_results_compute
from bagalau.notifications.models import Notification
from tests.evaluations.test_sheets_cases import annual_period, diff_case
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory


def _servants_with_a_final_year(world, count: int, name: str) -> list:
    """`count` staff, each with four final quarters of 2026 (3.00, 4.00, 4.00, 5.00: mean 4.00)."""
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
        for number, score in zip((1, 2, 3, 4), ("3.00", "4.00", "4.00", "5.00"), strict=True):
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
