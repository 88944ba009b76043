"""Opening a moj-2017 quarter in bulk (issue 12 item 2): the absences and the posts are read once,
the evaluations and their audit rows written in batches, so the number of queries does not grow
with the number of servants (5 and 25 more servants here)."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from tests.typical.test_period_open_queries import more_staff

pytestmark = pytest.mark.django_db

#: The queries of one opening, whatever the number of servants.
EXPECTED = 18


@pytest.mark.parametrize("count", [5, 25])
def test_opening_a_quarter_takes_the_same_queries_at_any_size(mw, count):
    more_staff(mw, count)
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    period = schedule.periods.get(number=4)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        opened = moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
        elapsed = (time.perf_counter() - started) * 1000
    print(f"moj_period_open +{count}: {len(queries)} queries, {elapsed:.0f} ms")
    assert len(opened.created) == Evaluation.objects.filter(period=period).count() == 8 + count
    last = opened.created[-1]
    entry = AuditEntry.objects.get(action="create", object_id=str(last.pk))
    assert entry.changes["evaluator"][1] is not None
    assert len(queries) == EXPECTED
