"""The demo run at other times of the year: before its Q3 story is over, the demo shows last year,
whose Q4 was prepared in December (its actual values entered when due, p.22 ¶6), has ended and is
open with its sheets pending (bagalau.demo.history)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Session, SessionStatus
from bagalau.core import clock as clock_module
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
)
from bagalau.notifications.models import Notification


def quarter(number: int, year: int) -> Period:
    return Period.objects.get(schedule__year=year, kind=PeriodKind.QUARTER, number=number)


@pytest.mark.parametrize(
    ("today", "prepared", "actuals"),
    [
        # Q4 2026: prepared Tue 1 December, actual values due Wed 30 December (p.22 ¶6).
        (dt.date(2027, 2, 10), dt.date(2026, 12, 1), dt.date(2026, 12, 30)),
        # Q4 2025: prepared Mon 1 December, actual values due Wed 31 December.
        (dt.date(2026, 7, 15), dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ],
)
@pytest.mark.django_db
def test_run_earlier_in_a_year_the_demo_shows_last_year_with_q4_open(
    clock, today, prepared, actuals
):
    clock(today)
    call_command("demo", stdout=io.StringIO())
    year = today.year - 1
    assert clock_module.today() == today
    for number in (1, 2, 3):
        statuses = Counter(
            Evaluation.objects.filter(period=quarter(number, year)).values_list("status", flat=True)
        )
        expected = {EvaluationStatus.FINAL: 38}
        if number == 3:
            expected = {
                EvaluationStatus.FINAL: 36,
                EvaluationStatus.CALIBRATION: 1,
                EvaluationStatus.DEFERRED: 1,
            }
        assert statuses == expected
    q4 = quarter(4, year)
    assert q4.status == PeriodStatus.OPEN
    statuses = dict(
        Evaluation.objects.filter(period=q4).values_list("servant__user__username", "status")
    )
    assert statuses.pop("newcomer") == EvaluationStatus.NOT_EVALUATED
    assert set(statuses.values()) == {EvaluationStatus.PENDING}
    assert Session.objects.exclude(status=SessionStatus.CLOSED).count() == 1
    # Prepared before it ended, its actual values entered on the day they were due; the
    # evaluators and the servants were told once it had ended.
    opening = AuditEntry.objects.filter(action="open", object_id=str(q4.pk)).order_by("at")
    assert timezone.localdate(opening.first().at) == prepared
    assert opening.first().changes["prepared_before_the_end"] == [None, True]
    rows = KpiResult.objects.filter(evaluation__period=q4, evaluation__method=Method.KPI)
    assert rows.exists()
    assert {timezone.localdate(row.prefilled_at) for row in rows} == {actuals}
    told = Notification.objects.filter(kind="evaluation_notice", params__period=f"period:{q4.pk}")
    assert told.exists()
    assert {timezone.localdate(n.created_at) for n in told} == {dt.date(today.year, 1, 5)}
