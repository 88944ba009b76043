"""Who is evaluated how in a quarter (seed 002 p.4-6, p.21, p.28): each servant's eligibility,
evaluator, work plan and notice, computed from the structure and the absences; the roster a user
may read (`roster_for`, scoped by `schedule.roster_scope`). No score or rating is read here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.lean import lean
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method, Period, PeriodKind
from bagalau.evaluations.selectors.schedule import PLAN_IN_FORCE, roster_scope, rules_of
from bagalau.evaluations.workflow import OPEN
from bagalau.methodology import get_edition
from bagalau.methodology import sjc2023 as engine
from bagalau.notifications.models import Notification
from bagalau.org.models import Absence, Assignment, EndReason, Organisation, Position, Servant, Unit
from bagalau.org.selectors import (
    StructureIndex,
    assignment_manager,
    work_calendar,
)
from bagalau.org.tree import may_report_to, tree_paths
from bagalau.plans.models import WorkPlan

if TYPE_CHECKING:
    from bagalau.core.types import User


def evaluator_by_structure(evaluation: Evaluation, day: dt.date) -> Servant | None:
    """Who the structure names on `day` as the evaluator of `evaluation`: the direct manager of
    the evaluated post, also when its holder has left it, so that the dismissed are still
    evaluated in absentia (seed 002 p.2, p.6)."""
    return assignment_manager(evaluation.assignment, day)


def notice_key(period: Period, servant_id: int) -> str:
    """Dedupe key of the servant's evaluation notice (p.26, p.30)."""
    return f"period{period.pk}:notice:{servant_id}"


def sheet_key(period: Period, servant_id: int) -> str:
    """Dedupe key of the evaluator's "fill in the sheet" notification."""
    return f"period{period.pk}:sheet:{servant_id}"


def actuals_key(period: Period, servant_id: int) -> str:
    """Dedupe key of HR's "enter the actual KPI values" notification (p.22)."""
    return f"period{period.pk}:actuals:{servant_id}"


REASON_STATUS = {
    "too_short": EvaluationStatus.NOT_EVALUATED,
    "absent": EvaluationStatus.DEFERRED,
    "in_absentia": EvaluationStatus.PENDING,
    "evaluated": EvaluationStatus.PENDING,
}


@dataclass(frozen=True)
class RosterRow:
    """One servant of a quarter: how they are evaluated, by whom and by when.

    Before the period opens every value is computed from the structure; once an evaluation exists
    its stored method, reason, evaluator and due date are shown (reopening never changes them).
    """

    servant: Servant
    assignment: Assignment
    method: str
    reason: str
    due: dt.date
    evaluator: Servant | None
    notify_by: dt.date
    plan: WorkPlan | None = None
    evaluation: Evaluation | None = None
    notified_on: dt.date | None = None
    #: The evaluator the structure names today when it is not the stored one and the sheet is
    #: unsigned: HR may give the evaluation to them.
    reassign_to: Servant | None = None

    @property
    def position(self) -> Position:
        """The post evaluated."""
        return self.assignment.position

    @property
    def unit(self) -> Unit:
        """The unit of the post."""
        return self.assignment.position.unit

    @property
    def evaluated(self) -> bool:
        """False only for servants under 3 months in post (p.5)."""
        return self.reason != "too_short"

    @property
    def status(self) -> str:
        """The evaluation's status, or the one opening the period will give it."""
        if self.evaluation is not None:
            return self.evaluation.status
        return REASON_STATUS.get(self.reason, EvaluationStatus.PENDING)

    @property
    def unsigned(self) -> bool:
        """Still waiting for the evaluator (the workflow's `open` group)."""
        return self.status in OPEN

    @property
    def status_label(self) -> str:
        """The status in the reader's language."""
        return str(EvaluationStatus(self.status).label)

    @property
    def method_label(self) -> str:
        """KPI or differentiation, in the reader's language."""
        return str(Method(self.method).label)

    @property
    def reason_text(self) -> str:
        """The eligibility in words (p.5, p.6)."""
        if self.reason == "too_short":
            return gettext("under 3 months in post")
        if self.reason == "absent":
            return gettext("absent: KPI evaluation due %(due)s") % {
                "due": self.due.strftime("%d.%m.%Y")
            }
        if self.reason == "in_absentia":
            return gettext("dismissed: evaluated in absentia")
        return gettext("evaluated")

    @property
    def notice_late(self) -> bool:
        """The notice went out after the date p.26/p.30 set for it."""
        return self.notified_on is not None and self.notified_on > self.notify_by

    @property
    def plan_missing(self) -> bool:
        """A manager evaluated by KPI without an approved (or posted) work plan."""
        return (
            self.method == Method.KPI
            and self.evaluated
            and (self.plan is None or self.plan.status not in PLAN_IN_FORCE)
        )


