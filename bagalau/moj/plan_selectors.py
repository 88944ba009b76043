"""Reads of the App. 1 work plan (seed 001 p.10-13; EDITIONS.md §5.2 B1-B4, §9.4 M-15): its
due date, its versions, the filed copy, and the plans a user sees in a list. The caller has the
plan from `plan_access.workplan_get_for` (404 when not visible; the read is audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from bagalau.core import clock
from bagalau.methodology import get_edition, moj2017_rules
from bagalau.methodology.moj2017_workflow import plan_due
from bagalau.moj.models import WorkPlan, WorkPlanRevision
from bagalau.moj.plan_access import HR_ROLES
from bagalau.org.selectors import (
    assignment_on,
    organisations_where,
    servant_of,
    subordinates,
    work_calendar,
)

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.org.models import Assignment
    from bagalau.workcalendar import WorkCalendar


@dataclass(frozen=True)
class PlanDeadline:
    """The plan's due date (p.10-11), the day it was first filed (None: not yet) and whether
    that day, or today, is after it; shown, never enforced (G-1)."""

    due: dt.date
    filed: dt.date | None
    late: bool


def plan_due_for(
    edition: str, year: int, held: Assignment | None, calendar: WorkCalendar
) -> dt.date:
    """10 January of the year, or the 10th working day after an appointment later in it
    (p.10-11, the engine's `plan_due`): the appointment is the start of `held`, the post the
    servant holds today (or on 31 December of a past year), when it started in the year. The one
    rule the plan page and the reminders (moj.due) both read."""
    rules = moj2017_rules(get_edition(edition))
    appointed = held.start if held is not None and held.start.year == year else None
    return plan_due(rules, calendar, year, appointed)


def work_plan_deadline(plan: WorkPlan) -> PlanDeadline:
    """The plan's due date (`plan_due_for`), the day it was first filed and whether it is late."""
    held = assignment_on(plan.servant, min(clock.today(), dt.date(plan.year, 12, 31)))
    due = plan_due_for(plan.edition, plan.year, held, work_calendar())
    first = plan.revisions.filter(filed_on__isnull=False).order_by("number").first()
    filed = first.filed_on if first is not None else None
    return PlanDeadline(due, filed, (filed or clock.today()) > due)


def filed_revision(plan: WorkPlan) -> WorkPlanRevision | None:
    """The latest filed version: the copy HR and the unit head hold (p.13, M-15)."""
    return plan.revisions.filter(filed_on__isnull=False).order_by("-number").first()


def plan_history(plan: WorkPlan) -> list[WorkPlanRevision]:
    """Every version, the first first, with who drafted and who signed it."""
    return list(plan.revisions.select_related("drafted_by", "manager").order_by("number"))


def work_plans_for(user: User, year: int | None = None) -> list[WorkPlan]:
    """The plans the user draws up (their own and their direct reports' today) and, for the HR
    service, the filed plans of its organisations (the HR copy, p.13); newest year first (a
    list; each plan is opened through `workplan_get_for`)."""
    me = servant_of(user)
    people = [me.pk, *(s.pk for s in subordinates(me, clock.today()))] if me else []
    hr_of = organisations_where(user, *HR_ROLES) if user.is_authenticated else None
    found = Q(servant_id__in=people)
    if hr_of is not None:
        found |= Q(servant__organisation__in=hr_of, revisions__filed_on__isnull=False)
    rows = WorkPlan.objects.filter(found).distinct().select_related("servant")
    if year is not None:
        rows = rows.filter(year=year)
    return list(rows.order_by("-year", "servant__last_name", "pk"))
