"""What is due, by whom and by when: the open tasks of the work plans, the evaluations and
calibration, each with its due date and the people who must act.

Two readers: the reminders job (reminders.py) tells those people before and after the date, and
the overdue board of the HR service lists what is past it. Only workflow fields are read here —
statuses and dates, never a score or a rating (p.15, p.20): HR staff read the board.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.calibration.models import Application, ApplicationStatus, Session, SessionStatus, Vote
from bagalau.core import clock
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method, PeriodKind
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import actuals_due
from bagalau.org.models import Organisation, Role, RoleAssignment, Unit
from bagalau.org.selectors import unit_tree, units_below, work_calendar
from bagalau.plans.models import PlanStatus, WorkPlan
from bagalau.workcalendar import WorkCalendar

User = Any

#: Working days after the protocol is signed by which the evaluator records the feedback meeting.
#: p.42 sets no term: this is the organisation's own target (settings).
FEEDBACK_WORKING_DAYS = 5


def feedback_working_days() -> int:
    """NOTIFICATION_FEEDBACK_WORKING_DAYS, else 5."""
    return max(
        1, int(getattr(settings, "NOTIFICATION_FEEDBACK_WORKING_DAYS", FEEDBACK_WORKING_DAYS))
    )


@dataclass(frozen=True)
class TaskKind:
    """A kind of task: its heading on the board, who acts, and which notifications it sends
    (``remind_<code>`` before the date, ``overdue_<code>`` the first working day after it)."""

    code: str
    label: Any
    action: Any
    remind: bool = True
    notice: bool = True
    on_board: bool = True


#: Every kind of task, in the order of the board.
KINDS: dict[str, TaskKind] = {
    kind.code: kind
    for kind in (
        TaskKind("plan_draft", _("Work plans: KPIs to set"), _("Set the KPIs (evaluator)")),
        TaskKind("plan_agree", _("Work plans to agree"), _("Agree the KPIs (HR service)")),
        TaskKind(
            "plan_approve", _("Work plans to approve"), _("Approve the plan (superior manager)")
        ),
        TaskKind("plan_post", _("Work plans to post"), _("Post the plan (HR service)")),
        TaskKind(
            "quarter_prepare", _("Quarters to prepare"), _("Prepare the quarter (HR service)")
        ),
        TaskKind(
            "actuals", _("Actual KPI values to enter"), _("Enter the actual values (HR service)")
        ),
        TaskKind("sheet", _("Evaluation sheets to fill in"), _("Fill in and sign (evaluator)")),
        TaskKind(
            "acknowledge",
            _("Results to acknowledge"),
            _("Acknowledge (servant)"),
        ),
        # The same overdue result seen from the HR service: one notice, no separate board line.
        TaskKind(
            "refusal_act",
            _("Refusal acts to draw up"),
            _("Draw up the refusal act (HR service)"),
            remind=False,
            on_board=False,
        ),
        TaskKind(
            "decision",
            _("Calibration applications to decide"),
            _("Decide (head of the apparatus)"),
        ),
        TaskKind(
            "session",
            _("Calibration sessions not held"),
            _("Present (evaluator) and vote (participants)"),
            notice=False,
        ),
        TaskKind(
            "protocol_post", _("Calibration protocols to post"), _("Post the protocol (HR service)")
        ),
        TaskKind(
            "feedback",
            _("Feedback meetings to record"),
            _("Hold and record the meeting (evaluator)"),
        ),
    )
}

HR_SERVICE = _("HR service")


@dataclass
class DueTask:
    """One task: whose case, what is due when, and who must act (users to notify, names to
    show). `started` is when the task reached them, when the workflow recorded it: no reminder
    repeats a step notification sent on or after the reminder day."""

    kind: str
    pk: int
    organisation_id: int
    unit: Unit | None
    servant: str
    subject: str
    due: dt.date
    recipients: list[User]
    who: str
    url: str
    board_url: str
    params: dict[str, Any] = field(default_factory=dict)
    started: dt.date | None = None
    remind_on: dt.date | None = None
    remind_until: dt.date | None = None

    @property
    def label(self) -> str:
        """The kind's heading in the reader's language."""
        return str(KINDS[self.kind].label)

    @property
    def action(self) -> str:
        """What must be done, in the reader's language."""
        return str(KINDS[self.kind].action)


def _day(value: dt.date) -> str:
    return f"{value:%d.%m.%Y}"


