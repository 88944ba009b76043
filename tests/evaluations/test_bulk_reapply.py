"""The roster applied again in bulk (issue 12 item 2): when a prepared quarter ends, the changed
evaluations are written and audited in batches, so the queries do not grow with the apparatus;
each changed evaluation keeps its audit row, as when it was written one by one."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.services.quarters import roster_reapply
from bagalau.evaluations.services.schedule import period_open
from bagalau.org.models import Assignment, EndReason
from tests.evaluations.test_pagination_roster import grow
from tests.evaluations.test_schedule_support import approved, d, quarter


def _dismiss_grown(name: str) -> int:
    """End on 20 December (inside Q4: not evaluated for it, p.5) every post grown as `name`."""
    return Assignment.objects.filter(servant__last_name__startswith=name).update(
        end=d("20.12.2026"), end_reason=EndReason.DISMISSAL
    )


def _reapplied(period) -> tuple[int, list[Evaluation]]:
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        changed = roster_reapply(period, actor=None)
    return len(captured), changed


def test_applying_the_roster_again_does_not_grow_with_the_apparatus(world, clock, batches_only):
    schedule = approved(world)
    q4 = quarter(schedule, 4)
    clock(dt.date(2026, 12, 1))
    grow(world, 3, name="Аз-")
    grow(world, 30, name="Көп-")
    period_open(actor=world.hr_staff_user, period_id=q4.pk)
    clock(dt.date(2027, 1, 5))
    _reapplied(q4)  # warm the caches
    counts = []
    for name, size in (("Аз-", 3), ("Көп-", 30)):
        assert _dismiss_grown(name) == size
        count, changed = _reapplied(q4)
        counts.append(count)
        assert len(changed) == size
        for evaluation in Evaluation.objects.filter(pk__in=[e.pk for e in changed]):
            assert (evaluation.status, evaluation.reason) == ("not_evaluated", "too_short")
            assert evaluation.version == 2
        audited = AuditEntry.objects.filter(
            action="update", object_id__in=[str(e.pk) for e in changed]
        )
        assert audited.count() == size
        assert {entry.organisation for entry in audited} == {world.org}
        assert all(entry.changes["reason"] == ["evaluated", "too_short"] for entry in audited)
    assert counts[0] == counts[1]
    assert _reapplied(q4)[1] == []  # nothing left to change
