"""Reads of the plans app: plans by the viewer's part in them, tasks, history, posts to plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from bagalau.core import clock
from bagalau.core.language import reader_language
from bagalau.core.types import account
from bagalau.methodology import get_edition, sjc2023_rules, typical2018_rules
from bagalau.methodology.decisions import decision_rules, has_decision_rules
from bagalau.org.access import HR_ROLES, OVERVIEW_ROLES
from bagalau.org.models import Assignment, Organisation, Servant
from bagalau.org.selectors import (
    evaluated_by_kpi_q,
    organisation_edition,
    organisations_where,
    structure_rules,
)
from bagalau.plans.access import TYPICAL_EDITIONS, plans_visible_to
from bagalau.plans.kpi_data import kpi_snapshot
from bagalau.plans.models import (
    KPI_FIELDS,
    PLAN_FLOW,
    TYPICAL_PLAN_FLOW,
    ChangeStatus,
    Direction,
    Kpi,
    PlanChange,
    PlanStatus,
    WorkPlan,
)

if TYPE_CHECKING:
    from bagalau.core.types import User

TABS = ("mine", "draft", "approve", "overview")


def plans_for_tab(user: User, tab: str, *, year: int | None = None) -> QuerySet[WorkPlan]:
    """The plans of a tab of the "Work plans" page: the viewer's own plan (mine), the plans the
    viewer drafts as evaluator (draft), approves as superior manager (approve), or all plans of
    the organisations where the viewer is HR or the head of the apparatus (overview)."""
    if not user.is_authenticated:
        return WorkPlan.objects.none()
    plans = plans_visible_to(user)
    if tab == "mine":
        plans = plans.filter(servant__user=user)
    elif tab == "draft":
        plans = plans.filter(evaluator__user=user)
    elif tab == "approve":
        plans = plans.filter(approver__user=user)
    elif tab == "overview":
        plans = plans.filter(organisation__in=organisations_where(user, *OVERVIEW_ROLES))
    else:
        return plans.none()
    if year is not None:
        plans = plans.filter(year=year)
    return plans.order_by("-year", "servant__last_name", "servant__first_name", "pk")


def tabs_for(user: User) -> list[str]:
    """The tabs that have something for `user` (overview: HR and the head of the apparatus)."""
    tabs = [tab for tab in TABS if tab != "overview" and plans_for_tab(user, tab).exists()]
    if organisations_where(user, *OVERVIEW_ROLES).exists():
        tabs.append("overview")
    return tabs


def has_plans_to_see(user: User) -> bool:
    """Whether the "Work plans" menu entry is shown."""
    if not user.is_authenticated:
        return False
    return organisations_where(user, *OVERVIEW_ROLES).exists() or plans_visible_to(user).exists()


def plan_years(user: User) -> list[int]:
    """The years of the plans `user` may see, newest first, with the current year."""
    years = set(plans_visible_to(user).values_list("year", flat=True))
    years.add(clock.today().year)
    return sorted(years, reverse=True)


def kpi_limits(plan: WorkPlan) -> tuple[int, int]:
    """How many KPIs the plan's edition asks for: 3 to 5 in sjc-2023 (p.23), exactly 5 in
    typical-2018 (seed 004 p.14)."""
    if plan.is_typical:
        count = typical2018_rules(get_edition(plan.edition)).kpi_count
        return count, count
    edition = organisation_edition(plan.organisation, plan.period_start)
    rules = sjc2023_rules(edition)
    return rules.kpi.min_count, rules.kpi.max_count


def kpis_of(plan: WorkPlan) -> list[Kpi]:
    """The plan's KPIs in App. 1 order."""
    return list(plan.kpis.order_by("number"))


def plan_history(plan: WorkPlan) -> QuerySet[PlanChange]:
    """Every change of the approved plan, newest first, with its ground (p.25)."""
    return plan.changes.select_related("changed_by", "approved_by").order_by("-changed_at", "-id")