def _local(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def _name(user: User) -> str:
    servant = getattr(user, "servant", None)
    return servant.full_name if servant is not None else str(user.get_username())


def _active(users: Iterable[User | None]) -> list[User]:
    seen: dict[int, User] = {}
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


class _People:
    """The organisation-wide role holders, read once per run."""

    def __init__(self) -> None:
        self._by_role: dict[tuple[int, str], list[User]] = {}

    def _load(self, organisation_id: int) -> None:
        for role in Role.values:
            self._by_role[(organisation_id, role)] = []
        holders = (
            RoleAssignment.objects.filter(organisation_id=organisation_id, user__is_active=True)
            .select_related("user__servant")
            .order_by("user_id", "pk")
        )
        for holder in holders:
            self._by_role.setdefault((organisation_id, holder.role), []).append(holder.user)

    def with_role(self, organisation_id: int, *roles: str) -> list[User]:
        """Active users holding one of `roles` in the organisation, in a stable order."""
        if (organisation_id, Role.HR) not in self._by_role:
            self._load(organisation_id)
        found = [u for role in roles for u in self._by_role[(organisation_id, role)]]
        return sorted(_active(found), key=lambda u: u.pk)

    def hr_service(self, organisation_id: int) -> list[User]:
        """HR staff and its head (they agree and post plans and protocols)."""
        return self.with_role(organisation_id, Role.HR, Role.HR_HEAD)

    def hr_staff(self, organisation_id: int) -> list[User]:
        """HR staff, else its head (they enter actual values and draw up acts)."""
        return self.with_role(organisation_id, Role.HR) or self.with_role(
            organisation_id, Role.HR_HEAD
        )


@dataclass
class _Run:
    """What every collector shares: the scope, the calendar and the role holders."""

    organisation: Organisation | None
    calendar: WorkCalendar
    people: _People = field(default_factory=_People)

    def scope(self, path: str) -> Q:
        if self.organisation is None:
            return Q()
        return Q(**{path: self.organisation})


# --- work plans (p.22) ---------------------------------------------------------------------------

_PLAN_STARTED: dict[str, Callable[[WorkPlan], dt.datetime | None]] = {
    PlanStatus.DRAFT: lambda plan: None,
    PlanStatus.RETURNED: lambda plan: plan.returned_at,
    PlanStatus.HR_AGREED: lambda plan: plan.hr_agreed_at,
    PlanStatus.SENT_TO_HR: lambda plan: plan.sent_to_hr_at,
    PlanStatus.SUBMITTED: lambda plan: plan.submitted_at,
    PlanStatus.APPROVED: lambda plan: plan.approved_at,
}


def _plans(run: _Run) -> Iterator[DueTask]:
    plans = (
        WorkPlan.objects.filter(run.scope("organisation"))
        .filter(
            status__in=[
                PlanStatus.DRAFT,
                PlanStatus.RETURNED,
                PlanStatus.HR_AGREED,
                PlanStatus.SENT_TO_HR,
                PlanStatus.SUBMITTED,
                PlanStatus.APPROVED,
            ]
        )
        .select_related(
            "servant",
            "evaluator__user__servant",
            "approver__user__servant",
            "assignment__position__unit",
        )
        .order_by("pk")
    )
    for plan in plans:
        url = reverse("plans:detail", args=[plan.pk])
        due: dt.date | None = plan.draft_due
        if plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.HR_AGREED):
            kind, recipients = "plan_draft", _active([plan.evaluator.user])
            who = plan.evaluator.full_name
        elif plan.status == PlanStatus.SENT_TO_HR:
            kind, recipients = "plan_agree", run.people.hr_service(plan.organisation_id)
            who = str(HR_SERVICE)
        elif plan.status == PlanStatus.SUBMITTED:
            kind, recipients = "plan_approve", _active([plan.approver.user])
            who = plan.approver.full_name
        else:
            kind, recipients = "plan_post", run.people.hr_service(plan.organisation_id)
            who, due = str(HR_SERVICE), plan.posting_due
        if due is None:
            continue
        yield DueTask(
            kind=kind,
            pk=plan.pk,
            organisation_id=plan.organisation_id,
            unit=plan.assignment.position.unit,
            servant=plan.servant.full_name,
            subject=str(plan.year),
            due=due,
            recipients=recipients,
            who=who,
            url=url,
            board_url=url,
            params={"servant": plan.servant.full_name, "year": str(plan.year), "due": _day(due)},
            started=_local(_PLAN_STARTED[plan.status](plan)),
        )


