"""Reminders N working days before each due date and overdue notices the first working day after
it (reminders.py), run by `manage.py tick`: to whom, when (across weekends and holidays), once,
never for a finished task, never with a score."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from bagalau.core.jobs import JOBS
from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification
from bagalau.notifications.reminders import reminders_send
from bagalau.notifications.selectors import notification_text
from bagalau.org.models import CalendarTransfer
from tests.notifications.conftest import (
    AFTER_NAURYZ,
    BEFORE_NAURYZ,
    NEXT_DAY,
    RESULT_TEXTS,
    aware,
    mine,
    sheet,
    signed,
)

pytestmark = pytest.mark.django_db


def tick() -> str:
    """`manage.py tick`, as cron runs it."""
    out = StringIO()
    call_command("tick", stdout=out)
    return out.getvalue()


def of(case, prefix: str) -> list[tuple[str, str]]:
    """The case's own notifications of `prefix` (remind/overdue) as (username, kind)."""
    return [item for item in mine() if item[1] == f"{prefix}_{case.kind}"]


def test_the_job_is_registered_for_tick():
    assert "notifications.reminders" in JOBS
    assert JOBS["notifications.reminders"].order > JOBS["evaluations.finalize_expired"].order


def test_each_kind_is_reminded_then_noticed_once(world, clock, case):
    case.build(world)
    day_before = case.remind_on - dt.timedelta(days=1)
    clock(day_before)
    tick()
    assert of(case, "remind") == []

    clock(case.remind_on)
    output = tick()
    assert "notifications.reminders:" in output
    assert of(case, "remind") == [(user, f"remind_{case.kind}") for user in case.recipients]
    tick()  # the next hour, and again: nothing new
    tick()
    assert of(case, "remind") == [(user, f"remind_{case.kind}") for user in case.recipients]

    clock(case.due)
    tick()
    assert of(case, "overdue") == []

    if case.overdue_on is None:  # sessions: a reminder only
        clock(case.due + dt.timedelta(days=7))
        tick()
        assert of(case, "overdue") == []
        return
    # Between the due date and the first working day after it (a weekend): nothing yet.
    between = case.due + dt.timedelta(days=1)
    if between < case.overdue_on:
        clock(between)
        tick()
        assert of(case, "overdue") == []
    clock(case.overdue_on)
    tick()
    tick()
    assert of(case, "overdue") == [(user, f"overdue_{case.kind}") for user in case.recipients]
    clock(case.overdue_on + dt.timedelta(days=10))
    tick()
    assert of(case, "overdue") == [(user, f"overdue_{case.kind}") for user in case.recipients]
    assert of(case, "remind") == [(user, f"remind_{case.kind}") for user in case.recipients]
    if "notice_also" in case.extra:
        user, kind = case.extra["notice_also"]
        assert [item for item in mine() if item[1] == kind] == [(user, kind)]


def test_a_finished_task_is_neither_reminded_nor_noticed(world, clock, case):
    obj = case.build(world)
    case.finish(world, obj)
    for day in (case.remind_on, case.due, case.overdue_on or case.due, dt.date(2026, 5, 29)):
        clock(day)
        tick()
    assert of(case, "remind") == []
    assert of(case, "overdue") == []


def test_no_reminder_is_sent_late_only_the_notice(world, clock):
    """The job did not run before the due date: no late reminder, just the overdue notice."""
    sheet(world)
    clock(dt.date(2026, 4, 13))
    reminders_send()
    assert mine() == [("a_head", "overdue_sheet")]


def test_the_notice_waits_for_the_first_working_day_after_a_holiday(world, clock):
    """Due Friday 20 March: 21-25 March are Nauryz and its days off, so the notice goes on
    Thursday 26 March."""
    sheet(world, due_date=dt.date(2026, 3, 20))
    for day in (21, 22, 23, 24, 25):
        clock(dt.date(2026, 3, day))
        reminders_send()
    assert mine("overdue") == []
    clock(dt.date(2026, 3, 26))
    reminders_send()
    assert mine("overdue") == [("a_head", "overdue_sheet")]


def test_a_transferred_day_off_counts(world, clock):
    """An administrator moves a day off to Wednesday 8 April: the sheet due Friday 10 April is
    reminded on Tuesday 7 April."""
    CalendarTransfer.objects.create(day_off=dt.date(2026, 4, 8), note="Қаулы")
    sheet(world)
    clock(dt.date(2026, 4, 6))
    reminders_send()
    assert mine() == []
    clock(dt.date(2026, 4, 7))
    reminders_send()
    assert mine() == [("a_head", "remind_sheet")]


