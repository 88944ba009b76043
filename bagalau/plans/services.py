"""Writes of the plans app: work plans with 3-5 KPIs for managers (seed 002 p.22-25, App. 1).

The workflow (WorkPlan.status; the table is ``plans.models.TRANSITIONS``, who may act is
``plans.access``)::

    draft ─send_to_hr (evaluator; 3-5 KPIs)─▶ sent_to_hr ─hr_agree (HR)─▶ hr_agreed
    hr_agreed ─submit (evaluator)─▶ submitted ─approve (superior manager)─▶ approved
    approved ─post (HR, within 5 working days of approval)─▶ posted
    sent_to_hr, hr_agreed ─hr_return (HR; comment)─▶ returned
    submitted ─return (superior manager; comment)─▶ returned
    returned ─(evaluator edits) send_to_hr─▶ sent_to_hr   (so HR agrees again)

The evaluator adds, edits and removes KPIs only in draft and returned plans. Once approved (or
posted), a KPI is added, changed or removed only with a reason (p.25: the apparatus's functions or
structure changed); each such change is kept as a PlanChange with the KPI before and after, the
superior manager is told, and the plan keeps its status.

Every service is keyword-only and atomic, checks who may act inside (Http404 when the plan is not
visible, PermissionDenied when it is but the action is not the actor's), refuses a stale
``version`` with ConflictError, and writes its audit row with old and new values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.concurrency import check_version, update_versioned
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.methodology import MethodologyError, sjc2023_rules
from bagalau.methodology.sjc2023 import (
    DIRECTIONS,
    Sjc2023Rules,
    check_kpi_count,
    kpi_setting_due,
    kpis_required,
    plan_posting_due,
    quarter_bounds,
)
from bagalau.notifications.services import notify
from bagalau.org.managers import refuse_own_post, refuse_self_appointment, tell_evaluator_changed
from bagalau.org.models import Assignment, Organisation, Role
from bagalau.org.selectors import (
    direct_manager,
    has_role,
    organisation_edition,
    structure_rules,
    superior_manager,
    work_calendar,
)
from bagalau.plans import access
from bagalau.plans.models import KPI_FIELDS, TRANSITIONS, Kpi, PlanChange, PlanStatus, WorkPlan
from bagalau.plans.selectors import hr_users, manager_assignments, managers_by_structure

if TYPE_CHECKING:
    from bagalau.core.types import Account, User
    from bagalau.org.models import Servant

QUARTERS = (1, 2, 3, 4)
PLAN_FIELDS = tuple(f"plan_q{q}" for q in QUARTERS)
UNIT_MAX_LENGTH = 60
#: Kpi.plan_qN is DECIMAL(18, 4).
PLAN_PLACES = 4
PLAN_MAX = Decimal(10) ** 14


# --- KPI data and its validation (p.23-24, App. 1) ----------------------------------------------


@dataclass(frozen=True)
class KpiData:
    """What the evaluator enters for a KPI (a row of App. 1).

    A quarter without a planned value is None. For a ``binary`` KPI the planned value is 1 in the
    quarters it is due (the web form shows a checkbox per quarter).
    """

    name: str
    source: str
    unit: str
    direction: str
    deadline: dt.date
    key_result: str
    plan_q1: Decimal | None = None
    plan_q2: Decimal | None = None
    plan_q3: Decimal | None = None
    plan_q4: Decimal | None = None

    def planned(self) -> dict[str, Decimal | None]:
        """The planned values by field name."""
        return {name: getattr(self, name) for name in PLAN_FIELDS}


def kpi_snapshot(kpi: Kpi) -> dict[str, Any]:
    """A KPI as JSON-safe values, for the change history and the audit log."""
    values: dict[str, Any] = {"number": kpi.number}
    for name in KPI_FIELDS:
        value = getattr(kpi, name)
        if isinstance(value, Decimal):
            value = _plain_decimal(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        values[name] = value
    return values


def _plain_decimal(value: Decimal) -> str:
    """10.0000 -> "10", 2.5000 -> "2.5" (the database keeps 4 places)."""
    return format(value.normalize(), "f")


def _clean_text(value: str, name: str) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(name, N_("This field is required."))
    return text


def _clean_plan(value: Decimal | None, name: str, direction: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise DomainError(name, N_("Enter a number.")) from error
    if not number.is_finite():
        raise DomainError(name, N_("Enter a number."))
    if direction == "binary":
        if number != 1:
            raise DomainError(
                name,
                N_("A yes/no KPI has the planned value 1 in the quarters it is due, nothing else."),
            )
        return Decimal(1)
    if number < 0:
        raise DomainError(name, N_("A planned value cannot be negative."))
    if direction == "increase" and number == 0:
        raise DomainError(
            name,
            N_("The planned value of an increasing KPI must be greater than 0 (actual / plan)."),
        )
    if number >= PLAN_MAX:
        raise DomainError(name, N_("The number is too large."))
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > PLAN_PLACES:
        raise DomainError(name, N_("Use at most %(places)s decimal places."), places=PLAN_PLACES)
    return number


def kpi_data_clean(plan: WorkPlan, data: KpiData) -> dict[str, Any]:
    """The KPI's field values after the rules of p.23-24 and App. 1, or a DomainError naming the
    field: texts required, a known direction, a planned value in at least one quarter (≥ 0, > 0
    for an increasing KPI, 1 for a yes/no KPI), a deadline inside the plan's period."""
    values: dict[str, Any] = {
        "name": _clean_text(data.name, "name"),
        "source": _clean_text(data.source, "source"),
        "unit": _clean_text(data.unit, "unit"),
    }
    if len(values["unit"]) > UNIT_MAX_LENGTH:
        raise DomainError("unit", N_("At most %(max)s characters."), max=UNIT_MAX_LENGTH)
    if data.direction not in DIRECTIONS:
        raise DomainError(
            "direction",
            N_("Choose how the KPI is measured: increase, decrease or achieved/not achieved."),
        )
    values["direction"] = data.direction
    planned = {
        name: _clean_plan(value, name, data.direction) for name, value in data.planned().items()
    }
    if all(value is None for value in planned.values()):
        raise DomainError("plan_q1", N_("Plan the KPI for at least one quarter (App. 1)."))
    for quarter in QUARTERS:
        # A newcomer's plan starts at the appointment: quarters already over are not planned.
        ended = quarter_bounds(plan.year, quarter)[1]
        if planned[f"plan_q{quarter}"] is not None and ended < plan.period_start:
            raise DomainError(
                f"plan_q{quarter}",
                N_("Quarter %(quarter)s ended before the plan starts (%(start)s)."),
                quarter=quarter,
                start=f"{plan.period_start:%d.%m.%Y}",
            )
    values.update(planned)
    if not isinstance(data.deadline, dt.date):
        raise DomainError("deadline", N_("Enter the deadline."))
    year_end = dt.date(plan.year, 12, 31)
    if not plan.period_start <= data.deadline <= year_end:
        raise DomainError(
            "deadline",
            N_("The deadline must fall between %(start)s and %(end)s, inside the plan's period."),
            start=f"{plan.period_start:%d.%m.%Y}",
            end=f"{year_end:%d.%m.%Y}",
        )
    values["deadline"] = data.deadline
    values["key_result"] = _clean_text(data.key_result, "key_result")
    return values


