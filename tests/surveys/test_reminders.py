"""Reminders (a periodic job): 3 working days before the deadline and on the working day before,
to respondents with unanswered questionnaires (a count, never whom about) and to HR (how many
servants are below 3 responses); a repeated run sends nothing twice."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from bagalau.core.jobs import JOBS
from bagalau.notifications.models import Notification
from bagalau.surveys import my_tasks
from bagalau.surveys.services import survey360_send_reminders
from tests.surveys.conftest import DEADLINE, LISTS


def reminders(user=None):
    notes = Notification.objects.filter(kind="survey360_reminder")
    return notes.filter(recipient=user) if user is not None else notes


def test_reminder_days_follow_the_working_calendar(survey):
    campaign = survey.open()
    three_days, day_before = my_tasks.reminder_days(campaign)
    # 8 January 2027 is a Friday; 7 January (Orthodox Christmas), 1-2 January and the weekend
    # are days off.
    assert day_before == dt.date(2027, 1, 6)
    assert three_days == dt.date(2026, 12, 31)


def test_reminders_go_to_whoever_still_has_questionnaires(survey, world):
    campaign = survey.open()
    three_days, day_before = my_tasks.reminder_days(campaign)
    # b_staff1 answers everything and assesses herself; a_head answers nothing.
    for evaluatee, people in LISTS.items():
        if "b_staff1" in people:
            survey.submit("b_staff1", evaluatee, 4)
    survey.self_assess("b_staff1")

    survey.clock(three_days - dt.timedelta(days=1))
    assert survey360_send_reminders() == "0 360 reminders sent"

    survey.clock(three_days)
    survey360_send_reminders()
    assert not reminders(world.b_staff1_user).exists()
    note = reminders(world.a_head_user).get()
    # a_head answers about deputy, a_staff1, a_staff2, b_head, hr_head and himself: 6.
    assert note.params == {"year": "2026", "count": "6", "due": "08.01.2027"}
    at_risk = Notification.objects.get(kind="survey360_at_risk", recipient=world.hr_head_user)
    assert at_risk.params["count"] == "8"
    assert at_risk.params["min"] == "3"
    sent = reminders().count()
    survey360_send_reminders()  # the same day again: nothing new
    assert reminders().count() == sent

    survey.submit("a_head", "a_staff1", 4)
    survey.clock(day_before)
    survey360_send_reminders()
    assert reminders(world.a_head_user).count() == 2
    assert reminders(world.a_head_user).latest("pk").params["count"] == "5"

    survey.clock(DEADLINE + dt.timedelta(days=1))
    before = Notification.objects.count()
    survey360_send_reminders()
    assert Notification.objects.count() == before


def test_the_job_is_registered_for_tick(survey):
    assert "surveys.reminders" in JOBS
    survey.open()
    survey.clock(dt.date(2026, 12, 31))
    call_command("tick")
    assert reminders().exists()
