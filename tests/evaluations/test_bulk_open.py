"""Opening a quarter in bulk (issue 12 item 2): the evaluations, their audit rows and the
notices written in batches, so the queries do not grow with the apparatus; the rows are those
the opening always wrote."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.services.schedule import period_open
from bagalau.notifications.models import Notification
from tests.evaluations.test_pagination_roster import grow
from tests.evaluations.test_schedule_support import approved, quarter
from tests.evaluations.test_sheets_cases import a_head_plan


def test_opening_a_quarter_does_not_grow_with_the_apparatus(world, clock, batches_only):
    a_head_plan(world)  # a KPI sheet: its rows and HR's notices are written in bulk too
    schedule = approved(world)
    clock(dt.date(2026, 10, 5))
    period_open(actor=world.hr_staff_user, period_id=quarter(schedule, 1).pk)  # warm the caches
    counts = []
    for number, more in ((2, 2), (3, 30)):  # 10 servants, then 40
        grow(world, more, name=f"Q{number}-")
        period = quarter(schedule, number)
        with CaptureQueriesContext(connection) as captured:
            opened = period_open(actor=world.hr_staff_user, period_id=period.pk)
        counts.append(len(captured))
        evaluations = Evaluation.objects.filter(period=period)
        assert len(opened.created) == evaluations.count() >= more
        created = AuditEntry.objects.filter(
            action="create",
            object_type="evaluations.evaluation",
            object_id__in=[str(e.pk) for e in evaluations],
        )
        assert created.count() == len(opened.created)
        assert {entry.organisation for entry in created} == {world.org}
        sheet = evaluations.get(servant=world.a_head, method=Method.KPI)
        assert sheet.kpi_results.count() == 3
        notices = Notification.objects.filter(dedupe_key__startswith=f"period{period.pk}:")
        assert notices.filter(kind="actuals_to_fill").exists()
        assert notices.filter(kind="sheet_to_fill").exists()
        assert notices.filter(kind="evaluation_notice").count() >= more
    assert counts[0] == counts[1]
