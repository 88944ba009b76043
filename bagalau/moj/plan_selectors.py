"""Reads of the App. 1 work plan (seed 001 p.10-13; EDITIONS.md §5.2 B1-B4, §9.4 M-15): its
due date, its versions, the filed copy, and the plans a user sees in a list. The caller has the
plan from `plan_access.workplan_get_for` (404 when not visible; the read is audited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from bagalau.core import clock
from bagalau.core.collation import kazakh_order
from bagalau.methodology import get_edition, moj2017_rules
from bagalau.methodology.moj2017_workflow import plan_due
from bagalau.moj.models import WorkPlan, WorkPlanRevision
from bagalau.org.access import HR_ROLES
from bagalau.org.manager_ids import reports_today
from bagalau.org.models import Assignment, Servant
from bagalau.org.selectors import (
    organisations_where,
    servant_of,
    work_calendar,
)

if TYPE_CHECKING:
    from bagalau.core.types import User
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


def _held_on(plans: list[WorkPlan]) -> dict[int, Assignment | None]:
    """Per plan, the post its servant holds today, or on 31 December of a past year (what
    `org.selectors.assignment_on` reads for one servant: the latest started on the day), from
    one query for every plan's servant."""
    today = clock.today()
    day = {plan.pk: min(today, dt.date(plan.year, 12, 31)) for plan in plans}
    posts: dict[int, list[Assignment]] = {}
    found = Assignment.objects.filter(
        servant_id__in={plan.servant_id for plan in plans}, start__lte=max(day.values())
    ).filter(Q(end__isnull=True) | Q(end__gte=min(day.values())))
    for post in found.order_by("-start", "pk"):
        posts.setdefault(post.servant_id, []).append(post)
    return {
        plan.pk: next(
            (
                post
                for post in posts.get(plan.servant_id, [])
                if post.start <= day[plan.pk] and (post.end is None or post.end >= day[plan.pk])
            ),
            None,
        )
        for plan in plans
    }


def _first_filed(plans: list[WorkPlan]) -> dict[int, dt.date]:
    """Per plan, the day its first filed version was filed (p.13), from one query."""
    first: dict[int, dt.date] = {}
    filed = WorkPlanRevision.objects.filter(
        plan__in=[plan.pk for plan in plans], filed_on__isnull=False
    ).order_by("plan_id", "number")
    for plan_id, day in filed.values_list("plan_id", "filed_on"):
        if day is not None:
            first.setdefault(plan_id, day)
    return first


def work_plan_deadlines(plans: Iterable[WorkPlan]) -> dict[int, PlanDeadline]:
    """Each plan's due date (`plan_due_for`, once per plan), the day it was first filed and
    whether it is late, by plan id; the posts, the filing days and the calendar are read in a
    fixed number of queries whatever the number of plans (issue 12 item 3)."""
    plans = list(plans)
    if not plans:
        return {}
    held, filed, calendar = _held_on(plans), _first_filed(plans), work_calendar()
    today = clock.today()
    found = {}
    for plan in plans:
        due = plan_due_for(plan.edition, plan.year, held[plan.pk], calendar)
        day = filed.get(plan.pk)
        found[plan.pk] = PlanDeadline(due, day, (day or today) > due)
    return found


def work_plan_deadline(plan: WorkPlan) -> PlanDeadline:
    """The plan's due date (`plan_due_for`), the day it was first filed and whether it is late."""
    return work_plan_deadlines([plan])[plan.pk]


def filed_revision(plan: WorkPlan) -> WorkPlanRevision | None:
    """The latest filed version: the copy HR and the unit head hold (p.13, M-15)."""
    return plan.revisions.filter(filed_on__isnull=False).order_by("-number").first()


def plan_history(plan: WorkPlan) -> list[WorkPlanRevision]:
    """Every version, the first first, with who drafted and who signed it."""
    return list(plan.revisions.select_related("drafted_by", "manager").order_by("number"))


def plan_people(user: User) -> list[Servant]:
    """Whose plans the user draws up: their own and their direct reports' today (p.10), from
    the structure's remembered managers (`org.manager_ids.reports_today`: the whole structure
    was read on every view of the plans page, 0.6 s at 10,000 servants); `work_plan_create`
    checks the manager itself."""
    me = servant_of(user)
    return [me, *reports_today(me, clock.today())] if me is not None else []


def work_plans_visible(
    user: User, year: int | None = None, people: list[Servant] | None = None
) -> QuerySet[WorkPlan]:
    """The plans the user draws up (`plan_people`, or `people` when the caller has them) and,
    for the HR service, the filed plans of its organisations (the HR copy, p.13); newest year
    first, then the servants in Kazakh alphabetical order (core.collation), for a page to cut in
    the database; each plan is opened through `workplan_get_for`."""
    drafters = plan_people(user) if people is None else people
    hr_of = organisations_where(user, *HR_ROLES) if user.is_authenticated else None
    found = Q(servant_id__in=[servant.pk for servant in drafters])
    if hr_of is not None:
        filed = WorkPlanRevision.objects.filter(plan=OuterRef("pk"), filed_on__isnull=False)
        found |= Q(servant__organisation__in=hr_of) & Q(Exists(filed))
    rows = WorkPlan.objects.filter(found).select_related("servant")
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by(
        "-year",
        kazakh_order("servant__last_name"),
        kazakh_order("servant__first_name"),
        "pk",
    )


def work_plans_for(user: User, year: int | None = None) -> list[WorkPlan]:
    """Every plan of `work_plans_visible`, as a list."""
    return list(work_plans_visible(user, year))
