"""Writes of the typical-2018 individual work plan (seed 004 p.9-15, App. 1; EDITIONS.md §2.2
B1-B5, §2.3 WorkPlan). The table is ``plans.models.TYPICAL_PLAN_FLOW``::

    draft ─sign_servant (servant), sign_manager (direct manager)─▶ draft   (5 KPIs, p.14)
    draft ─submit_to_superior (direct manager; 5 KPIs, both signatures)─▶ submitted
    submitted ─approve_typical (superior manager, or the first head, p.10-11)─▶ approved
    submitted ─return_typical (the same; a reason, p.12-13)─▶ returned ─(≤2 WD) submit…─▶ submitted

Every evaluated servant gets a plan (not only managers), drawn up by the direct manager jointly
with the servant within 10 working days of the period start (p.9; for a later appointment 10
working days from it, none with under 3 months left, §9 T-2). Deadlines are shown as "late by N
working days" and never block: past years are entered back-dated (§9 G-1), so every step takes
the date the document bears (`on`, today by default, never in the future), and the audit row
records it. HR opens the plans and keeps the approved ones (p.15); there is no HR agreement.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.methodology import EvaluationModel, MethodologyError
from bagalau.methodology.typical2018_workflow import appointment_plan_due, resubmission_due
from bagalau.org.models import Assignment, Organisation
from bagalau.org.selectors import hr_users, organisation_edition, work_calendar
from bagalau.plans import access
from bagalau.plans.common import (
    lock_for,
    lock_plan,
    require,
    require_hr,
    tell,
    transition,
    typical_rules,
)
from bagalau.plans.models import WorkPlan
from bagalau.plans.opening import Draft, Opening, check_held, drafts_save_all, plan_for
from bagalau.plans.selectors import evaluated_assignments

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.plans.services import InitiationReport


# --- opening the plans (p.9; §9 T-2) ------------------------------------------------------------


def typical_plan_for(actor: User, assignment: Assignment, year: int) -> tuple[WorkPlan, bool]:
    """The typical-2018 plan of `assignment` for `year`, created if missing; DomainError when
    none is due (`typical_draft_for`)."""
    check_held(assignment, year)
    return plan_for(actor, assignment, year, typical_draft_for)


def typical_draft_for(assignment: Assignment, year: int, opening: Opening) -> Draft:
    """The unsaved typical-2018 plan of `assignment` for `year` (with its edition, the direct
    manager who draws it up and the superior manager who approves it, or the first head when
    the direct manager is the first head himself, p.10-11), due 10 working days from the
    period start (p.9, §9 T-2); DomainError when none is due."""
    check_held(assignment, year)
    organisation = opening.organisation
    period_start = max(dt.date(year, 1, 1), assignment.start)
    edition = _typical_edition(organisation, period_start)
    plan = WorkPlan(edition=edition, year=year)
    rules = typical_rules(plan)
    due = appointment_plan_due(rules, opening.calendar, year, assignment.start)
    if due is None:
        raise DomainError(
            "assignment",
            N_(
                "Less than %(months)s months remain from %(start)s to the end of %(year)s: "
                "no work plan is drawn up (EDITIONS.md §9 T-2)."
            ),
            months=rules.deadlines.min_months_left_for_plan,
            start=day_text(period_start),
            year=year,
        )
    draft = opening.draft(
        assignment,
        year,
        edition=edition,
        period_start=period_start,
        draft_due=due,
        audited=("status", "edition", "evaluator", "approver", "period_start", "draft_due"),
    )
    draft.notes.append((assignment.servant, "typical_plan_to_draw_up", {"due": day_text(due)}))
    return draft


def _typical_edition(organisation: Organisation, day: dt.date) -> str:
    """The code of the typical-2018 edition in force for the organisation on `day`."""
    try:
        edition = organisation_edition(organisation, day)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    if edition.model != EvaluationModel.TYPICAL2018:
        raise DomainError(
            "year",
            N_("On %(day)s the organisation evaluated under %(edition)s, not a typical-2018 one."),
            day=day_text(day),
            edition=edition.code,
        )
    return edition.code


def is_typical_year(organisation: Organisation, year: int) -> bool:
    """Whether a typical-2018 edition governs the organisation at the start of `year`."""
    try:
        return (
            organisation_edition(organisation, dt.date(year, 1, 1)).model
            == EvaluationModel.TYPICAL2018
        )
    except MethodologyError:
        return False


def typical_plans_open(
    *, actor: User, organisation: Organisation, year: int, report: InitiationReport
) -> InitiationReport:
    """HR opens the year's typical-2018 plans: one for every "B" corps post held in `year`
    (every evaluated servant, p.9), reporting the posts that get none and why."""

    require_hr(actor, organisation)
    with transaction.atomic():
        return drafts_save_all(
            actor=actor,
            organisation=organisation,
            year=year,
            assignments=evaluated_assignments(organisation, year),
            draft_for=typical_draft_for,
            report=report,
        )


# --- signatures, submission, approval (p.9-12) --------------------------------------------------


def _document_day(on: dt.date | None, field: str, not_before: dt.date | None = None) -> dt.date:
    """The date the document bears: today by default, back-dated allowed (G-1), never in the
    future, and not before the step it follows."""
    day = on or clock.today()
    if day > clock.today():
        raise DomainError(field, N_("The date cannot be in the future."))
    if not_before is not None and day < not_before:
        raise DomainError(field, N_("The date cannot be before %(day)s."), day=day_text(not_before))
    return day


def _require_kpi_count(plan: WorkPlan) -> None:
    """Exactly 5 KPIs (seed 004 p.14, the count from the methodology data)."""
    count = typical_rules(plan).kpi_count
    have = plan.kpis.count()
    if have != count:
        raise DomainError(
            "kpis",
            N_("A work plan has exactly %(count)s KPIs (p.14); this one has %(have)s."),
            count=count,
            have=have,
        )


def typical_plan_sign(
    *, actor: User, plan_id: int, version: int, on: dt.date | None = None
) -> WorkPlan:
    """The servant or the direct manager signs the plan with its 5 KPIs (App. 1 signature lines;
    p.9: drawn up jointly). A KPI edit afterwards removes both signatures."""
    with transaction.atomic():
        plan = lock_plan(actor, plan_id)
        action = "sign_servant" if access.is_servant(actor, plan) else "sign_manager"
        require(actor, plan, action)
        field = "servant_signed_on" if action == "sign_servant" else "manager_signed_on"
        day = _document_day(on, "on")
        _require_kpi_count(plan)
        plan = transition(
            actor=actor, plan_id=plan_id, version=version, action=action, updates={field: day}
        )
        if action == "sign_servant":
            tell(actor, plan.evaluator, "typical_plan_signed", plan)
        else:
            tell(actor, plan.servant, "typical_plan_to_sign", plan)
    return plan


def typical_plan_submit(
    *, actor: User, plan_id: int, version: int, on: dt.date | None = None
) -> WorkPlan:
    """The direct manager submits the signed plan to the superior manager, or to himself as the
    first head (p.10-11). Late submissions are accepted and shown late (p.9, p.12; G-1)."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "submit_to_superior")
        _require_kpi_count(plan)
        if plan.servant_signed_on is None:
            raise DomainError(
                "signatures",
                N_("The servant has not signed the plan: both sign it before it is submitted."),
            )
        if plan.manager_signed_on is None:
            raise DomainError(
                "signatures",
                N_(
                    "The direct manager has not signed the plan: both sign it before it is "
                    "submitted."
                ),
            )
        signed = max(
            plan.servant_signed_on, plan.manager_signed_on, plan.returned_on or dt.date.min
        )
        day = _document_day(on, "on", signed)
        plan = transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="submit_to_superior",
            updates={
                "submitted_on": day,
                "submitted_at": clock.now(),
                "first_submitted_on": plan.first_submitted_on or day,
            },
        )
        tell(actor, plan.approver, "plan_to_approve", plan)
    return plan


