"""The moj-2017 quarterly sheets on the reminders and the overdue board (seed 001 p.3, p.23-25;
EDITIONS.md §5.2 D2-D6, §9 M-5, M-16): each open quarterly evaluation's next step, to the servant
or the direct manager, due on the sheet's deadline (Q4 2017: 10 December; on 20 December every
step is overdue), in a bounded number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.evaluations.models import Evaluation
from bagalau.moj.due import _quarter_sheets
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.consent import moj_quarter_open, moj_schedule_record_consent
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_self_assess,
    quarter_sheet_sign,
)
from bagalau.moj.services.schedule import moj_schedule_draft
from bagalau.notifications.due import Run, open_tasks, overdue_board
from bagalau.org.selectors import work_calendar

pytestmark = pytest.mark.django_db

Q4_DUE = dt.date(2017, 12, 10)
QUARTER_KINDS = ("moj_self_assess", "moj_agree", "moj_sign")
ITEM = {"code": "territorial-5-01", "date": dt.date(2017, 10, 16), "evidence": "№ 7"}


@pytest.fixture
def quarter(mw):
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="territorial")
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    moj_schedule_record_consent(
        actor=mw.hr_staff_user,
        schedule_id=schedule.pk,
        chair_name="Төраға",
        agreed_on=dt.date(2017, 11, 1),
    )
    mw.period = schedule.periods.get(number=4)
    moj_quarter_open(actor=mw.hr_staff_user, period_id=mw.period.pk)
    mw.evaluation = Evaluation.objects.get(period=mw.period, servant=mw.b_staff1)
    return mw


def _tasks(w):
    return {
        task.kind: task
        for task in open_tasks(organisation=w.org)
        if task.kind in QUARTER_KINDS and task.pk == w.evaluation.pk
    }


def test_before_the_sheet_the_servant_and_the_manager_are_due_by_the_10th(quarter):
    tasks = _tasks(quarter)
    assert set(tasks) == {"moj_self_assess", "moj_agree"}
    assert tasks["moj_self_assess"].due == Q4_DUE == tasks["moj_agree"].due
    assert tasks["moj_self_assess"].recipients == [quarter.b_staff1_user]
    assert tasks["moj_agree"].recipients == [quarter.b_head_user]
    assert tasks["moj_self_assess"].url == f"/moj/periods/{quarter.period.pk}/notice/"
    assert tasks["moj_agree"].url == f"/moj/periods/{quarter.period.pk}/"


def test_the_steps_move_from_the_servant_to_the_manager_and_back(quarter):
    sheet = quarter_sheet_open(actor=quarter.b_head_user, evaluation_id=quarter.evaluation.pk)
    assert _tasks(quarter)["moj_self_assess"].url == f"/moj/quarter-sheets/{sheet.pk}/"
    quarter_sheet_self_assess(
        actor=quarter.b_staff1_user, sheet_id=sheet.pk, items=[ITEM], breaches=[]
    )
    assert set(_tasks(quarter)) == {"moj_agree"}
    quarter_sheet_agree(actor=quarter.b_head_user, sheet_id=sheet.pk, items=[ITEM], breach_ids=[])
    sign = _tasks(quarter)["moj_sign"]
    # Agreed on 20 December, after the 10th: the signature is due that day (our decision).
    assert (sign.due, sign.recipients) == (dt.date(2017, 12, 20), [quarter.b_staff1_user])
    quarter_sheet_sign(actor=quarter.b_staff1_user, sheet_id=sheet.pk)
    assert _tasks(quarter) == {}


def test_the_overdue_board_lists_the_late_steps(quarter):
    board = overdue_board(quarter.org, today=dt.date(2017, 12, 20))
    kinds = {group.kind: group for group in board.groups}
    late = [i for i in kinds["moj_agree"].items if i.task.pk == quarter.evaluation.pk]
    # 10 December 2017 is a Sunday: 11-15 and 18-20 December less Independence Day (16-17,
    # the 18th and 19th off in lieu) ... counted by the working-day calendar.
    assert len(late) == 1
    assert late[0].days_late == work_calendar().working_days_between(Q4_DUE, dt.date(2017, 12, 20))
    assert late[0].days_late > 0


def test_the_collector_reads_a_bounded_number_of_queries(quarter, django_assert_max_num_queries):
    """Eight servants, two with sheets: the same queries as for one."""
    for servant in (quarter.a_staff1, quarter.a_staff2):
        evaluation = Evaluation.objects.get(period=quarter.period, servant=servant)
        quarter_sheet_open(actor=quarter.hr_staff_user, evaluation_id=evaluation.pk)
    calendar = work_calendar()

    with django_assert_max_num_queries(1):
        tasks = list(_quarter_sheets(Run(organisation=quarter.org, calendar=calendar)))
    assert len(tasks) == 16  # 8 evaluated servants × (self-assessment + agreement)
