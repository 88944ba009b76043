"""The typical-2018 sheets on the reminders and the overdue board (seed 004 p.17, p.23-28;
EDITIONS.md §2.2 E1-E6, F1-F3): each sheet's next step with the due date its page shows, to the
direct manager or the working body; none once the sheets are with the commission.

Dates: the evaluation date is Friday 13 December 2019; 16-17 December are Independence Day, so 2
working days after the 13th end on Thursday 19 December."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.notifications.due import open_tasks, overdue_board
from bagalau.notifications.models import Notification
from bagalau.notifications.reminders import reminders_send
from bagalau.org.selectors import work_calendar
from bagalau.typical.models import KpiSheet
from bagalau.typical.selectors import kpi_sheet_deadlines
from bagalau.typical.services.competency_sheet import (
    competency_sheet_open,
    competency_sheet_send,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import (
    kpi_sheet_agree,
    kpi_sheet_fill,
    kpi_sheet_open,
    kpi_sheet_return,
    kpi_sheet_send,
    kpi_sheet_sign,
)
from tests.typical.conftest import EVALUATION_DAY, approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db

ROWS = {n: {"actual": "x", "achieved": True} for n in range(1, 6)}


@pytest.fixture
def year(tw):
    schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.evaluation = evaluation_of(schedule, tw.b_staff1)
    return tw


def _tasks(world):
    return {
        (task.kind, task.pk): task
        for task in open_tasks(organisation=world.org)
        if task.kind.startswith("typical_") and task.pk == world.evaluation.pk
    }


def test_sheets_not_opened_are_due_by_the_evaluation_date(year):
    tasks = _tasks(year)
    assert set(tasks) == {
        ("typical_kpi_sheet", year.evaluation.pk),
        ("typical_competency_sheet", year.evaluation.pk),
    }
    kpi = tasks[("typical_kpi_sheet", year.evaluation.pk)]
    assert kpi.due == EVALUATION_DAY
    assert kpi.recipients == [year.b_head_user]
    assert kpi.url == f"/typical/evaluations/{year.evaluation.pk}/"


def test_the_next_step_moves_from_the_manager_to_the_working_body(year, clock):
    sheet = kpi_sheet_open(actor=year.b_head_user, evaluation_id=year.evaluation.pk)
    kpi_sheet_fill(actor=year.b_head_user, sheet_id=sheet.pk, rows=ROWS)
    clock(EVALUATION_DAY)
    kpi_sheet_sign(actor=year.b_head_user, sheet_id=sheet.pk)
    assert ("typical_kpi_sheet", year.evaluation.pk) not in _tasks(year)  # with the superior
    kpi_sheet_agree(actor=year.head_user, sheet_id=sheet.pk)
    send = _tasks(year)[("typical_send", year.evaluation.pk)]
    assert send.due == dt.date(2019, 12, 19)  # p.24, across Independence Day
    assert send.recipients == [year.hr_staff_user]
    assert send.url == f"/typical/kpi-sheets/{sheet.pk}/"
    kpi_sheet_send(actor=year.hr_staff_user, sheet_id=sheet.pk)
    assert ("typical_send", year.evaluation.pk) not in _tasks(year)


def test_a_returned_sheet_is_due_again_within_two_working_days(year, clock):
    sheet = kpi_sheet_open(actor=year.b_head_user, evaluation_id=year.evaluation.pk)
    kpi_sheet_fill(actor=year.b_head_user, sheet_id=sheet.pk, rows=ROWS)
    clock(EVALUATION_DAY)
    kpi_sheet_sign(actor=year.b_head_user, sheet_id=sheet.pk)
    kpi_sheet_return(
        actor=year.head_user, sheet_id=sheet.pk, ground="insufficient", reason="Дәлел жоқ"
    )
    task = _tasks(year)[("typical_kpi_sheet", year.evaluation.pk)]
    assert task.due == dt.date(2019, 12, 19)  # p.23
    assert task.recipients == [year.b_head_user]


def test_both_sheets_with_the_commission_leave_nothing(year, clock):
    clock(EVALUATION_DAY)
    kpi = kpi_sheet_open(actor=year.b_head_user, evaluation_id=year.evaluation.pk)
    kpi_sheet_fill(actor=year.b_head_user, sheet_id=kpi.pk, rows=ROWS)
    kpi_sheet_sign(actor=year.b_head_user, sheet_id=kpi.pk)
    kpi_sheet_agree(actor=year.head_user, sheet_id=kpi.pk)
    kpi_sheet_send(actor=year.hr_staff_user, sheet_id=kpi.pk)
    competency = competency_sheet_open(actor=year.b_head_user, evaluation_id=year.evaluation.pk)
    competency_sheet_sign(actor=year.b_head_user, sheet_id=competency.pk)
    assert set(_tasks(year)) == {("typical_send", year.evaluation.pk)}
    competency_sheet_send(actor=year.hr_staff_user, sheet_id=competency.pk)
    assert _tasks(year) == {}


def test_an_unsigned_sheet_is_on_the_board_and_noticed_once(year, clock):
    clock(dt.date(2019, 12, 18))  # the first working day after the 13th
    board = overdue_board(year.org)
    kinds = {group.kind: group for group in board.groups}
    item = next(i for i in kinds["typical_kpi_sheet"].items if i.task.pk == year.evaluation.pk)
    assert item.days_late == 1
    reminders_send()
    reminders_send()
    notices = Notification.objects.filter(
        recipient=year.b_head_user, kind="overdue_typical_kpi_sheet"
    )
    assert notices.count() == 1


def test_the_board_reads_the_calendar_once_not_once_a_sheet(year, clock, django_assert_num_queries):
    """The collector hands its calendar to the sheets' deadlines: a sheet costs no query."""
    sheet = kpi_sheet_open(actor=year.b_head_user, evaluation_id=year.evaluation.pk)
    sheet = KpiSheet.objects.select_related("evaluation__period").get(pk=sheet.pk)
    calendar = work_calendar()
    with django_assert_num_queries(0):
        kpi_sheet_deadlines(sheet, calendar=calendar)
