"""The moj-2017 consequences on the reminders and the overdue board (seed 001 p.43, p.45): a
training referral falls due 3 months after the annual result's approval until HR records the
training done; a p.45 alert falls due on the later year's approval day, so HR is told the next
working day, until its decision is recorded. No rating in the notices."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.consequences.services import decision_record
from bagalau.consequences.training import training_referral_complete, training_referral_refer
from bagalau.notifications.due import open_tasks, overdue_board
from bagalau.notifications.models import Notification
from bagalau.notifications.reminders import reminders_send
from tests.consequences.moj_world import TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def mw(world, clock):
    clock(TODAY)
    return build(world)


def _tasks(w):
    return {
        (task.kind, task.pk): task
        for task in open_tasks(organisation=w.org)
        if task.kind in ("moj_training", "moj_alert")
    }


def test_referrals_and_the_alert_are_tasks_of_the_hr_service(mw):
    tasks = _tasks(mw)
    assert set(tasks) == {
        ("moj_training", mw.weak_2016.pk),
        ("moj_training", mw.weak_2017.pk),
        ("moj_training", mw.gap_2015.pk),
        ("moj_training", mw.gap_2017.pk),
        ("moj_alert", mw.weak_2017.pk),
    }
    training = tasks[("moj_training", mw.weak_2017.pk)]
    assert training.due == dt.date(2018, 3, 14)
    assert training.recipients == [mw.hr_staff_user]
    alert = tasks[("moj_alert", mw.weak_2017.pk)]
    assert alert.due == dt.date(2017, 12, 14)
    assert alert.recipients == [mw.hr_head_user, mw.hr_staff_user]


def test_done_and_decided_leave_the_tasks(mw):
    training_referral_refer(
        actor=mw.hr_staff_user,
        evaluation_id=mw.weak_2017.pk,
        directions="Тәртіп",
        referred_on=TODAY,
    )
    assert ("moj_training", mw.weak_2017.pk) in _tasks(mw)  # referred, training not done yet
    training_referral_complete(
        actor=mw.hr_staff_user, evaluation_id=mw.weak_2017.pk, done_on=TODAY, training="Курс"
    )
    decision_record(
        actor=mw.hr_staff_user,
        organisation=mw.org,
        evaluation_id=mw.weak_2017.pk,
        kind="demotion",
        decided_by="Министр",
        order_number="3-ж",
        order_date=TODAY,
    )
    tasks = _tasks(mw)
    assert ("moj_training", mw.weak_2017.pk) not in tasks
    assert ("moj_alert", mw.weak_2017.pk) not in tasks


def test_the_board_and_the_notices(mw):
    board = {group.kind: group for group in overdue_board(mw.org, today=TODAY).groups}
    # due 20.03.2017 and 22.03.2016: overdue; 14.03.2018 not yet
    assert {i.task.pk for i in board["moj_training"].items} == {mw.weak_2016.pk, mw.gap_2015.pk}
    assert [i.task.pk for i in board["moj_alert"].items] == [mw.weak_2017.pk]
    reminders_send(today=TODAY)
    notice = Notification.objects.get(recipient=mw.hr_head_user, kind="overdue_moj_alert")
    assert notice.params["servant"] == mw.a_staff2.full_name
    assert "unsatisfactory" not in str(notice.params).lower()
    assert (
        Notification.objects.filter(recipient=mw.hr_staff_user, kind="overdue_moj_training").count()
        == 2
    )
