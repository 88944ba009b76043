"""The typical-2018 results after the commission on the reminders and the overdue board (seed 004
p.40-41; EDITIONS.md §2.2 H1-H2): the servant acknowledges within 2 working days of the approval,
then the working body draws up the refusal act; nothing once acknowledged."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.commission import services
from bagalau.notifications.due import open_tasks, overdue_board
from bagalau.notifications.models import Notification
from bagalau.notifications.reminders import reminders_send
from tests.commission.conftest import FAMILIARISATION_DUE

pytestmark = pytest.mark.django_db


def _tasks(world):
    return {
        (task.kind, task.pk): task
        for task in open_tasks(organisation=world.org)
        if task.kind in ("typical_acknowledge", "typical_refusal_act")
    }


def test_an_approved_result_is_to_be_acknowledged_within_two_working_days(approved):
    tasks = _tasks(approved)
    acknowledge = tasks[("typical_acknowledge", approved.eval1.pk)]
    assert acknowledge.due == FAMILIARISATION_DUE
    assert acknowledge.recipients == [approved.a_staff1_user]
    assert acknowledge.url == f"/commission/results/{approved.eval1.pk}/"
    act = tasks[("typical_refusal_act", approved.eval1.pk)]
    assert act.recipients == [approved.hr_staff_user]
    services.commission_result_acknowledge(
        actor=approved.a_staff1_user,
        evaluation_id=approved.eval1.pk,
        acknowledged_on=dt.date(2020, 3, 10),
    )
    assert ("typical_acknowledge", approved.eval1.pk) not in _tasks(approved)


def test_after_the_date_the_board_shows_it_and_hr_is_told_to_draw_up_the_act(approved, clock):
    clock(dt.date(2020, 3, 12))  # the first working day after 11.03.2020
    board = {group.kind: group for group in overdue_board(approved.org).groups}
    pks = {item.task.pk for item in board["typical_acknowledge"].items}
    assert pks == {approved.eval1.pk, approved.eval2.pk}
    assert "typical_refusal_act" not in board
    reminders_send()
    assert (
        Notification.objects.filter(
            recipient=approved.hr_staff_user, kind="overdue_typical_refusal_act"
        ).count()
        == 2
    )
    assert (
        Notification.objects.filter(
            recipient=approved.a_staff1_user, kind="overdue_typical_acknowledge"
        ).count()
        == 1
    )
