"""Reminders before due dates and notices after them: a periodic job run by `manage.py tick`
(hourly from cron in production, at start-up in the demo).

For every open task (due.py) the person who must act gets
- a reminder N working days before the due date (N = settings.NOTIFICATION_REMINDER_WORKING_DAYS,
  2 by default; 0 turns reminders off); calibration participants the working day before the
  session;
- an "overdue" notice the first working day after the due date.
Each goes once (a dedupe key per task, due date and recipient), and only while it applies: a
reminder missed (the job did not run) is not sent after the due date; a task done is no longer
open. A reminder is not sent when the task reached the person on or after the reminder day — the
step notification told them already. No score or rating is ever part of a notification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from bagalau.core import clock
from bagalau.core.jobs import PeriodicJob, register_job
from bagalau.notifications.due import KINDS, DueTask, open_tasks
from bagalau.notifications.models import Notification
from bagalau.notifications.services import notify
from bagalau.org.selectors import work_calendar
from bagalau.workcalendar import WorkCalendar

REMINDER_WORKING_DAYS = 2
#: Dedupe keys looked up per query (SQLite limits the parameters of a statement).
CHUNK = 500


def reminder_working_days() -> int:
    """NOTIFICATION_REMINDER_WORKING_DAYS, else 2 (0: no reminders, only overdue notices)."""
    return max(
        0, int(getattr(settings, "NOTIFICATION_REMINDER_WORKING_DAYS", REMINDER_WORKING_DAYS))
    )


@dataclass(frozen=True)
class Outgoing:
    """One notification to send for a task."""

    task: DueTask
    kind: str
    key: str


@dataclass(frozen=True)
class ReminderReport:
    """What a run sent."""

    reminders: int
    overdue: int

    def __str__(self) -> str:
        return f"{self.reminders} reminders, {self.overdue} overdue notices sent"


def reminder_key(task: DueTask) -> str:
    """The dedupe key of a task's reminder (a new due date is a new reminder)."""
    return f"remind:{task.kind}:{task.pk}:{task.due.isoformat()}"


def overdue_key(task: DueTask) -> str:
    """The dedupe key of a task's overdue notice."""
    return f"overdue:{task.kind}:{task.pk}:{task.due.isoformat()}"


def _reminder(task: DueTask, today: dt.date, days: int, calendar: WorkCalendar) -> bool:
    """Whether today is inside the task's reminder window and the step notification did not
    arrive on or after the reminder day."""
    if days <= 0:
        return False
    remind_on = task.remind_on or calendar.add_working_days(task.due, -days)
    until = task.remind_until or task.due
    if not remind_on <= today <= until:
        return False
    return task.started is None or task.started < remind_on


def _overdue(task: DueTask, today: dt.date, calendar: WorkCalendar) -> bool:
    """Whether the first working day after the due date has come."""
    return today >= calendar.next_working_day(task.due + dt.timedelta(days=1))


def outgoing(
    tasks: list[DueTask], *, today: dt.date, days: int, calendar: WorkCalendar
) -> list[Outgoing]:
    """The reminders and notices the tasks call for today (before the dedupe)."""
    result = []
    for task in tasks:
        kind = KINDS[task.kind]
        try:
            if kind.remind and _reminder(task, today, days, calendar):
                result.append(Outgoing(task, f"remind_{task.kind}", reminder_key(task)))
            if kind.notice and _overdue(task, today, calendar):
                result.append(Outgoing(task, f"overdue_{task.kind}", overdue_key(task)))
        except ValueError:  # a date outside the years the calendar covers
            continue
    return result


def _already_sent(keys: set[str]) -> set[tuple[int, str]]:
    sent: set[tuple[int, str]] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        sent.update(
            Notification.objects.filter(dedupe_key__in=ordered[start : start + CHUNK]).values_list(
                "recipient_id", "dedupe_key"
            )
        )
    return sent


def reminders_send(*, today: dt.date | None = None) -> ReminderReport:
    """Send today's reminders and overdue notices, each once."""
    today = today or clock.today()
    calendar = work_calendar()
    items = outgoing(
        open_tasks(calendar=calendar), today=today, days=reminder_working_days(), calendar=calendar
    )
    sent = _already_sent({item.key for item in items})
    counts = {"remind": 0, "overdue": 0}
    for item in items:
        for user in item.task.recipients:
            if (user.pk, item.key) in sent:
                continue
            notification: Any = notify(
                recipient=user,
                kind=item.kind,
                params=item.task.params,
                url=item.task.url,
                dedupe_key=item.key,
            )
            sent.add((user.pk, item.key))
            if notification is not None:
                counts[item.key.split(":", 1)[0]] += 1
    return ReminderReport(reminders=counts["remind"], overdue=counts["overdue"])


def _job() -> str:
    return str(reminders_send())


def register() -> None:
    """The periodic job (after the evaluations' jobs, so finalised results are not chased)."""
    register_job(PeriodicJob(key="notifications.reminders", run=_job, order=90))
