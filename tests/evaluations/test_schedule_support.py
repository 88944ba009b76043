"""Helpers shared by the schedule tests (no tests here): a schedule drafted, submitted and
approved through the services, and quick look-ups."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bagalau.evaluations.models import Period, PeriodKind, Schedule
from bagalau.evaluations.services.schedule import (
    schedule_approve,
    schedule_draft,
    schedule_submit,
)

YEAR = 2026


def drafted(world: Any, year: int = YEAR) -> Schedule:
    """A draft schedule of the world's organisation, drafted by HR staff."""
    return schedule_draft(actor=world.hr_staff_user, organisation=world.org, year=year)


def approved(world: Any, year: int = YEAR) -> Schedule:
    """A schedule drafted by HR, submitted and approved by the head of the apparatus."""
    schedule = drafted(world, year)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    schedule_approve(actor=world.head_user, schedule_id=schedule.pk)
    schedule.refresh_from_db()
    return schedule


def quarter(schedule: Schedule, number: int) -> Period:
    """A quarter of the schedule."""
    return schedule.periods.get(kind=PeriodKind.QUARTER, number=number)


def line(schedule: Schedule, kind: str) -> Period:
    """The annual or 360 line of the schedule."""
    return schedule.periods.get(kind=kind)


def d(text: str) -> dt.date:
    """A date written as the sheets print it: "10.04.2026"."""
    return dt.datetime.strptime(text, "%d.%m.%Y").date()  # noqa: DTZ007