# --- evaluations (p.4-11, p.22) ------------------------------------------------------------------

EDITABLE = (EvaluationStatus.PENDING, EvaluationStatus.DEFERRED)


def _evaluations(run: _Run) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(run.scope("period__schedule__organisation"))
        .select_related(
            "servant__user__servant",
            "evaluator__user__servant",
            "assignment__position__unit",
            "period__schedule",
        )
        .order_by("pk")
    )


def _roster_url(evaluation: Evaluation) -> str:
    if evaluation.period.kind == PeriodKind.QUARTER:
        return reverse("evaluations:schedule_roster", args=[evaluation.period_id])
    return reverse("evaluations:result_periods")


def _evaluation_task(
    evaluation: Evaluation, kind: str, due: dt.date, recipients: list[User], who: str, url: str
) -> DueTask:
    period = str(evaluation.period)
    return DueTask(
        kind=kind,
        pk=evaluation.pk,
        organisation_id=evaluation.period.schedule.organisation_id,
        unit=evaluation.assignment.position.unit,
        servant=evaluation.servant.full_name,
        subject=period,
        due=due,
        recipients=recipients,
        who=who,
        url=url,
        board_url=_roster_url(evaluation),
        params={
            "servant": evaluation.servant.full_name,
            "period": evaluation.period,
            "due": _day(due),
        },
    )


def _sheets(run: _Run) -> Iterator[DueTask]:
    """Sheets the evaluator has not signed (a deferred one falls due after the return, p.5)."""
    for evaluation in _evaluations(run).filter(
        status__in=EDITABLE, method__in=[Method.KPI, Method.DIFFERENTIATION]
    ):
        evaluator = evaluation.evaluator
        yield _evaluation_task(
            evaluation,
            "sheet",
            evaluation.due_date,
            _active([evaluator.user if evaluator is not None else None]),
            evaluator.full_name if evaluator is not None else "—",
            reverse("evaluations:sheet", args=[evaluation.pk]),
        )


def _actuals(run: _Run) -> Iterator[DueTask]:
    """KPI sheets whose actual values the HR service has not all entered, due 5 working days
    before the period's deadline (p.22)."""
    filled = Q(kpi_results__actual_value__isnull=False) | Q(
        kpi_results__actual_achieved__isnull=False
    )
    evaluations = (
        _evaluations(run)
        .filter(method=Method.KPI, status__in=EDITABLE)
        .annotate(rows=Count("kpi_results", distinct=True))
        .annotate(filled=Count("kpi_results", filter=filled, distinct=True))
    )
    dues: dict[tuple[str, dt.date], dt.date | None] = {}
    for evaluation in evaluations:
        if not evaluation.rows or evaluation.filled >= evaluation.rows:
            continue  # nothing to enter, or everything entered
        key = (evaluation.edition, evaluation.period.deadline)
        if key not in dues:
            try:
                rules = sjc2023_rules(get_edition(evaluation.edition))
                dues[key] = actuals_due(rules, run.calendar, evaluation.period.deadline)
            except (MethodologyError, ValueError):
                dues[key] = None
        due = dues[key]
        if due is None:
            continue
        organisation_id = evaluation.period.schedule.organisation_id
        yield _evaluation_task(
            evaluation,
            "actuals",
            due,
            run.people.hr_staff(organisation_id),
            str(HR_SERVICE),
            reverse("evaluations:sheet_actuals", args=[evaluation.pk]),
        )


def _has_refusal_act(edition: str) -> bool:
    try:
        return sjc2023_rules(get_edition(edition)).familiarisation.refusal_act
    except (MethodologyError, ValueError):
        return False


