"""Recomputing a period's annual results in bulk (issue 12 item 4): the quarters' inputs read
with one query, every mean computed by the methodology in one pass, the changed results written
with bulk_update, audited and told in batches. The results are those of the per-evaluation path
(the annual page's `standing_of`, one servant's quarters read as evaluations, and
`methodology.sjc2023.annual_score`) on the same rows, and the queries do not grow with the
apparatus (seed 002 p.4: the mean of the quarters)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, PeriodKind
from bagalau.evaluations.rules import rules_for_edition
from bagalau.evaluations.selectors.annual import standing_of
from bagalau.evaluations.services.annual import annual_results_compute, annual_results_refresh
from bagalau.methodology.sjc2023 import annual_score
from bagalau.notifications.models import Notification
from tests.evaluations.test_bulk_annual import _servants_with_a_final_year
from tests.evaluations.test_sheets_cases import annual_period

#: New standing scores of Q2, one a servant in turn: exact means to two places and rounding.
SCORES = (D("2.00"), D("3.37"), D("4.99"), D("1.50"), D("5.00"))


def _change_second_quarters(year) -> None:
    """A calibration session changes Q2 of every servant (the calibrated score stands)."""
    quarters = list(
        Evaluation.objects.filter(
            period__schedule=year.schedule, period__kind=PeriodKind.QUARTER, period__number=2
        ).order_by("servant_id")
    )
    for n, quarter in enumerate(quarters):
        quarter.final_score = SCORES[n % len(SCORES)]
    Evaluation.objects.bulk_update(quarters, ["final_score"])


def test_recomputing_matches_the_per_evaluation_path_and_does_not_grow(world, clock, batches_only):
    clock(dt.date(2027, 1, 12))
    year = annual_period(world)
    rules = rules_for_edition(year.schedule.edition)
    counts = []
    for size, name in ((2, "Бірінші"), (10, "Екінші")):
        servants = _servants_with_a_final_year(world, size, name)
        annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
        _change_second_quarters(year)
        before = {a.pk: (a.version, a.score) for a in Evaluation.objects.filter(period=year)}
        with CaptureQueriesContext(connection) as captured:
            text = annual_results_refresh()
        counts.append(len(captured))
        annuals = list(Evaluation.objects.filter(period=year).select_related("period__schedule"))
        changed = 0
        for annual in annuals:
            expected = annual_score(rules, standing_of(annual).scores)
            assert (annual.score, annual.rating) == (expected.score, expected.rating.code)
            assert annual.status == EvaluationStatus.SIGNED
            version, score = before[annual.pk]
            assert annual.version == version + (annual.score != score)
            changed += annual.score != score
        assert changed >= size
        assert f"{changed} recomputed" in text
        recomputed = AuditEntry.objects.filter(
            action="recompute", object_id__in=[str(a.pk) for a in annuals]
        )
        assert recomputed.count() >= changed
        told = Notification.objects.filter(
            kind="annual_recomputed", recipient__servant__in=servants
        )
        assert told.count() == size
    assert counts[0] == counts[1]


def test_recomputing_unchanged_results_writes_nothing_and_does_not_grow(world, clock, batches_only):
    clock(dt.date(2027, 1, 12))
    year = annual_period(world)
    counts = []
    for size, name in ((2, "Бірінші"), (10, "Екінші")):
        _servants_with_a_final_year(world, size, name)
        annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
        rows = Evaluation.objects.filter(period=year)
        before = {a.pk: (a.version, a.score, a.status) for a in rows}
        audited = AuditEntry.objects.count()
        with CaptureQueriesContext(connection) as captured:
            text = annual_results_refresh()
        counts.append(len(captured))
        assert text == "0 annual results created, 0 recomputed"
        locks = [q["sql"] for q in captured.captured_queries if "FOR UPDATE" in q["sql"]]
        assert locks == []  # nothing to write: nothing locked
        after = {a.pk: (a.version, a.score, a.status) for a in rows.all()}
        assert after == before
        assert AuditEntry.objects.count() == audited
    assert counts[0] == counts[1]
