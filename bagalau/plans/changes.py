"""A change of an approved work plan (seed 002 p.25): "НМИ-ге өзгерістер енгізу … Аппараттың
функциялары мен құрылымы өзгерген жағдайда жүзеге асырылады". The evaluator opens it naming the
ground (edition data) and the act; the plan goes back through agreement and approval (p.22) and
the version in force before is kept for the record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.methodology import MethodologyError
from bagalau.methodology.decisions import check_change_ground, decision_rules
from bagalau.org.selectors import hr_users, organisation_edition
from bagalau.plans.common import lock_for, tell, transition
from bagalau.plans.kpi_data import kpi_snapshot
from bagalau.plans.models import CHANGE_FLOW, PlanChange, WorkPlan

if TYPE_CHECKING:
    from bagalau.core.types import Account, User
    from bagalau.org.models import Servant


def plan_snapshot(plan: WorkPlan) -> dict[str, Any]:
    """The plan's KPIs and its approval as they stand, JSON-safe (a PlanChange's before/after)."""
    return {
        "kpis": [kpi_snapshot(kpi) for kpi in plan.kpis.order_by("number")],
        "approved_at": plan.approved_at.isoformat() if plan.approved_at else None,
        "posted_at": plan.posted_at.isoformat() if plan.posted_at else None,
    }


def close_change(actor: User, plan: WorkPlan) -> None:
    """The superior manager approved a changed plan (p.25): its change records the KPIs now in
    force and the approval; the version before stays in `before`."""
    change = plan.changes.filter(status__in=CHANGE_FLOW.group("open")).order_by("-id").first()
    if change is None:
        return
    change.after = plan_snapshot(plan)
    before = change.status
    change.status, change.approved_by, change.approved_at = (
        CHANGE_FLOW.target("approve", before),
        account(actor),
        clock.now(),
    )
    change.save(update_fields=["after", "status", "approved_by", "approved_at"])
    audit_log(
        actor=actor,
        action="change_approved",
        obj=plan,
        summary=f"{plan}: {change.ground}",
        changes={"change": (change.pk, change.pk), "status": (before, change.status)},
    )


def plan_change_open(
    *, actor: User, plan_id: int, version: int, ground: str, reference: str
) -> PlanChange:
    """The evaluator reopens an approved (or posted) plan to change its KPIs, which p.25 allows
    only when the apparatus's functions or structure changed: `ground` names which (edition data,
    any other is refused on the field) and `reference` the order or decision. The plan becomes
    `changing`; the evaluator edits the KPIs and it goes through HR's agreement and the superior
    manager's approval again (p.22, the same steps as the first time). The version in force is
    kept in the change; the superior manager, the servant and HR are told."""
    with transaction.atomic():
        plan = lock_for(actor, plan_id, "change", version)
        try:
            grounds = decision_rules(organisation_edition(plan.organisation, clock.today()))
            choice = check_change_ground(grounds, (ground or "").strip())
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        text = " ".join((reference or "").split())
        if not text:
            raise DomainError(
                "reference", N_("Name the order or decision that changed them (p.25).")
            )
        if len(text) > bounds.TITLE:
            raise DomainError("reference", N_("At most %(max)s characters."), max=bounds.TITLE)
        change = PlanChange.objects.create(
            plan=plan,
            ground=choice.code,
            reference=text,
            changed_by=account(actor),
            changed_at=clock.now(),
            before=plan_snapshot(plan),
        )
        plan = transition(
            actor=actor,
            plan_id=plan_id,
            version=version,
            action="change",
            updates={
                "hr_agreed_by": None,
                "hr_agreed_at": None,
                "submitted_at": None,
                "approved_by": None,
                "approved_at": None,
                "posting_due": None,
                "posted_at": None,
                "return_comment": "",
            },
        )
        audit_log(
            actor=actor,
            action="change_opened",
            obj=plan,
            changes={"ground": (None, choice.code), "reference": (None, text)},
        )
        recipients: list[Account | Servant] = [
            plan.approver,
            plan.servant,
            *hr_users(plan.organisation),
        ]
        for recipient in recipients:
            tell(actor, recipient, "plan_changed", plan, reason=text)
    return change