@pytest.mark.parametrize(
    ("days", "remind_on"),
    [(1, dt.date(2026, 4, 9)), (3, dt.date(2026, 4, 7)), (5, dt.date(2026, 4, 3))],
)
def test_the_number_of_working_days_is_a_setting(world, clock, settings, days, remind_on):
    settings.NOTIFICATION_REMINDER_WORKING_DAYS = days
    sheet(world)
    clock(remind_on - dt.timedelta(days=1))
    reminders_send()
    assert mine() == []
    clock(remind_on)
    reminders_send()
    assert mine() == [("a_head", "remind_sheet")]


def test_no_reminders_when_the_setting_is_zero(world, clock, settings):
    settings.NOTIFICATION_REMINDER_WORKING_DAYS = 0
    sheet(world)
    for day in (6, 7, 8, 9, 10):
        clock(dt.date(2026, 4, day))
        reminders_send()
    assert mine() == []
    clock(dt.date(2026, 4, 13))
    reminders_send()
    assert mine() == [("a_head", "overdue_sheet")]


def test_a_step_notification_on_the_reminder_day_is_not_repeated(world, clock):
    """Signed on Thursday 19 March, the reminder day of the 26 March familiarisation: the servant
    was just told, so no reminder. Had the familiarisation job not run yet, the overdue notice
    would still go (never a refusal act: seed 002 has none)."""
    signed(world, signed_at=aware(BEFORE_NAURYZ))
    clock(BEFORE_NAURYZ)
    reminders_send()
    assert mine("remind") == []
    clock(NEXT_DAY)
    reminders_send()
    assert mine() == [("a_staff2", "overdue_acknowledge")]


def test_an_unacknowledged_result_is_made_known_not_chased(world, clock):
    """With `tick`, the day after the last day the result counts as made known through the
    information system (p.11) before the reminders run: no overdue notice, the servant is told."""
    evaluation = signed(world)
    clock(NEXT_DAY)
    tick()
    assert mine() == []
    note = Notification.objects.get(kind="result_familiarised")
    assert (note.recipient, note.params["date"]) == (world.a_staff2_user, "26.03.2026")
    evaluation.refresh_from_db()
    assert evaluation.familiarised_on == AFTER_NAURYZ


def test_a_result_in_absentia_is_not_chased(world, clock):
    signed(world, reason="in_absentia")
    for day in (BEFORE_NAURYZ, NEXT_DAY):
        clock(day)
        reminders_send()
    assert mine() == []


def test_no_score_in_any_reminder_or_notice(world, clock, case):
    case.build(world)
    if case.kind != "acknowledge":
        signed(world)  # a scored result is always around
    for day in (case.remind_on, case.overdue_on or case.due):
        clock(day)
        reminders_send()
    notes = Notification.objects.filter(dedupe_key__regex=r"^(remind|overdue):")
    assert notes.exists()
    for note in notes:
        assert not any("score" in key or "rating" in key for key in note.params)
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                text = notification_text(note)
            assert not any(value in text for value in RESULT_TEXTS), text
        named = set(re.findall(r"%\((\w+)\)s", str(MESSAGES[note.kind])))
        assert named <= set(note.params)  # every placeholder is filled


def test_texts_read_in_english(world, clock):
    evaluation = sheet(world)
    clock(dt.date(2026, 4, 8))
    reminders_send()
    note = Notification.objects.get(kind="remind_sheet")
    assert note.params["period"] == f"period:{evaluation.period_id}"  # named when shown
    with translation.override("en"):
        assert notification_text(note) == (
            "Reminder: fill in and sign the evaluation sheet of Бекова Айгүл for "
            "Q1 2026 by 10.04.2026."
        )
    with translation.override("kk"):
        assert "2026" in notification_text(note)
        assert "period:" not in notification_text(note)
    assert note.url == f"/evaluations/sheets/{evaluation.pk}/"
    assert note.dedupe_key == f"remind:sheet:{evaluation.pk}:2026-04-10"


def test_the_report_counts_what_was_sent(world, clock):
    sheet(world)
    signed(world)
    clock(AFTER_NAURYZ)  # the familiarisation's last day: its reminder, missed on 19 March
    report = reminders_send()
    assert (report.reminders, report.overdue) == (1, 0)
    clock(NEXT_DAY)
    report = reminders_send()
    assert (report.reminders, report.overdue) == (0, 1)  # the result; no refusal act (p.11)
    assert str(reminders_send()) == "0 reminders, 0 overdue notices sent"