def typical_plan_approve(
    *, actor: User, plan_id: int, version: int, on: dt.date | None = None
) -> WorkPlan:
    """The superior manager (or the first head, p.11) approves the plan ("БЕКІТЕМІН", App. 1);
    HR keeps it (p.15) and the servant is told."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "approve_typical")
        day = _document_day(on, "on", plan.submitted_on)
        plan = transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="approve_typical",
            updates={"approved_on": day, "approved_by": actor, "approved_at": clock.now()},
        )
        tell(actor, plan.servant, "typical_plan_approved", plan)
        tell(actor, plan.evaluator, "typical_plan_approved", plan)
        for user in hr_users(plan.organisation):
            tell(actor, user, "typical_plan_to_keep", plan)
    return plan


def typical_plan_return(
    *, actor: User, plan_id: int, version: int, comment: str, on: dt.date | None = None
) -> WorkPlan:
    """The superior manager (or the first head) returns the plan for correction when its KPIs
    fail p.13 (p.12), saying why; it is due back within 2 working days of the return (p.12)."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "return_typical")
        text = (comment or "").strip()
        if not text:
            raise DomainError(
                "comment",
                N_("Say which requirement of p.13 the KPIs fail and what to correct."),
            )
        day = _document_day(on, "on", plan.submitted_on)
        due = resubmission_due(typical_rules(plan), work_calendar(), day)
        plan = transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="return_typical",
            updates={
                "return_comment": text,
                "returned_by": actor,
                "returned_at": clock.now(),
                "returned_on": day,
                "resubmission_due": due,
            },
        )
        tell(actor, plan.evaluator, "plan_returned", plan, comment=text)
        tell(actor, plan.servant, "plan_returned", plan, comment=text)
    return plan


#: The typical-2018 workflow services by action name (views and the API dispatch on it).
TYPICAL_SERVICES = {
    "sign_servant": typical_plan_sign,
    "sign_manager": typical_plan_sign,
    "submit_to_superior": typical_plan_submit,
    "approve_typical": typical_plan_approve,
}
TYPICAL_RETURN_SERVICES = {"return_typical": typical_plan_return}