def _chosen(overlapping: QuerySet[Assignment], end: dt.date) -> QuerySet[Assignment]:
    """Of `overlapping` (assignments overlapping the quarter), each servant's assignment covering
    the quarter's last day, else the last one; posts without a "B" corps category (the head of
    the apparatus) are left out. A window ranks each servant's assignments: covering the last day
    first, then the latest start, then the latest created."""
    covers_end = Case(When(Q(end__isnull=True) | Q(end__gte=end), then=Value(0)), default=Value(1))
    ranked = overlapping.annotate(
        _rank=Window(
            RowNumber(),
            partition_by=[F("servant_id")],
            order_by=[covers_end.asc(), F("start").desc(), F("pk").desc()],
        )
    )
    chosen = ranked.filter(_rank=1).values("pk")
    return Assignment.objects.filter(pk__in=chosen).exclude(position__category="")


def _overlapping(start: dt.date, end: dt.date, not_in: Period | None) -> QuerySet[Assignment]:
    overlapping = Assignment.objects.filter(start__lte=end).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if not_in is not None:
        # NOT EXISTS, not NOT IN: PostgreSQL answers it with one hashed anti-join (issue 12)
        held = Evaluation.objects.filter(period=not_in, servant_id=OuterRef("servant_id"))
        overlapping = overlapping.filter(~Exists(held))
    return overlapping


def chosen_queryset(
    organisation: Organisation, start: dt.date, end: dt.date, *, not_in: Period | None = None
) -> QuerySet[Assignment]:
    """Per servant of the organisation (or for those `not_in` a period yet), the assignment
    covering the quarter's last day, else the last one overlapping the quarter; posts without a
    "B" corps category (the head of the apparatus) are left out (`_chosen`). In SQL, so that a
    roster can be filtered, ordered and cut into pages in the database (issue 12 item 3)."""
    overlapping = _overlapping(start, end, not_in).filter(servant__organisation=organisation)
    return _chosen(overlapping, end)


