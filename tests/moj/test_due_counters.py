"""The moj-2017 tasks counted in the database for the dashboard's overdue panel (issue 12 item
3): the work plans, the quarterly and the annual sheets counted per group of the due-date rule's
inputs give, on each day, what walking the collectors gives — every step of a sheet, a deferred
evaluation (p.3), a servant appointed during the year (p.10-11) — and the dashboard's count
reads as many queries for a larger organisation as for a smaller one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.evaluations.models import Evaluation, PeriodKind
from bagalau.moj.due import KINDS, SOURCE
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_confirm,
    annual_sheet_open,
    annual_sheet_self_assess,
)
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_self_assess,
)
from bagalau.moj.services.work_plan import work_plan_create, work_plan_sign
from bagalau.notifications.due import overdue_board, overdue_counts
from bagalau.org.models import Assignment
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory
from tests.moj.year import PLAN, quarter_closed, year_opened
from tests.notifications.parity import assert_parity

pytestmark = pytest.mark.django_db

ITEM = {"code": "territorial-5-01", "date": dt.date(2017, 10, 16), "evidence": "№ 7"}
MARKS = [{"points": p, "note": ""} for p in (5, 4, 4)]
#: Before the quarter's deadline, after it and the computation day, after a deferral's date.
DAYS = [dt.date(2017, 12, 8), dt.date(2017, 12, 21), dt.date(2018, 1, 25)]


def _of(w, servant, **period):
    return Evaluation.objects.get(period__schedule=w.schedule, servant=servant, **period)


def _annual_confirmed(w, servant, user, manager):
    plan = work_plan_create(actor=user, servant_id=servant.pk, year=2017, indicators=PLAN)
    work_plan_sign(actor=user, plan_id=plan.pk)
    work_plan_sign(actor=manager, plan_id=plan.pk)
    sheet = annual_sheet_open(
        actor=manager, evaluation_id=_of(w, servant, period__kind=PeriodKind.ANNUAL).pk
    )
    annual_sheet_self_assess(actor=user, sheet_id=sheet.pk, marks=MARKS)
    annual_sheet_agree(actor=manager, sheet_id=sheet.pk, marks=MARKS)
    annual_sheet_confirm(actor=user, sheet_id=sheet.pk)


@pytest.fixture
def year(mw):
    """20 December 2017: every period of 2017 opened and the quarterly and annual sheets at
    each step; b_staff1's and a_staff1's plans filed, a_staff2's signed by the servant only,
    deputy appointed on 12 December, hr_staff's Q4 evaluation deferred to 20 January 2018."""
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="territorial")
    w = year_opened(mw)
    q4 = {"period__number": 4}
    # Q4: a_staff1's sheet opened, a_staff2's self-assessed, b_staff1's agreed (on the 20th).
    quarter_sheet_open(actor=w.hr_staff_user, evaluation_id=_of(w, w.a_staff1, **q4).pk)
    sheet = quarter_sheet_open(actor=w.a_head_user, evaluation_id=_of(w, w.a_staff2, **q4).pk)
    quarter_sheet_self_assess(actor=w.a_staff2_user, sheet_id=sheet.pk, items=[ITEM], breaches=[])
    sheet = quarter_sheet_open(actor=w.b_head_user, evaluation_id=_of(w, w.b_staff1, **q4).pk)
    quarter_sheet_agree(actor=w.b_head_user, sheet_id=sheet.pk, items=[ITEM], breach_ids=[])
    quarter_closed(w, 3, "territorial-5-01")
    Evaluation.objects.filter(pk=_of(w, w.hr_staff, **q4).pk).update(due_date=dt.date(2018, 1, 20))
    # The year: b_staff1's sheet agreed, a_staff1's confirmed (HR computes).
    annual = annual_sheet_open(
        actor=w.b_head_user, evaluation_id=_of(w, w.b_staff1, period__kind=PeriodKind.ANNUAL).pk
    )
    annual_sheet_self_assess(actor=w.b_staff1_user, sheet_id=annual.pk, marks=MARKS)
    annual_sheet_agree(actor=w.b_head_user, sheet_id=annual.pk, marks=MARKS)
    _annual_confirmed(w, w.a_staff1, w.a_staff1_user, w.a_head_user)
    plan = work_plan_create(
        actor=w.a_staff2_user, servant_id=w.a_staff2.pk, year=2017, indicators=PLAN
    )
    work_plan_sign(actor=w.a_staff2_user, plan_id=plan.pk)
    Assignment.objects.filter(pk=w.deputy_assignment.pk).update(start=dt.date(2017, 12, 12))
    return w


def test_the_counters_count_what_the_collectors_walk(year):
    assert set(SOURCE.counters) == set(SOURCE.collectors)
    seen = assert_parity(SOURCE, year.org, DAYS)
    assert seen == {kind.code for kind in KINDS}


def test_the_panel_counts_what_the_board_lists(year):
    for day in DAYS:
        board = {g.kind: g.count for g in overdue_board(year.org, today=day).groups}
        panel = {g.kind: g.count for g in overdue_counts(year.org, today=day).groups}
        assert panel == board
    assert panel["moj_self_assess"] > 0


def _grow(w, count):
    """`count` more servants in post in b's unit, each evaluated in every period of 2017."""
    for _ in range(count):
        servant = ServantFactory(organisation=w.org)
        assignment = AssignmentFactory(
            servant=servant, position=PositionFactory(unit=w.unit_b), start=dt.date(2016, 1, 1)
        )
        for period in w.schedule.periods.all():
            template = (
                Evaluation.objects.filter(period=period).exclude(servant=w.hr_staff).order_by("pk")
            ).first()
            Evaluation.objects.create(
                period=period,
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
    # Each new servant: a plan to draw up, four quarters and the year to self-assess and agree.
    assert more - fewer == 9 * (1 + 2 * 5)