def change_grounds(plan: WorkPlan) -> list[tuple[str, str]]:
    """The grounds of p.25 (code, label in the current language) under the plan's edition."""
    edition = organisation_edition(plan.organisation, clock.today())
    if not has_decision_rules(edition):
        return []
    language = reader_language()
    return [
        (choice.code, choice.label.get(language))
        for choice in decision_rules(edition).change_grounds
    ]


def _kpi_rows(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The KPIs that differ between two versions, by number: added, removed or changed with the
    fields before and after."""
    labels = {name: getattr(Kpi._meta.get_field(name), "verbose_name", name) for name in KPI_FIELDS}
    directions = dict(Direction.choices)
    old = {kpi["number"]: kpi for kpi in before}
    new = {kpi["number"]: kpi for kpi in after}
    rows = []
    for number in sorted(set(old) | set(new)):
        was, now = old.get(number, {}), new.get(number, {})
        fields = []
        for name in KPI_FIELDS:
            a, b = was.get(name), now.get(name)
            if a == b:
                continue
            if name == "direction":
                a, b = directions.get(str(a), a), directions.get(str(b), b)
            fields.append({"label": labels[name], "old": a, "new": b})
        if fields:
            kind = "added" if not was else "removed" if not now else "changed"
            rows.append({"number": number, "kind": kind, "fields": fields})
    return rows


def plan_history_rows(plan: WorkPlan) -> list[dict[str, Any]]:
    """The history for display: each change with its ground and act, who opened and approved it,
    and the KPIs that differ between the version before and the one approved (or, while the
    change is open, the current draft)."""
    grounds = dict(change_grounds(plan))
    current = [kpi_snapshot(kpi) for kpi in plan.kpis.order_by("number")]
    result = []
    for change in plan_history(plan).select_related("changed_by__servant"):
        after = change.after.get("kpis", []) if change.status == ChangeStatus.APPROVED else current
        result.append(
            {
                "change": change,
                "changed_at": change.changed_at,
                "changed_by": change.changed_by,
                "ground": grounds.get(change.ground, change.ground),
                "reference": change.reference,
                "open": change.status == ChangeStatus.OPEN,
                "approved_at": change.approved_at,
                "kpis": _kpi_rows(change.before.get("kpis", []), after),
            }
        )
    return result


@dataclass(frozen=True)
class PlanTask:
    """Something the viewer has to do with a plan, and by when."""

    plan: WorkPlan
    action: str
    due: dt.date | None
    overdue: bool


#: (action, part, statuses) of the dashboard's tasks.
_TASKS = (
    ("draft", "evaluator", (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.CHANGING)),
    ("submit", "evaluator", (PlanStatus.HR_AGREED,)),
    ("agree", "hr", (PlanStatus.SENT_TO_HR,)),
    ("post", "hr", (PlanStatus.APPROVED,)),
    ("approve", "approver", (PlanStatus.SUBMITTED,)),
)


def _locked() -> Q:
    """`WorkPlan.is_locked` as a filter: each flow's locked statuses, read once per flow."""
    typical = Q(edition__in=TYPICAL_EDITIONS)
    return (typical & Q(status__in=TYPICAL_PLAN_FLOW.group("locked"))) | (
        ~typical & Q(status__in=PLAN_FLOW.group("locked"))
    )


def _task_filters(user: User) -> list[tuple[str, Q]]:
    """Per action of `_TASKS`, the filter of the plans waiting for `user`, on the plan's own
    columns: the user's servant records and HR organisations are read first (two small
    queries), so that the alternatives of every action in one query are each read through an
    index instead of making the database scan every plan."""
    hr_of = list(organisations_where(user, *HR_ROLES).values_list("pk", flat=True))
    mine = list(Servant.objects.filter(user=account(user)).values_list("pk", flat=True))
    parts = {
        "evaluator": Q(evaluator_id__in=mine),
        "approver": Q(approver_id__in=mine),
        "hr": Q(organisation_id__in=hr_of),
    }
    found = []
    for action, part, statuses in _TASKS:
        waiting = parts[part] & Q(status__in=statuses)
        if action == "post":
            # A typical-2018 plan is kept by HR, not posted (seed 004 p.15).
            waiting &= ~Q(edition__in=TYPICAL_EDITIONS)
        found.append((action, waiting))
    return found


def _waiting(filters: list[tuple[str, Q]]) -> QuerySet[WorkPlan]:
    """The plans waiting for one of the actions (a plan waits for one action: its status names
    it, so no plan is found twice). Each part of a task (the evaluator, the approver, the
    organisation's HR service) is one of those `plans_visible_to` lets see the plan, so the
    filter needs no other visibility clause."""
    waiting = Q(pk__in=[])
    for _action, each in filters:
        waiting |= each
    return WorkPlan.objects.filter(waiting)


def _listed(filters: list[tuple[str, Q]], today: dt.date) -> QuerySet[Any]:
    """The waiting plans, each annotated with its action, its due date and whether it is
    overdue (`WorkPlan.is_posting_overdue` / `is_draft_overdue` in the database: date
    comparisons and whether a change was opened), overdue first, then by due date and plan, in
    one query whatever the number of actions."""
    post = dict(filters)["post"]
    posting_late = Q(status=PlanStatus.APPROVED, posting_due__lt=today)
    draft_late = (
        ~_locked()
        & Q(draft_due__lt=today)
        & ~Exists(PlanChange.objects.filter(plan=OuterRef("pk")))
    )
    due = Case(When(post, then=F("posting_due")), default=F("draft_due"))
    return (
        _waiting(filters)
        .select_related("servant")  # what the panel shows: each join more costs planning time
        .annotate(
            task_action=Case(
                *(When(each, then=Value(action)) for action, each in filters),
                output_field=CharField(),
            ),
            task_due=due,
            task_overdue=Case(
                When(post & posting_late, then=Value(True)),
                When(post, then=Value(False)),
                When(draft_late, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-task_overdue", F("task_due").asc(nulls_last=True), "pk")
    )


def _tasks_of(filters: list[tuple[str, Q]], limit: int | None) -> list[PlanTask]:
    plans = _listed(filters, clock.today())
    rows = plans if limit is None else plans[:limit]
    return [PlanTask(plan, plan.task_action, plan.task_due, plan.task_overdue) for plan in rows]


def plan_tasks(user: User, *, limit: int | None = None) -> list[PlanTask]:
    """The plans waiting for `user`: to draft or submit (evaluator), to agree or post (HR), to
    approve (superior manager); overdue ones first, then by due date; the first `limit` of them
    (all when None), in the same three queries whatever their number (issue 12 item 3)."""
    if not user.is_authenticated:
        return []
    return _tasks_of(_task_filters(user), limit)


def plan_task_count(user: User) -> int:
    """How many tasks `plan_tasks` finds for `user`, counted in one query."""
    if not user.is_authenticated:
        return 0
    return _waiting(_task_filters(user)).count()


def plan_task_panel(user: User, limit: int) -> tuple[list[PlanTask], int]:
    """The first `limit` tasks of `plan_tasks` and how many there are in all, the user's parts
    read once for both."""
    if not user.is_authenticated:
        return [], 0
    filters = _task_filters(user)
    tasks = _tasks_of(filters, limit)
    return tasks, _waiting(filters).count() if tasks else 0


def manager_assignments(organisation: Organisation, year: int) -> QuerySet[Assignment]:
    """Assignments to posts evaluated by KPI (p.21) held at some point in `year`."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        Assignment.objects.select_related("servant", "position__unit")
        .filter(servant__organisation=organisation, start__lte=last)
        .filter(evaluated_by_kpi_q(structure_rules(organisation, last), "position__"))
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .exclude(position__category="")
        .order_by("servant__last_name", "servant__first_name", "start", "pk")
    )


def evaluated_assignments(organisation: Organisation, year: int) -> QuerySet[Assignment]:
    """Assignments to "B" corps posts (those with a category) held at some point in `year`: in
    the typical-2018 model every evaluated servant has a work plan (seed 004 p.9)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        Assignment.objects.select_related("servant", "position__unit")
        .filter(servant__organisation=organisation, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .exclude(position__category="")
        .order_by("servant__last_name", "servant__first_name", "start", "pk")
    )