def _with_posts(chosen: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """The chosen assignments with their servant, user, position and unit, without the columns
    no roster reads (`core.lean`)."""
    related = ("servant", "servant__user", "position", "position__unit")
    return lean(chosen.select_related(*related), *related)


def chosen_assignments(
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    *,
    servant_id: int | None = None,
    servant_ids: Iterable[int] | None = None,
    not_in: Period | None = None,
) -> list[Assignment]:
    """`chosen_queryset`'s assignments (or those of one servant, or of `servant_ids`) with their
    servant and unit, by servant (one query; for given servants, read from their ids and kept
    when they are of the organisation)."""
    if servant_id is None and servant_ids is None:
        chosen = chosen_queryset(organisation, start, end, not_in=not_in)
        return list(_with_posts(chosen).order_by("servant_id"))
    given = None if servant_ids is None else set(servant_ids)
    if servant_id is not None:
        ids = [servant_id] if given is None or servant_id in given else []
    else:
        ids = sorted(given or ())
    overlapping = _overlapping(start, end, not_in).filter(servant_id__in=ids)
    chosen = _with_posts(_chosen(overlapping, end))
    return [
        a for a in chosen.order_by("servant_id") if a.servant.organisation_id == organisation.pk
    ]


def _of(servants: list[int], organisation: Organisation | None) -> Q:
    """Rows of these servants: of every servant of `organisation` when it is given (the whole
    roster: a join, not a list of every id in the query)."""
    if organisation is not None:
        return Q(servant__organisation=organisation)
    return Q(servant_id__in=servants)


def _plans(
    servants: list[int], year: int, organisation: Organisation | None
) -> dict[int, list[WorkPlan]]:
    plans: dict[int, list[WorkPlan]] = defaultdict(list)
    for plan in WorkPlan.objects.filter(_of(servants, organisation), year=year).order_by(
        "-created_at", "-pk"
    ):
        plans[plan.servant_id].append(plan)
    return plans


def _plan_for(plans: list[WorkPlan], assignment: Assignment) -> WorkPlan | None:
    for plan in plans:
        if plan.assignment_id == assignment.pk:
            return plan
    return plans[0] if plans else None


def _later_starts(chosen: list[Assignment], deadline: dt.date) -> dict[int, list[dt.date]]:
    """The start of every post of each servant whose chosen post ended by the deadline (one
    query): whether a later one follows (`_left_the_apparatus`)."""
    ended = [a.servant_id for a in chosen if a.end is not None and a.end <= deadline]
    starts: dict[int, list[dt.date]] = defaultdict(list)
    for servant_id, start in Assignment.objects.filter(servant_id__in=ended).values_list(
        "servant_id", "start"
    ):
        starts[servant_id].append(start)
    return starts


def _left_the_apparatus(
    assignment: Assignment, deadline: dt.date, starts: dict[int, list[dt.date]]
) -> bool:
    """Dismissed, or out of every post of the organisation by the deadline with no later one
    (whatever reason HR recorded): evaluated in absentia (p.6). `starts`: `_later_starts`."""
    if assignment.end_reason == EndReason.DISMISSAL:
        return True
    end = assignment.end
    return (
        end is not None
        and end <= deadline
        and not any(start > end for start in starts.get(assignment.servant_id, []))
    )


def _absences_of(
    servant_ids: list[int], start: dt.date, end: dt.date, organisation: Organisation | None = None
) -> dict[int, list[tuple[dt.date, dt.date]]]:
    """Each servant's absences overlapping [start, end], in one query (`_of`)."""
    found: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    rows = Absence.objects.filter(_of(servant_ids, organisation), start__lte=end, end__gte=start)
    for servant_id, first, last in rows.order_by("start", "pk").values_list(
        "servant_id", "start", "end"
    ):
        found[servant_id].append((first, last))
    return found


def computed_roster(period: Period, *, servant_ids: Iterable[int] | None = None) -> list[RosterRow]:
    """Who is evaluated how for a quarter, from the structure and absences as they are now
    (methodology.sjc2023.quarter_eligibility); in unit order, heads first. With `servant_ids`,
    only their rows (a page of the roster), in the same number of queries."""
    if period.kind != PeriodKind.QUARTER or period.number is None:
        raise DomainError(
            "kind", N_("A roster is drawn up for a quarter, not for the annual result or 360.")
        )
    schedule = period.schedule
    rules, calendar = rules_of(schedule), work_calendar()
    year, quarter = schedule.year, period.number
    start, end = engine.quarter_bounds(year, quarter)
    deadline = engine.quarter_deadline(rules, year, quarter)
    chosen = chosen_assignments(schedule.organisation, start, end, servant_ids=servant_ids)
    ids = [a.servant_id for a in chosen]
    everyone = schedule.organisation if servant_ids is None else None
    plans = _plans(ids, year, everyone)
    absent = _absences_of(ids, start, deadline, everyone)
    later = _later_starts(chosen, deadline)
    around = None if servant_ids is None else [a.servant_id for a in chosen]
    at_quarter_end = StructureIndex(schedule.organisation, end, around=around)
    structure = get_edition(schedule.edition).structure
    # Those who left their post in the quarter: the structure on the day each left, one index
    # around everyone who left on that day.
    left: dict[dt.date, list[int]] = defaultdict(list)
    for assignment in chosen:
        if not assignment.covers(end):
            left[assignment.end or end].append(assignment.servant_id)
    on_leaving: dict[dt.date, StructureIndex] = {}
    rows = []
    for assignment in chosen:
        servant = assignment.servant
        post = engine.PostHeld(
            start=assignment.start,
            end=assignment.end,
            is_manager=assignment.position.evaluated_by_kpi(structure),
            dismissed=_left_the_apparatus(assignment, deadline, later),
        )
        absences = absent.get(servant.pk, [])
        eligibility = engine.quarter_eligibility(
            rules, calendar, year=year, quarter=quarter, post=post, absences=absences
        )
        # The evaluator is the direct manager when the quarter ends, or on the day the servant
        # left the post (p.6: the dismissed are evaluated in absentia by their last manager).
        on = end if assignment.covers(end) else (assignment.end or end)
        if not eligibility.evaluated:
            evaluator = None
        elif on == end:
            evaluator = at_quarter_end.direct_manager(servant)
        else:
            if on not in on_leaving:
                on_leaving[on] = StructureIndex(schedule.organisation, on, around=left[on])
            evaluator = on_leaving[on].direct_manager(servant)
        rows.append(
            RosterRow(
                servant=servant,
                assignment=assignment,
                method=eligibility.method,
                reason=eligibility.reason,
                due=eligibility.due,
                evaluator=evaluator,
                notify_by=engine.notification_date(rules, year, quarter, eligibility.method),
                plan=(
                    _plan_for(plans.get(servant.pk, []), assignment)
                    if eligibility.method == "kpi"
                    else None
                ),
            )
        )
    return sort_rows(schedule.organisation, rows)


def sort_rows(organisation: Organisation, rows: Iterable[RosterRow]) -> list[RosterRow]:
    """Unit tree order, the unit's head first, then by name (the tree's order of the rows' units
    read in one query, org.tree)."""
    rows = list(rows)
    paths = tree_paths(organisation, {row.unit.pk for row in rows})
    return sorted(
        rows,
        key=lambda r: (
            r.unit.pk not in paths,
            paths.get(r.unit.pk, ""),
            not r.position.heads_unit,
            r.position.order,
            r.servant.last_name,
            r.servant.first_name,
            r.servant.pk,
        ),
    )


def period_roster(
    period: Period,
    *,
    evaluator: Servant | None = None,
    servant_ids: Iterable[int] | None = None,
) -> list[RosterRow]:
    """The roster of a quarter: the computed rows, with the stored evaluation (status, evaluator,
    due date) once the period is open, and the date each servant's notice was sent. With
    `evaluator`, only the rows that servant evaluates; with `servant_ids`, only their rows (a
    page: the queries do not grow with the roster)."""
    wanted = None if servant_ids is None else list(servant_ids)
    computed = {row.servant.pk: row for row in computed_roster(period, servant_ids=wanted)}
    held = Evaluation.objects.filter(period=period).select_related(
        "servant__user", "evaluator", "assignment__position__unit"
    )
    prefix = f"period{period.pk}:notice:"
    notices = Notification.objects.filter(kind="evaluation_notice", dedupe_key__startswith=prefix)
    if wanted is not None:
        held = held.filter(servant_id__in=wanted)
        notices = notices.filter(dedupe_key__in=[f"{prefix}{pk}" for pk in wanted])
    evaluations = {e.servant_id: e for e in held}
    rules = rules_of(period.schedule)
    notified: dict[int, dt.date] = {}
    for key, created in notices.values_list("dedupe_key", "created_at"):
        raw = key.removeprefix(prefix)
        if raw.isdigit():
            notified[int(raw)] = timezone.localdate(created)
    reassign = _reassignments(period, evaluations.values())
    rows: list[RosterRow] = []
    for servant_id in set(computed) | set(evaluations):
        stored = evaluations.get(servant_id)
        if stored is None:
            row = computed[servant_id]
        else:
            # The stored evaluation is the record; the structure may have changed since.
            row = RosterRow(
                servant=stored.servant,
                assignment=stored.assignment,
                method=stored.method,
                reason=stored.reason,
                due=stored.due_date,
                evaluator=stored.evaluator,
                notify_by=engine.notification_date(
                    rules,
                    period.schedule.year,
                    period.number or 1,
                    "kpi" if stored.method == Method.KPI else "differentiation",
                ),
                plan=computed[servant_id].plan if servant_id in computed else None,
                evaluation=stored,
            )
        row = replace(
            row, notified_on=notified.get(servant_id), reassign_to=reassign.get(servant_id)
        )
        if evaluator is None or (row.evaluator is not None and row.evaluator.pk == evaluator.pk):
            rows.append(row)
    return sort_rows(period.schedule.organisation, rows)


def _reassignments(period: Period, evaluations: Iterable[Evaluation]) -> dict[int, Servant]:
    """For each unsigned evaluation whose evaluator the structure no longer names, the one it
    names today (servant id -> evaluator, `evaluator_by_structure`); one structure load around
    those still in post, one of the whole structure for posts left since, if any."""
    pending = [e for e in evaluations if e.status in OPEN]
    if not pending:
        return {}
    today = clock.today()
    index = StructureIndex(
        period.schedule.organisation, today, around=[e.servant_id for e in pending]
    )
    found: dict[int, Servant] = {}
    whole: StructureIndex | None = None  # for the posts left since: loaded once if any
    for evaluation in pending:
        if evaluation.assignment.covers(today):
            evaluator = index.direct_manager(evaluation.servant)
        else:
            whole = whole or StructureIndex(period.schedule.organisation, today)
            evaluator = whole.manager_of(evaluation.assignment)
        if (
            evaluator is not None
            and evaluator.pk != evaluation.evaluator_id
            and evaluator.pk != evaluation.servant_id
        ):
            found[evaluation.servant_id] = evaluator
    return found


def _may_evaluate_someone(servant: Servant, period: Period) -> bool:
    """Whether `servant` evaluates anyone of the period: an evaluation names them, or they are
    someone's direct manager at the quarter's end (asked of an index around those who may
    report to them, org.tree.may_report_to: a few queries whatever the organisation's size)."""
    if Evaluation.objects.filter(period=period, evaluator=servant).exists():
        return True
    organisation = period.schedule.organisation
    candidates = may_report_to(organisation, servant, period.ends)
    if not candidates:
        return False
    index = StructureIndex(organisation, period.ends, around=candidates)
    return any(index.direct_manager_of(pk) == servant for pk in candidates)


def roster_for(user: User, period: Period) -> list[RosterRow] | None:
    """The rows of the roster `user` may read, or None when they may read none of it: HR and the
    head of the apparatus read every row, an evaluator the rows they evaluate."""
    scope = roster_scope(user, period.schedule.organisation)
    if scope == "all":
        return period_roster(period)
    if scope == "evaluator":
        servant = Servant.objects.get(user=account(user))
        if not _may_evaluate_someone(servant, period):
            return None  # cheap refusal before computing the roster
        mine = period_roster(period, evaluator=servant)
        return mine or None  # a servant who evaluates nobody here has no business with it
    return None
