"""The quarters the HR service has still to prepare or open (seed 002 p.22 ¶6): a task of the
board and the reminders (due.py), due on the day the actual KPI values are due — inside Q4 — and
reminded from the day the quarter can be prepared (methodology.sjc2023_periods)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from bagalau.evaluations.models import Period, PeriodKind, PeriodStatus, ScheduleStatus
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import actuals_due
from bagalau.methodology.sjc2023_periods import quarter_prepare_from
from bagalau.notifications.due import HR_SERVICE, DueTask, _Run


def quarters_to_prepare(run: _Run) -> Iterator[DueTask]:
    """Quarters of approved schedules not opened yet: the HR service prepares them so that the
    actual values can be entered by their date (the notices of p.26 and p.30 need no one)."""
    periods = (
        Period.objects.filter(run.scope("schedule__organisation"))
        .filter(
            kind=PeriodKind.QUARTER,
            status=PeriodStatus.SCHEDULED,
            schedule__status=ScheduleStatus.APPROVED,
        )
        .select_related("schedule")
        .order_by("pk")
    )
    for period in periods:
        if period.number is None:
            continue
        try:
            rules = sjc2023_rules(get_edition(period.schedule.edition))
            due = actuals_due(rules, run.calendar, period.deadline)
        except (MethodologyError, ValueError):
            continue
        url = reverse("evaluations:schedule_roster", args=[period.pk])
        organisation_id = period.schedule.organisation_id
        yield DueTask(
            kind="quarter_prepare",
            pk=period.pk,
            organisation_id=organisation_id,
            unit=None,
            servant="—",
            subject=str(period),
            due=due,
            recipients=run.people.hr_staff(organisation_id),
            who=str(HR_SERVICE),
            url=url,
            board_url=url,
            params={"period": period, "due": f"{due:%d.%m.%Y}"},
            remind_on=quarter_prepare_from(period.schedule.year, period.number),
        )
