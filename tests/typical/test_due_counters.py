"""The typical-2018 sheets counted in the database for the dashboard's overdue panel (issue 12
item 3): the open evaluations counted per group of the sheet deadlines' inputs give, on each day,
what walking the collector gives — sheets not opened, opened, returned (p.23), signed and to be
sent (p.24, p.28), a deferred evaluation — and the count reads as many queries for a larger
organisation as for a smaller one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.evaluations.models import Evaluation
from bagalau.notifications.due import overdue_board, overdue_counts
from bagalau.typical.due import KINDS, SOURCE
from bagalau.typical.services.competency_sheet import competency_sheet_open, competency_sheet_sign
from bagalau.typical.services.kpi_sheet import (
    kpi_sheet_fill,
    kpi_sheet_open,
    kpi_sheet_return,
    kpi_sheet_sign,
)
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory
from tests.notifications.parity import assert_parity
from tests.typical.conftest import EVALUATION_DAY, approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db

ROWS = {n: {"actual": "x", "achieved": True} for n in range(1, 6)}
#: Before the evaluation date, after it, after the 2 working days, after the deferral's date.
DAYS = [dt.date(2019, 12, 12), dt.date(2019, 12, 18), dt.date(2019, 12, 24), dt.date(2020, 2, 3)]


@pytest.fixture
def year(tw, clock):
    """The 2019 year opened: b_staff1's KPI sheet signed on the evaluation date and returned
    (due again within 2 working days), his competency sheet signed (to send); b_head's
    competency sheet opened; hr_staff's evaluation deferred to 20 January 2020."""
    schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.schedule = schedule
    evaluation = evaluation_of(schedule, tw.b_staff1)
    sheet = kpi_sheet_open(actor=tw.b_head_user, evaluation_id=evaluation.pk)
    kpi_sheet_fill(actor=tw.b_head_user, sheet_id=sheet.pk, rows=ROWS)
    clock(EVALUATION_DAY)
    kpi_sheet_sign(actor=tw.b_head_user, sheet_id=sheet.pk)
    kpi_sheet_return(actor=tw.head_user, sheet_id=sheet.pk, ground="insufficient", reason="Жоқ")
    competency = competency_sheet_open(actor=tw.b_head_user, evaluation_id=evaluation.pk)
    competency_sheet_sign(actor=tw.b_head_user, sheet_id=competency.pk)
    competency_sheet_open(
        actor=tw.hr_staff_user, evaluation_id=evaluation_of(schedule, tw.b_head).pk
    )
    Evaluation.objects.filter(pk=evaluation_of(schedule, tw.hr_staff).pk).update(
        due_date=dt.date(2020, 1, 20)
    )
    return tw


def test_the_counter_counts_what_the_collector_walks(year):
    assert set(SOURCE.counters) == set(SOURCE.collectors)
    seen = assert_parity(SOURCE, year.org, DAYS)
    assert seen == {kind.code for kind in KINDS}


def test_the_panel_counts_what_the_board_lists(year):
    for day in DAYS:
        board = {g.kind: g.count for g in overdue_board(year.org, today=day).groups}
        panel = {g.kind: g.count for g in overdue_counts(year.org, today=day).groups}
        assert panel == board
    assert panel["typical_kpi_sheet"] > 0


def _grow(w, count):
    """`count` more servants in post in b's unit, each evaluated in the year."""
    template = evaluation_of(w.schedule, w.a_staff1)
    for _ in range(count):
        servant = ServantFactory(organisation=w.org)
        assignment = AssignmentFactory(
            servant=servant, position=PositionFactory(unit=w.unit_b), start=dt.date(2017, 1, 1)
        )
        Evaluation.objects.create(
            period=template.period,
            servant=servant,
            assignment=assignment,
            evaluator=w.b_head,
            method=template.method,
            edition=template.edition,
            status=template.status,
            due_date=template.due_date,
        )


def _queries(w):
    with CaptureQueriesContext(connection) as captured:
        total = overdue_counts(w.org, today=DAYS[1]).total
    return len(captured.captured_queries), total


def test_the_panel_reads_as_many_queries_for_3_or_12_more_servants(year):
    _grow(year, 3)
    small, fewer = _queries(year)
    _grow(year, 9)
    large, more = _queries(year)
    assert large == small
    assert more - fewer == 9 * 2  # each new servant: both sheets to fill in and sign
