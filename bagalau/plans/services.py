"""Writes of the plans app: work plans with 3-5 KPIs for managers (seed 002 p.22-25, App. 1).

The workflow (WorkPlan.status; the table is ``plans.models.PLAN_FLOW``, who may act is
``plans.access``)::

    draft ─send_to_hr (evaluator; 3-5 KPIs)─▶ sent_to_hr ─hr_agree (HR)─▶ hr_agreed
    hr_agreed ─submit (evaluator)─▶ submitted ─approve (superior manager)─▶ approved
    approved ─post (HR, within 5 working days of approval)─▶ posted
    sent_to_hr, hr_agreed ─hr_return (HR; comment)─▶ returned
    submitted ─return (superior manager; comment)─▶ returned
    returned ─(evaluator edits) send_to_hr─▶ sent_to_hr   (so HR agrees again)
    approved, posted ─change (evaluator; ground + act, p.25)─▶ changing ─send_to_hr─▶ …

The evaluator adds, edits and removes KPIs only in draft, returned and changing plans. An approved
(or posted) plan changes only when the apparatus's functions or structure changed (p.25): the
evaluator opens a change naming that ground and the act behind it (plans.changes), edits the KPIs,
and the plan goes through HR's agreement and the superior manager's approval again; the version in
force before is kept in the PlanChange.

Every service is keyword-only and atomic, checks who may act inside (Http404 when the plan is not
visible, PermissionDenied when it is but the action is not the actor's), refuses a stale
``version`` with ConflictError, and writes its audit row with old and new values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.visible import visible_one
from bagalau.methodology import MethodologyError
from bagalau.methodology.sjc2023 import (
    check_kpi_count,
    kpi_setting_due,
    kpis_required,
    plan_posting_due,
)
from bagalau.org.managers import refuse_own_post, refuse_self_appointment, tell_evaluator_changed
from bagalau.org.models import Assignment, Organisation
from bagalau.org.selectors import (
    hr_users,
    organisation_edition,
    structure_rules,
    work_calendar,
)
from bagalau.plans import access, typical
from bagalau.plans.access import managers_by_structure
from bagalau.plans.changes import close_change, plan_change_open
from bagalau.plans.common import (
    check_version,
    kpi_edit_updates,
    lock_for,
    lock_plan,
    plan_rules,
    plan_url,
    refuse_extra_kpi,
    require_hr,
    save_plan,
    tell,
    transition,
)
from bagalau.plans.kpi_data import (
    PLAN_FIELDS,
    QUARTERS,
    KpiData,
    kpi_data_clean,
    kpi_snapshot,
)
from bagalau.plans.models import (
    KPI_FIELDS,
    Kpi,
    PlanStatus,
    WorkPlan,
)
from bagalau.plans.opening import Draft, Opening, check_held, drafts_save_all, plan_for
from bagalau.plans.selectors import manager_assignments

if TYPE_CHECKING:
    from bagalau.core.types import User

__all__ = [
    "PLAN_FIELDS",
    "QUARTERS",
    "KpiData",
    "kpi_data_clean",
    "kpi_snapshot",
    "plan_change_open",
]

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
    opening = Opening.of(assignment.servant.organisation)
    _check_post(assignment, year, opening.organisation)
    return plan_for(actor, assignment, year, _draft_for, opening)


def _check_post(assignment: Assignment, year: int, organisation: Organisation) -> None:
    """DomainError unless the post is evaluated by KPI (p.21) and was held in `year`."""
    position = assignment.position
    structure = structure_rules(organisation, dt.date(year, 12, 31))
    if not position.evaluated_by_kpi(structure):
        raise DomainError(
            "assignment",
            N_("%(position)s is not a post evaluated by KPI (p.21): it needs no work plan."),
            position=position.name,
        )
    check_held(assignment, year)


def _draft_for(assignment: Assignment, year: int, opening: Opening) -> Draft:
    """The unsaved plan of a post evaluated by KPI held in `year` (p.21-22): from 1 January or
    the later appointment, none with under 3 months left; the evaluator is the direct manager,
    the approver the superior manager (the first head approves his own, seed 004 p.11); the
    KPIs are due in 10 working days (p.22). DomainError when none is due."""
    organisation = opening.organisation
    _check_post(assignment, year, organisation)
    period_start = max(dt.date(year, 1, 1), assignment.start)
    rules = plan_rules(organisation, period_start)
    if not kpis_required(rules, period_start, dt.date(year, 12, 31)):
        raise DomainError(
            "assignment",
            N_(
                "Less than 3 months remain from %(start)s to the end of %(year)s: "
                "no KPIs are set (p.22)."
            ),
            start=day_text(period_start),
            year=year,
        )
    today = clock.today()
    if assignment.end is not None and assignment.end < today:
        raise DomainError(
            "assignment",
            N_("%(servant)s left this post on %(end)s."),
            servant=assignment.servant.full_name,
            end=day_text(assignment.end),
        )
    return opening.draft(
        assignment,
        year,
        edition=organisation_edition(organisation, period_start).code,
        period_start=period_start,
        draft_due=kpi_setting_due(rules, opening.calendar, period_start),
        audited=("status", "evaluator", "approver", "period_start", "draft_due"),
    )


def plans_initiate(*, actor: User, organisation: Organisation, year: int) -> InitiationReport:
    """HR opens the year's work plans: a draft for every post evaluated by KPI held in `year`
    (from 1 January or from a later appointment) that has none, with the evaluator (the direct
    manager), the approver (the superior manager, or the direct manager when there is none) and
    the KPI deadline (10 working days, p.22). Posts with under 3 months left get no plan and are
    reported. Running it again creates only what is missing. The whole organisation at once
    (`plans.opening.drafts_save_all`: no look-up per post)."""
    require_hr(actor, organisation)
    if not 2000 <= year <= 2100:
        raise DomainError("year", N_("Enter a year between 2000 and 2100."))
    report = InitiationReport()
    if typical.is_typical_year(organisation, year):
        return typical.typical_plans_open(
            actor=actor, organisation=organisation, year=year, report=report
        )
    with transaction.atomic():
        return drafts_save_all(
            actor=actor,
            organisation=organisation,
            year=year,
            assignments=manager_assignments(organisation, year),
            draft_for=_draft_for,
            report=report,
        )


def plan_create_for_assignment(*, actor: User, assignment: Assignment, year: int) -> WorkPlan:
    """HR opens the plan of a newcomer (same rules as `plans_initiate`: KPIs within 10 working
    days of the appointment, none with under 3 months left). Returns the existing plan when there
    is one."""
    organisation = assignment.servant.organisation
    require_hr(actor, organisation)
    with transaction.atomic():
        if typical.is_typical_year(organisation, year):
            plan, _created = typical.typical_plan_for(actor, assignment, year)
        else:
            plan, _created = _plan_for(actor, assignment, year)
    return plan


# --- KPIs (p.23-25) -----------------------------------------------------------------------------


def _open_for_kpis(actor: User, plan_id: int, version: int) -> WorkPlan:
    """Lock the plan for a KPI edit by its evaluator: a draft, a returned plan, or one being
    changed (p.25). An approved plan is changed only by opening a change first."""
    plan = lock_plan(actor, plan_id)
    if not access.may(actor, plan, "kpis"):
        raise PermissionDenied("Only the evaluator sets the KPIs.")
    check_version(plan, version)
    if plan.is_editable:
        return plan
    if plan.is_locked:
        raise DomainError(
            "status",
            N_(
                "The plan is approved: its KPIs change only when the apparatus's functions or "
                "structure change (p.25). Open a change naming its ground first."
            ),
        )
    raise DomainError(
        "status",
        N_("KPIs can be edited in a draft or returned plan; this one is %(status)s."),
        status=plan.get_status_display(),
    )


def _kpi_of(plan: WorkPlan, kpi_id: int) -> Kpi:
    return visible_one(plan.kpis.all(), kpi_id, "No such KPI in this plan.")


def _after_kpi_edit(
    *,
    actor: User,
    plan: WorkPlan,
    version: int,
    action: str,
    number: int,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """Bump the version and audit the KPI's fields before and after (and the signatures a
    changed typical-2018 plan loses)."""
    updates = kpi_edit_updates(plan)
    signed = {name: getattr(plan, name) for name in updates}
    save_plan(plan, version, **updates)
    changes: dict[str, Any] = {
        f"kpis[{number}].{name}": (before.get(name), after.get(name))
        for name in KPI_FIELDS
        if before.get(name) != after.get(name)
    }
    changes.update({name: (signed[name], None) for name in updates if signed[name] is not None})
    changes["version"] = (version, plan.version)
    audit_log(
        actor=actor,
        action=action,
        obj=plan,
        summary=f"{plan}: {action} #{number}",
        changes=changes,
    )


def kpi_add(*, actor: User, plan_id: int, version: int, data: KpiData) -> Kpi:
    """The evaluator adds a KPI (at most 5, p.23) to a draft, returned or changing plan."""
    with transaction.atomic():
        plan = _open_for_kpis(actor, plan_id, version)
        refuse_extra_kpi(plan, plan.kpis.count())
        values = kpi_data_clean(plan, data)
        number = (plan.kpis.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        kpi = Kpi.objects.create(plan=plan, number=number, **values)
        _after_kpi_edit(
            actor=actor,
            plan=plan,
            version=version,
            action="kpi_add",
            number=number,
            before={},
            after=kpi_snapshot(kpi),
        )
    return kpi


def kpi_update(*, actor: User, plan_id: int, kpi_id: int, version: int, data: KpiData) -> Kpi:
    """The evaluator edits a KPI of a draft, returned or changing plan."""
    with transaction.atomic():
        plan = _open_for_kpis(actor, plan_id, version)
        kpi = _kpi_of(plan, kpi_id)
        values = kpi_data_clean(plan, data)
        before = kpi_snapshot(kpi)
        for name, value in values.items():
            setattr(kpi, name, value)
        kpi.save()
        kpi.refresh_from_db()
        after = kpi_snapshot(kpi)
        if before == after:
            return kpi
        _after_kpi_edit(
            actor=actor,
            plan=plan,
            version=version,
            action="kpi_update",
            number=kpi.number,
            before=before,
            after=after,
        )
    return kpi


def kpi_remove(*, actor: User, plan_id: int, kpi_id: int, version: int) -> None:
    """The evaluator removes a KPI; the others are renumbered 1..n as App. 1 numbers them. A KPI
    that already has results in an evaluation sheet is never removed (a changed plan keeps it)."""
    with transaction.atomic():
        plan = _open_for_kpis(actor, plan_id, version)
        kpi = _kpi_of(plan, kpi_id)
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
            number=number,
            before=before,
            after={},
        )


# --- the approval workflow (p.22) ---------------------------------------------------------------


def _comment(comment: str) -> str:
    text = (comment or "").strip()
    if not text:
        raise DomainError("comment", N_("Say what to correct."))
    return text


def _step_and_tell(
    *,
    actor: User,
    plan_id: int,
    version: int,
    action: str,
    updates: dict[str, Any],
    recipient: str,
    kind: str,
) -> WorkPlan:
    """Take the workflow step `action` (p.22) writing `updates`, then tell the one person the
    step hands the plan to (`recipient`: the plan's "evaluator", "approver" or "servant") with a
    `kind` notification; in one transaction."""
    with transaction.atomic():
        plan = transition(
            actor=actor, plan_id=plan_id, version=version, action=action, updates=updates
        )
        tell(actor, getattr(plan, recipient), kind, plan)
    return plan


def plan_send_to_hr(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """The evaluator sends the drafted plan (3 to 5 KPIs, p.23) to HR for agreement."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "send_to_hr", version)
        rules = plan_rules(plan.organisation, plan.period_start)
        try:
            check_kpi_count(rules, plan.kpis.count())
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        plan = transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="send_to_hr",
            updates={"sent_to_hr_at": clock.now()},
        )
        for user in hr_users(plan.organisation):
            tell(actor, user, "plan_to_agree", plan)
    return plan


