"""Opening a typical-2018 annual period in bulk (issue 12 item 2): the absences and the posts are
read once, the evaluations, their audit rows and the notices written in batches, so the number of
queries does not grow with the number of servants (5 and 25 more servants here)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.evaluations.models import Evaluation, PeriodKind
from bagalau.notifications.models import Notification
from bagalau.org.models import AbsenceKind
from bagalau.typical.services.schedule import typical_period_open
from tests.factories import (
    AbsenceFactory,
    AssignmentFactory,
    PositionFactory,
    ServantFactory,
    UserFactory,
)
from tests.queries import notice_ids
from tests.typical.conftest import START, schedule_in_force

pytestmark = pytest.mark.django_db

#: The queries of one opening, whatever the number of servants.
EXPECTED = 27


def more_staff(w, count: int) -> None:
    """`count` more B-4 servants of the analytics department, each with a login and an annual
    leave that ended before the evaluation date."""
    for number in range(count):
        user = UserFactory(username=f"bulk{number}")
        servant = ServantFactory(organisation=w.org, user=user, last_name=f"Көп{number}")
        position = PositionFactory(unit=w.unit_b, category="B-4", name_kk=f"Маман {number}")
        AssignmentFactory(servant=servant, position=position, start=START)
        AbsenceFactory(
            servant=servant,
            kind=AbsenceKind.ANNUAL_LEAVE,
            start=dt.date(2019, 7, 1),
            end=dt.date(2019, 7, 20),
        )


def opening_queries(w, count: int) -> tuple[int, float]:
    more_staff(w, count)
    schedule = schedule_in_force(w)
    period = schedule.periods.get(kind=PeriodKind.ANNUAL)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        typical_period_open(actor=w.hr_staff_user, period_id=period.pk)
        elapsed = (time.perf_counter() - started) * 1000
    assert Evaluation.objects.filter(period=period).count() == 8 + count
    assert Notification.objects.filter(recipient__username=f"bulk{count - 1}").count() == 1
    return len(queries), elapsed


@pytest.mark.parametrize("count", [5, 25])
def test_opening_takes_the_same_queries_at_any_size(tw, count):
    queries, elapsed = opening_queries(tw, count)
    print(f"typical_period_open +{count}: {queries} queries, {elapsed:.0f} ms")
    assert queries == EXPECTED + notice_ids()