def _familiarisation(run: _Run) -> Iterator[DueTask]:
    """Signed results the servant has not acknowledged (p.11); once the date has passed, the HR
    service draws up the refusal act under an edition that has one (under seed 002 the result
    counts as made known instead). The dismissed are evaluated in absentia, without it."""
    evaluations = (
        _evaluations(run)
        .filter(status=EvaluationStatus.SIGNED, familiarisation_due__isnull=False)
        .exclude(reason="in_absentia")
    )
    for evaluation in evaluations:
        due = evaluation.familiarisation_due
        assert due is not None
        task = _evaluation_task(
            evaluation,
            "acknowledge",
            due,
            _active([evaluation.servant.user]),
            evaluation.servant.full_name,
            reverse("evaluations:sheet", args=[evaluation.pk]),
        )
        task.started = _local(evaluation.signed_at)
        yield task
        if not _has_refusal_act(evaluation.edition):
            continue
        organisation_id = evaluation.period.schedule.organisation_id
        act = _evaluation_task(
            evaluation,
            "refusal_act",
            due,
            run.people.hr_staff(organisation_id),
            str(HR_SERVICE),
            reverse("evaluations:sheet_refusal", args=[evaluation.pk]),
        )
        act.board_url = act.url
        yield act


# --- calibration (p.37-42) -----------------------------------------------------------------------


def _case_params(evaluation: Evaluation) -> dict[str, Any]:
    return {"servant": evaluation.servant.full_name, "period": evaluation.period}


def _calibration_task(
    evaluation: Evaluation,
    kind: str,
    pk: int,
    due: dt.date,
    recipients: list[User],
    who: str,
    url: str,
    **params: Any,
) -> DueTask:
    return DueTask(
        kind=kind,
        pk=pk,
        organisation_id=evaluation.period.schedule.organisation_id,
        unit=evaluation.assignment.position.unit,
        servant=evaluation.servant.full_name,
        subject=str(evaluation.period),
        due=due,
        recipients=recipients,
        who=who,
        url=url,
        board_url=url,
        params={**_case_params(evaluation), "due": _day(due), **params},
    )


_CASE = (
    "evaluation__servant__user__servant",
    "evaluation__evaluator__user__servant",
    "evaluation__assignment__position__unit",
    "evaluation__period__schedule",
)


def _decisions(run: _Run) -> Iterator[DueTask]:
    """Applications the head of the apparatus has not decided (3 working days, p.38)."""
    applications = (
        Application.objects.filter(run.scope("evaluation__period__schedule__organisation"))
        .filter(status=ApplicationStatus.SUBMITTED)
        .select_related(*_CASE)
        .order_by("pk")
    )
    for application in applications:
        evaluation = application.evaluation
        heads = run.people.with_role(
            evaluation.period.schedule.organisation_id, Role.APPARATUS_HEAD
        )
        task = _calibration_task(
            evaluation,
            "decision",
            application.pk,
            application.decision_due,
            heads,
            ", ".join(_name(user) for user in heads) or str(_("Head of the apparatus")),
            reverse("calibration:application", args=[application.pk]),
        )
        task.started = application.submitted_on
        yield task


def _sessions(run: _Run) -> QuerySet[Session]:
    return (
        Session.objects.filter(run.scope("application__evaluation__period__schedule__organisation"))
        .select_related(*(f"application__{path}" for path in _CASE))
        .prefetch_related("participants__servant")
        .order_by("pk")
    )


def _held(run: _Run) -> Iterator[DueTask]:
    """Sessions before their vote: participants are reminded the working day before; on the
    board once the day has passed (the evaluator has not presented, or votes are missing)."""
    for session in _sessions(run).filter(
        status__in=[SessionStatus.SCHEDULED, SessionStatus.PRESENTED]
    ):
        evaluation = session.application.evaluation
        day = timezone.localdate(session.scheduled_for)
        participants = sorted(session.participants.all(), key=lambda u: u.pk)
        evaluator = evaluation.evaluator.user if evaluation.evaluator is not None else None
        if session.status == SessionStatus.SCHEDULED:
            acting = [evaluator] if evaluator is not None else []
        else:
            voted = set(
                Vote.objects.filter(session=session, round=session.round).values_list(
                    "voter_id", flat=True
                )
            )
            acting = [user for user in participants if user.pk not in voted]
        url = reverse("calibration:session", args=[session.pk])
        task = _calibration_task(
            evaluation,
            "session",
            session.pk,
            day,
            _active([*participants, evaluator]),
            ", ".join(_name(user) for user in acting) or "—",
            url,
            when=f"{timezone.localtime(session.scheduled_for):%d.%m.%Y %H:%M}",
            place=session.place,
        )
        task.started = _local(session.application.decided_at)
        task.remind_on = run.calendar.add_working_days(day, -1)
        task.remind_until = day - dt.timedelta(days=1)
        yield task


