"""The demo run at other times of the year: before its Q3 story is over, the demo shows last year,
whose Q4 has ended and is open with its sheets pending (bagalau.demo.history)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command

from bagalau.calibration.models import Session, SessionStatus
from bagalau.core import clock as clock_module
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Period,
    PeriodKind,
    PeriodStatus,
)


def quarter(number: int, year: int) -> Period:
    return Period.objects.get(schedule__year=year, kind=PeriodKind.QUARTER, number=number)


@pytest.mark.parametrize("today", [dt.date(2027, 2, 10), dt.date(2026, 7, 15)])
@pytest.mark.django_db
def test_run_earlier_in_a_year_the_demo_shows_last_year_with_q4_open(clock, today):
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