# --- helpers ------------------------------------------------------------------------------------


def _rules(organisation: Organisation, day: dt.date) -> Sjc2023Rules:
    """The sjc-2023 rules governing the organisation on `day` (work plans with 3-5 KPIs)."""
    try:
        return sjc2023_rules(organisation_edition(organisation, day))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def _lock(actor: User, plan_id: int) -> WorkPlan:
    """The plan, row-locked for this transaction; Http404 when not visible to `actor`."""
    plan = (
        WorkPlan.objects.select_for_update(of=("self",))
        .select_related("organisation", "servant", "evaluator", "approver")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or not access.can_view(actor, plan):
        raise Http404("No such work plan.")
    return plan


_CHANGED = N_("Someone else changed this work plan meanwhile: reload it and try again.")


def _check_version(plan: WorkPlan, version: int) -> None:
    check_version(plan, version, _CHANGED)


def _save(plan: WorkPlan, version: int, **updates: Any) -> WorkPlan:
    """Write `updates` and bump the version, only if nobody changed the plan since `version`."""
    update_versioned(
        WorkPlan.objects.all(),
        plan.pk,
        version,
        _CHANGED,
        values={**updates, "updated_at": clock.now()},
    )
    plan.refresh_from_db()
    return plan


def _url(plan: WorkPlan) -> str:
    return reverse("plans:detail", args=[plan.pk])


def _day(value: dt.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value is not None else ""


def _tell(
    actor: User, recipient: Account | Servant | None, kind: str, plan: WorkPlan, **params: Any
) -> None:
    """Notify `recipient` about `plan` (nobody is told of their own action)."""
    user = getattr(recipient, "user", recipient)
    if user is None or (actor is not None and getattr(user, "pk", None) == actor.pk):
        return
    notify(
        recipient=recipient,
        kind=kind,
        params={"servant": plan.servant.full_name, "year": plan.year, **params},
        url=_url(plan),
        dedupe_key=f"plans:{kind}:{plan.pk}:{plan.version}",
    )


def _require(actor: User, plan: WorkPlan, action: str) -> None:
    """PermissionDenied unless `actor` holds the part for `action`; DomainError when the plan's
    status does not allow it."""
    if not access.may(actor, plan, action):
        raise PermissionDenied("You may not do this with this work plan.")
    if plan.status not in access.OPEN_IN[action]:
        raise DomainError(
            "status",
            N_("Not possible while the work plan is %(status)s."),
            status=plan.get_status_display(),
        )


# --- initiation (p.22) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A post evaluated by KPI that got no plan, and why (a DomainError to show)."""

    assignment: Assignment
    error: DomainError


@dataclass
class InitiationReport:
    """What `plans_initiate` did."""

    created: list[WorkPlan] = field(default_factory=list)
    existing: list[WorkPlan] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _plan_for(actor: User, assignment: Assignment, year: int) -> tuple[WorkPlan, bool]:
    """The plan of `assignment` for `year`, created if missing; DomainError when none is due."""
    position = assignment.position
    structure = structure_rules(assignment.servant.organisation, dt.date(year, 12, 31))
    if not position.evaluated_by_kpi(structure):
        raise DomainError(
            "assignment",
            N_("%(position)s is not a post evaluated by KPI (p.21): it needs no work plan."),
            position=position.name,
        )
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if assignment.start > last or (assignment.end is not None and assignment.end < first):
        raise DomainError(
            "year",
            N_("%(servant)s did not hold this post in %(year)s."),
            servant=assignment.servant.full_name,
            year=year,
        )
    existing = WorkPlan.objects.filter(
        servant=assignment.servant, year=year, assignment=assignment
    ).first()
    if existing is not None:
        return existing, False
    period_start = max(first, assignment.start)
    organisation = assignment.servant.organisation
    rules = _rules(organisation, period_start)
    if not kpis_required(rules, period_start, last):
        raise DomainError(
            "assignment",
            N_(
                "Less than 3 months remain from %(start)s to the end of %(year)s: "
                "no KPIs are set (p.22)."
            ),
            start=_day(period_start),
            year=year,
        )
    today = clock.today()
    if assignment.end is not None and assignment.end < today:
        raise DomainError(
            "assignment",
            N_("%(servant)s left this post on %(end)s."),
            servant=assignment.servant.full_name,
            end=_day(assignment.end),
        )
    # The managers are those of today, unless the plan is set up ahead of the period.
    day = min(max(period_start, today), last)
    if not assignment.covers(day):
        day = period_start
    evaluator = direct_manager(assignment.servant, day)
    if evaluator is None:
        raise DomainError(
            "evaluator",
            N_("%(servant)s has no direct manager on %(day)s: complete the structure first."),
            servant=assignment.servant.full_name,
            day=_day(day),
        )
    # The first head has nobody above: he approves the plans he drafts (seed 004 p.11).
    approver = superior_manager(assignment.servant, day) or evaluator
    draft_due = kpi_setting_due(rules, work_calendar(), period_start)
    try:
        with transaction.atomic():
            plan = WorkPlan.objects.create(
                organisation=organisation,
                servant=assignment.servant,
                assignment=assignment,
                year=year,
                evaluator=evaluator,
                approver=approver,
                period_start=period_start,
                draft_due=draft_due,
            )
    except IntegrityError:
        # Someone created it at the same moment: theirs stands.
        return WorkPlan.objects.get(
            servant=assignment.servant, year=year, assignment=assignment
        ), False
    audit_log(
        actor=actor,
        action="create",
        obj=plan,
        summary=str(plan),
        changes={
            "status": (None, plan.status),
            "evaluator": (None, evaluator),
            "approver": (None, approver),
            "period_start": (None, period_start),
            "draft_due": (None, draft_due),
        },
    )
    _tell(actor, evaluator, "plan_to_draft", plan, due=_day(draft_due))
    return plan, True


def plans_initiate(*, actor: User, organisation: Organisation, year: int) -> InitiationReport:
    """HR opens the year's work plans: a draft for every post evaluated by KPI held in `year`
    (from 1 January or from a later appointment) that has none, with the evaluator (the direct
    manager), the approver (the superior manager, or the direct manager when there is none) and
    the KPI deadline (10 working days, p.22). Posts with under 3 months left get no plan and are
    reported. Running it again creates only what is missing."""
    if not has_role(actor, organisation, Role.HR, Role.HR_HEAD):
        raise PermissionDenied("Only the HR service opens work plans.")
    if not 2000 <= year <= 2100:
        raise DomainError("year", N_("Enter a year between 2000 and 2100."))
    report = InitiationReport()
    with transaction.atomic():
        for assignment in manager_assignments(organisation, year):
            try:
                plan, created = _plan_for(actor, assignment, year)
            except DomainError as error:
                report.skipped.append(Skipped(assignment=assignment, error=error))
                continue
            (report.created if created else report.existing).append(plan)
    return report


def plan_create_for_assignment(*, actor: User, assignment: Assignment, year: int) -> WorkPlan:
    """HR opens the plan of a newcomer (same rules as `plans_initiate`: KPIs within 10 working
    days of the appointment, none with under 3 months left). Returns the existing plan when there
    is one."""
    organisation = assignment.servant.organisation
    if not has_role(actor, organisation, Role.HR, Role.HR_HEAD):
        raise PermissionDenied("Only the HR service opens work plans.")
    with transaction.atomic():
        plan, _created = _plan_for(actor, assignment, year)
    return plan


# --- KPIs (p.23-25) -----------------------------------------------------------------------------


def _reason_required() -> DomainError:
    return DomainError(
        "reason",
        N_(
            "The plan is approved: a KPI changes only when the apparatus's functions or "
            "structure change (p.25). State the reason."
        ),
    )


def _open_for_kpis(actor: User, plan_id: int, version: int, reason: str) -> tuple[WorkPlan, str]:
    """Lock the plan for a KPI edit by its evaluator; returns it with the cleaned reason (empty
    before approval, required after it)."""
    plan = _lock(actor, plan_id)
    if not access.may(actor, plan, "kpis"):
        raise PermissionDenied("Only the evaluator sets the KPIs.")
    _check_version(plan, version)
    reason = (reason or "").strip()
    if plan.is_editable:
        return plan, ""
    if plan.is_locked:
        if not reason:
            raise _reason_required()
        return plan, reason
    raise DomainError(
        "status",
        N_("KPIs can be edited in a draft or returned plan; this one is %(status)s."),
        status=plan.get_status_display(),
    )


def _kpi_of(plan: WorkPlan, kpi_id: int) -> Kpi:
    kpi = plan.kpis.filter(pk=kpi_id).first()
    if kpi is None:
        raise Http404("No such KPI in this plan.")
    return kpi


def _after_kpi_edit(
    *,
    actor: User,
    plan: WorkPlan,
    version: int,
    action: str,
    reason: str,
    number: int,
    before: dict[str, Any],
    after: dict[str, Any],
) -> PlanChange | None:
    """Bump the version, audit, and after approval record the change and tell the approver."""
    _save(plan, version)
    changes = {
        f"kpis[{number}].{name}": (before.get(name), after.get(name))
        for name in KPI_FIELDS
        if before.get(name) != after.get(name)
    }
    changes["version"] = (version, plan.version)
    change = None
    if reason:
        change = PlanChange.objects.create(
            plan=plan,
            kpi_number=number,
            changed_by=account(actor),
            changed_at=clock.now(),
            reason=reason,
            before=before,
            after=after,
        )
        changes["reason"] = (None, reason)
        _tell(actor, plan.approver, "plan_changed", plan, reason=reason)
    audit_log(
        actor=actor,
        action=action if not reason else f"{action}_after_approval",
        obj=plan,
        summary=f"{plan}: {action} #{number}",
        changes=changes,
    )
    return change


def kpi_add(*, actor: User, plan_id: int, version: int, data: KpiData, reason: str = "") -> Kpi:
    """The evaluator adds a KPI (at most 5, p.23). After approval only with a reason (p.25)."""
    with transaction.atomic():
        plan, reason = _open_for_kpis(actor, plan_id, version, reason)
        rules = _rules(plan.organisation, plan.period_start)
        count = plan.kpis.count()
        if count >= rules.kpi.max_count:
            raise DomainError(
                "kpis",
                N_("A work plan has at most %(max)s KPIs (p.23)."),
                max=rules.kpi.max_count,
            )
        values = kpi_data_clean(plan, data)
        number = (plan.kpis.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        kpi = Kpi.objects.create(plan=plan, number=number, **values)
        _after_kpi_edit(
            actor=actor,
            plan=plan,
            version=version,
            action="kpi_add",
            reason=reason,
            number=number,
            before={},
            after=kpi_snapshot(kpi),
        )
    return kpi


def kpi_update(
    *, actor: User, plan_id: int, kpi_id: int, version: int, data: KpiData, reason: str = ""
) -> Kpi:
    """The evaluator edits a KPI. After approval only with a reason (p.25), kept as history."""
    with transaction.atomic():
        plan, reason = _open_for_kpis(actor, plan_id, version, reason)
        kpi = _kpi_of(plan, kpi_id)
        values = kpi_data_clean(plan, data)
        before = kpi_snapshot(kpi)
        for name, value in values.items():
            setattr(kpi, name, value)
        kpi.save()
        kpi.refresh_from_db()
        after = kpi_snapshot(kpi)
        if before == after:
            if reason:
                raise DomainError("kpi", N_("Nothing was changed."))
            return kpi
        _after_kpi_edit(
            actor=actor,
            plan=plan,
            version=version,
            action="kpi_update",
            reason=reason,
            number=kpi.number,
            before=before,
            after=after,
        )
    return kpi


def kpi_remove(*, actor: User, plan_id: int, kpi_id: int, version: int, reason: str = "") -> None:
    """The evaluator removes a KPI; the others are renumbered 1..n as App. 1 numbers them.

    After approval only with a reason (p.25), keeping at least 3 KPIs, and never a KPI that
    already has results in an evaluation sheet.
    """
    with transaction.atomic():
        plan, reason = _open_for_kpis(actor, plan_id, version, reason)
        kpi = _kpi_of(plan, kpi_id)
        if reason:
            rules = _rules(plan.organisation, plan.period_start)
            try:
                check_kpi_count(rules, plan.kpis.count() - 1)
            except MethodologyError as error:
                raise DomainError.from_methodology(error) from error
            if kpi.results.exists():
                raise DomainError(
                    "kpi",
                    N_("This KPI has already been evaluated: it cannot be removed."),
                )
        before = kpi_snapshot(kpi)
        number = kpi.number
        kpi.delete()
        for later in plan.kpis.filter(number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number", "updated_at"])
        _after_kpi_edit(
            actor=actor,
            plan=plan,
            version=version,
            action="kpi_remove",
            reason=reason,
            number=number,
            before=before,
            after={},
        )


def kpi_change(
    *,
    actor: User,
    plan_id: int,
    version: int,
    reason: str,
    kpi_id: int | None = None,
    data: KpiData | None = None,
) -> PlanChange:
    """A KPI change after approval (p.25), with its reason, kept in the plan's history: `data`
    alone adds a KPI, `kpi_id` with `data` changes it, `kpi_id` alone removes it."""
    with transaction.atomic():
        plan = _lock(actor, plan_id)
        if not access.may(actor, plan, "change"):
            raise PermissionDenied("Only the evaluator changes the KPIs.")
        _check_version(plan, version)
        if not plan.is_locked:
            raise DomainError(
                "status",
                N_(
                    "Only an approved plan is changed with a reason; this one is %(status)s: "
                    "edit its KPIs directly."
                ),
                status=plan.get_status_display(),
            )
        if not (reason or "").strip():
            raise _reason_required()
        if data is None and kpi_id is None:
            raise DomainError("kpi", N_("Say which KPI to change, or give the new KPI."))
        if kpi_id is None:
            assert data is not None
            kpi_add(actor=actor, plan_id=plan_id, version=version, data=data, reason=reason)
        elif data is None:
            kpi_remove(actor=actor, plan_id=plan_id, kpi_id=kpi_id, version=version, reason=reason)
        else:
            kpi_update(
                actor=actor,
                plan_id=plan_id,
                kpi_id=kpi_id,
                version=version,
                data=data,
                reason=reason,
            )
        change = plan.changes.order_by("-id").first()
        assert change is not None
    return change


# --- the approval workflow (p.22) ---------------------------------------------------------------


def _transition(
    *,
    actor: User,
    plan_id: int,
    version: int,
    action: str,
    updates: dict[str, Any] | None = None,
) -> WorkPlan:
    """Move the plan along TRANSITIONS after the checks; audit the old and new values."""
    plan = _lock(actor, plan_id)
    _require(actor, plan, action)
    _check_version(plan, version)
    _sources, target = TRANSITIONS[action]
    fields: dict[str, Any] = {"status": target, **(updates or {})}
    before = {name: getattr(plan, name) for name in fields}
    _save(plan, version, **fields)
    audit_log(
        actor=actor,
        action=action,
        obj=plan,
        summary=str(plan),
        changes={
            **{name: (before[name], getattr(plan, name)) for name in fields},
            "version": (version, plan.version),
        },
    )
    return plan


def _comment(comment: str) -> str:
    text = (comment or "").strip()
    if not text:
        raise DomainError("comment", N_("Say what to correct."))
    return text


def plan_send_to_hr(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """The evaluator sends the drafted plan (3 to 5 KPIs, p.23) to HR for agreement."""
    with transaction.atomic():
        plan = _lock(actor, plan_id)
        _require(actor, plan, "send_to_hr")
        _check_version(plan, version)
        rules = _rules(plan.organisation, plan.period_start)
        try:
            check_kpi_count(rules, plan.kpis.count())
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        plan = _transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="send_to_hr",
            updates={"sent_to_hr_at": clock.now()},
        )
        for user in hr_users(plan.organisation):
            _tell(actor, user, "plan_to_agree", plan)
    return plan


def plan_hr_agree(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """HR agrees the KPIs (p.22); the evaluator may then submit the plan for approval."""
    with transaction.atomic():
        plan = _transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="hr_agree",
            updates={"hr_agreed_by": actor, "hr_agreed_at": clock.now()},
        )
        _tell(actor, plan.evaluator, "plan_hr_agreed", plan)
    return plan


def plan_hr_return(*, actor: User, plan_id: int, version: int, comment: str) -> WorkPlan:
    """HR returns the plan to the evaluator with what to correct."""
    return _return(
        actor=actor, plan_id=plan_id, version=version, comment=comment, action="hr_return"
    )


def plan_submit(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """The evaluator submits the HR-agreed plan to the superior manager for approval."""
    with transaction.atomic():
        plan = _transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="submit",
            updates={"submitted_at": clock.now()},
        )
        _tell(actor, plan.approver, "plan_to_approve", plan)
    return plan


def plan_approve(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """The superior manager approves ("БЕКІТЕМІН", App. 1); HR must post the plan within 5
    working days (p.22)."""
    with transaction.atomic():
        plan = _lock(actor, plan_id)
        _require(actor, plan, "approve")
        rules = _rules(plan.organisation, plan.period_start)
        today = clock.today()
        due = plan_posting_due(rules, work_calendar(), today)
        plan = _transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="approve",
            updates={"approved_by": actor, "approved_at": clock.now(), "posting_due": due},
        )
        for user in hr_users(plan.organisation):
            _tell(actor, user, "plan_approved", plan, due=_day(due))
    return plan


def plan_return(*, actor: User, plan_id: int, version: int, comment: str) -> WorkPlan:
    """The superior manager returns the plan to the evaluator with a comment."""
    return _return(actor=actor, plan_id=plan_id, version=version, comment=comment, action="return")


def _return(*, actor: User, plan_id: int, version: int, comment: str, action: str) -> WorkPlan:
    with transaction.atomic():
        plan = _lock(actor, plan_id)
        _require(actor, plan, action)
        _check_version(plan, version)
        text = _comment(comment)
        plan = _transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action=action,
            updates={"return_comment": text, "returned_by": actor, "returned_at": clock.now()},
        )
        _tell(actor, plan.evaluator, "plan_returned", plan, comment=text)
    return plan


def plan_post(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """HR posts the approved plan in the information system (p.22) and the manager is told."""
    with transaction.atomic():
        plan = _transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="post",
            updates={"posted_at": clock.now()},
        )
        _tell(actor, plan.servant, "plan_posted", plan)
    return plan


#: The workflow services by action name (views and the API dispatch on it).
def plan_managers_refresh(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """HR takes the plan's evaluator and superior manager from the structure again when they
    changed during the year (transfer, dismissal, an override): the new evaluator drafts, changes
    (p.25) and is told; a plan awaiting approval goes to the new superior manager. The KPIs and
    the status stay; the change is audited and a new evaluator is told to the servant and the head
    of the HR service. Nobody takes a plan for themselves or for their own post (org.managers)."""
    with transaction.atomic():
        plan = _lock(actor, plan_id)
        _require(actor, plan, "managers")
        _check_version(plan, version)
        evaluator, approver = managers_by_structure(plan)
        if evaluator is None or approver is None:
            raise DomainError(
                "evaluator",
                N_("%(servant)s has no direct manager in the structure: complete it first."),
                servant=plan.servant.full_name,
            )
        if (evaluator.pk, approver.pk) == (plan.evaluator_id, plan.approver_id):
            raise DomainError(
                "evaluator",
                N_(
                    "The work plan already names the managers of the structure: %(evaluator)s"
                    " (evaluator) and %(approver)s (superior manager)."
                ),
                evaluator=evaluator.full_name,
                approver=approver.full_name,
            )
        refuse_own_post("evaluator", actor, plan.organisation, plan.servant)
        refuse_self_appointment("evaluator", actor, plan.organisation, [evaluator, approver])
        before = (plan.evaluator, plan.approver)
        plan = _save(plan, version, evaluator=evaluator, approver=approver)
        entry = audit_log(
            actor=actor,
            action="managers",
            obj=plan,
            summary=str(plan),
            changes={
                "evaluator": (before[0], plan.evaluator),
                "approver": (before[1], plan.approver),
                "version": (version, plan.version),
            },
        )
        if plan.evaluator != before[0]:
            _tell(actor, plan.evaluator, "plan_evaluator_assigned", plan)
            tell_evaluator_changed(
                actor=actor,
                organisation=plan.organisation,
                servant=plan.servant,
                before=before[0],
                after=plan.evaluator,
                kind="plan_evaluator_changed",
                params={"year": plan.year},
                url=_url(plan),
                dedupe_key=f"plan{plan.pk}:evaluator:{entry.pk}",
            )
        if plan.approver != before[1] and plan.approver != plan.evaluator:
            kind = (
                "plan_to_approve"
                if plan.status == PlanStatus.SUBMITTED
                else "plan_approver_assigned"
            )
            _tell(actor, plan.approver, kind, plan)
    return plan


TRANSITION_SERVICES = {
    "send_to_hr": plan_send_to_hr,
    "hr_agree": plan_hr_agree,
    "submit": plan_submit,
    "approve": plan_approve,
    "post": plan_post,
    "managers": plan_managers_refresh,
}
RETURN_SERVICES = {"hr_return": plan_hr_return, "return": plan_return}