def _protocols(run: _Run) -> Iterator[DueTask]:
    """Signed protocols not posted (3 working days, p.41), and feedback meetings the evaluator
    has not recorded (p.42)."""
    days = feedback_working_days()
    for session in _sessions(run).filter(protocol_signed_at__isnull=False):
        evaluation = session.application.evaluation
        organisation_id = evaluation.period.schedule.organisation_id
        signed = _local(session.protocol_signed_at)
        url = reverse("calibration:session", args=[session.pk])
        if session.protocol_posted_at is None and session.protocol_posting_due is not None:
            task = _calibration_task(
                evaluation,
                "protocol_post",
                session.pk,
                session.protocol_posting_due,
                run.people.hr_service(organisation_id),
                str(HR_SERVICE),
                url,
            )
            task.started = signed
            yield task
        if signed is not None and not hasattr(session, "feedback"):
            evaluator = evaluation.evaluator
            task = _calibration_task(
                evaluation,
                "feedback",
                session.pk,
                run.calendar.add_working_days(signed, days),
                _active([evaluator.user if evaluator is not None else None]),
                evaluator.full_name if evaluator is not None else "—",
                reverse("calibration:feedback", args=[session.pk]),
            )
            task.board_url = url
            task.started = signed
            yield task


def _quarters(run: _Run) -> Iterator[DueTask]:
    from bagalau.notifications.due_quarters import quarters_to_prepare  # it imports this module

    return quarters_to_prepare(run)


COLLECTORS: tuple[Callable[[_Run], Iterator[DueTask]], ...] = (
    _plans,
    _quarters,
    _actuals,
    _sheets,
    _familiarisation,
    _decisions,
    _held,
    _protocols,
)


def open_tasks(
    *, organisation: Organisation | None = None, calendar: WorkCalendar | None = None
) -> list[DueTask]:
    """Every task not done yet, of one organisation or of all, in board order then by due
    date."""
    run = _Run(organisation=organisation, calendar=calendar or work_calendar())
    tasks: list[DueTask] = []
    for collect in COLLECTORS:
        tasks.extend(collect(run))
    order = {code: index for index, code in enumerate(KINDS)}
    tasks.sort(key=lambda t: (order[t.kind], t.due, t.servant, t.pk))
    return tasks


# --- the overdue board (HR) ----------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueItem:
    """A line of the board: whose case, what, who must act, since when (counts only)."""

    task: DueTask
    days_late: int


@dataclass
class OverdueGroup:
    """The overdue tasks of one kind."""

    kind: str
    label: str
    action: str
    items: list[OverdueItem]

    @property
    def count(self) -> int:
        """How many tasks of this kind are overdue."""
        return len(self.items)


@dataclass
class OverdueBoard:
    """What is past its date in an organisation (or one of its units), grouped by kind."""

    organisation: Organisation
    today: dt.date
    unit: Unit | None
    groups: list[OverdueGroup]

    @property
    def total(self) -> int:
        """How many tasks are overdue."""
        return sum(group.count for group in self.groups)


def overdue_board(
    organisation: Organisation, *, unit: Unit | None = None, today: dt.date | None = None
) -> OverdueBoard:
    """Every task of the organisation past its due date, by kind (empty kinds left out), with
    the working days it is late; with `unit`, only the cases of that unit and the units under
    it. The caller checks that the reader is the organisation's HR service."""
    today = today or clock.today()
    calendar = work_calendar()
    allowed = {u.pk for u in units_below(unit)} if unit is not None else None
    grouped: dict[str, list[OverdueItem]] = defaultdict(list)
    for task in open_tasks(organisation=organisation, calendar=calendar):
        if not KINDS[task.kind].on_board or task.due >= today:
            continue
        if allowed is not None and (task.unit is None or task.unit.pk not in allowed):
            continue
        try:
            late = calendar.working_days_between(task.due, today)
        except ValueError:
            late = (today - task.due).days
        grouped[task.kind].append(OverdueItem(task=task, days_late=late))
    groups = [
        OverdueGroup(kind=code, label=str(kind.label), action=str(kind.action), items=grouped[code])
        for code, kind in KINDS.items()
        if grouped.get(code)
    ]
    return OverdueBoard(organisation=organisation, today=today, unit=unit, groups=groups)


def board_units(organisation: Organisation) -> list[tuple[Unit, int]]:
    """The units to filter the board by, in tree order with their depth."""
    return unit_tree(organisation)