def plan_hr_agree(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """HR agrees the KPIs (p.22); the evaluator may then submit the plan for approval."""
    return _step_and_tell(
        actor=actor,
        plan_id=plan_id,
        version=version,
        action="hr_agree",
        updates={"hr_agreed_by": actor, "hr_agreed_at": clock.now()},
        recipient="evaluator",
        kind="plan_hr_agreed",
    )


def plan_hr_return(*, actor: User, plan_id: int, version: int, comment: str) -> WorkPlan:
    """HR returns the plan to the evaluator with what to correct."""
    return _return(
        actor=actor, plan_id=plan_id, version=version, comment=comment, action="hr_return"
    )


def plan_submit(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """The evaluator submits the HR-agreed plan to the superior manager for approval."""
    return _step_and_tell(
        actor=actor,
        plan_id=plan_id,
        version=version,
        action="submit",
        updates={"submitted_at": clock.now()},
        recipient="approver",
        kind="plan_to_approve",
    )


def plan_approve(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """The superior manager approves ("БЕКІТЕМІН", App. 1); HR must post the plan within 5
    working days (p.22)."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "approve")
        rules = plan_rules(plan.organisation, plan.period_start)
        today = clock.today()
        due = plan_posting_due(rules, work_calendar(), today)
        plan = transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="approve",
            updates={"approved_by": actor, "approved_at": clock.now(), "posting_due": due},
        )
        close_change(actor, plan)
        for user in hr_users(plan.organisation):
            tell(actor, user, "plan_approved", plan, due=day_text(due))
    return plan


def plan_return(*, actor: User, plan_id: int, version: int, comment: str) -> WorkPlan:
    """The superior manager returns the plan to the evaluator with a comment."""
    return _return(actor=actor, plan_id=plan_id, version=version, comment=comment, action="return")


def _return(*, actor: User, plan_id: int, version: int, comment: str, action: str) -> WorkPlan:
    with transaction.atomic():
        plan = lock_for(actor, plan_id, action, version)
        text = _comment(comment)
        plan = transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action=action,
            updates={"return_comment": text, "returned_by": actor, "returned_at": clock.now()},
        )
        tell(actor, plan.evaluator, "plan_returned", plan, comment=text)
    return plan


def plan_post(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """HR posts the approved plan in the information system (p.22) and the manager is told."""
    return _step_and_tell(
        actor=actor,
        plan_id=plan_id,
        version=version,
        action="post",
        updates={"posted_at": clock.now()},
        recipient="servant",
        kind="plan_posted",
    )


def plan_managers_refresh(*, actor: User, plan_id: int, version: int) -> WorkPlan:
    """HR takes the plan's evaluator and superior manager from the structure again when they
    changed during the year (transfer, dismissal, an override): the new evaluator drafts, changes
    (p.25) and is told; a plan awaiting approval goes to the new superior manager. The KPIs and
    the status stay; the change is audited and a new evaluator is told to the servant and the head
    of the HR service. Nobody takes a plan for themselves or for their own post (org.managers)."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "managers", version)
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
        plan = save_plan(plan, version, evaluator=evaluator, approver=approver)
        entry = audit_log(
            actor=actor,
            action="managers",
            obj=plan,
            changes={
                "evaluator": (before[0], plan.evaluator),
                "approver": (before[1], plan.approver),
                "version": (version, plan.version),
            },
        )
        if plan.evaluator != before[0]:
            tell(actor, plan.evaluator, "plan_evaluator_assigned", plan)
            tell_evaluator_changed(
                actor=actor,
                organisation=plan.organisation,
                servant=plan.servant,
                before=before[0],
                after=plan.evaluator,
                kind="plan_evaluator_changed",
                params={"year": plan.year},
                url=plan_url(plan),
                dedupe_key=f"plan{plan.pk}:evaluator:{entry.pk}",
            )
        if plan.approver != before[1] and plan.approver != plan.evaluator:
            kind = (
                "plan_to_approve"
                if plan.status == PlanStatus.SUBMITTED
                else "plan_approver_assigned"
            )
            tell(actor, plan.approver, kind, plan)
    return plan


#: The workflow services by action name (views and the API dispatch on it).
TRANSITION_SERVICES = {
    "send_to_hr": plan_send_to_hr,
    "hr_agree": plan_hr_agree,
    "submit": plan_submit,
    "approve": plan_approve,
    "post": plan_post,
    "managers": plan_managers_refresh,
}
RETURN_SERVICES = {"hr_return": plan_hr_return, "return": plan_return}
