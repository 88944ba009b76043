"""The plans app's shared steps: the edition's rules, the locked plan, the version check, the
workflow transition, and telling people (seed 002 p.22-25). Used by plans.services and
plans.changes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock, concurrency
from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules, typical2018_rules
from bagalau.methodology.sjc2023 import Sjc2023Rules
from bagalau.methodology.typical2018 import Typical2018Rules
from bagalau.notifications.services import Note, notify
from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import has_role, organisation_edition
from bagalau.plans import access
from bagalau.plans.models import WorkPlan

if TYPE_CHECKING:
    from bagalau.core.types import Account, User


def plan_rules(organisation: Organisation, day: dt.date) -> Sjc2023Rules:
    """The sjc-2023 rules governing the organisation on `day` (work plans with 3-5 KPIs)."""
    try:
        return sjc2023_rules(organisation_edition(organisation, day))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def typical_rules(plan: WorkPlan) -> Typical2018Rules:
    """The typical-2018 rules of the plan's edition (seed 004; EDITIONS.md §2)."""
    try:
        return typical2018_rules(get_edition(plan.edition))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def require_hr(actor: User, organisation: Organisation) -> None:
    """PermissionDenied unless `actor` is of the organisation's HR service, which opens the work
    plans (seed 002 p.22, seed 004 p.9)."""
    if not has_role(actor, organisation, Role.HR, Role.HR_HEAD):
        raise PermissionDenied("Only the HR service opens work plans.")


def refuse_extra_kpi(plan: WorkPlan, count: int) -> None:
    """DomainError on "kpis" when the plan already has as many KPIs as its model allows: at most
    5 in sjc-2023 (seed 002 p.23), exactly 5 in typical-2018 (seed 004 p.14)."""
    if plan.is_typical:
        limit = typical_rules(plan).kpi_count
        if count >= limit:
            raise DomainError(
                "kpis", N_("A work plan has exactly %(count)s KPIs (p.14)."), count=limit
            )
        return
    maximum = plan_rules(plan.organisation, plan.period_start).kpi.max_count
    if count >= maximum:
        raise DomainError("kpis", N_("A work plan has at most %(max)s KPIs (p.23)."), max=maximum)


def kpi_edit_updates(plan: WorkPlan) -> dict[str, Any]:
    """What a KPI edit changes on the plan besides its version: a typical-2018 plan loses the
    servant's and the direct manager's signatures, which were given to the KPIs as they were
    (App. 1; seed 004 p.9)."""
    if not plan.is_typical:
        return {}
    return {"servant_signed_on": None, "manager_signed_on": None}


def lock_plan(actor: User, plan_id: int) -> WorkPlan:
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


def check_version(plan: WorkPlan, version: int) -> None:
    """ConflictError unless the (locked) plan is still at `version`."""
    concurrency.check_version(plan, version, _CHANGED)


def save_plan(plan: WorkPlan, version: int, **updates: Any) -> WorkPlan:
    """Write `updates` and bump the version, only if nobody changed the plan since `version`."""
    concurrency.update_versioned(
        WorkPlan.objects.all(),
        plan.pk,
        version,
        _CHANGED,
        values={**updates, "updated_at": clock.now()},
    )
    plan.refresh_from_db()
    return plan


def plan_url(plan: WorkPlan) -> str:
    return reverse("plans:detail", args=[plan.pk])


def plan_note(
    actor: User | None,
    recipient: Account | Servant | None,
    kind: str,
    plan: WorkPlan,
    *,
    key: str = "",
    **params: Any,
) -> Note | None:
    """The notification to `recipient` about `plan`, None when it is the actor's own action;
    `key` tells apart notes of one kind on one version of the plan (a quarter's
    recommendation)."""
    user = getattr(recipient, "user", recipient)
    if user is None or (actor is not None and getattr(user, "pk", None) == actor.pk):
        return None
    return Note(
        recipient=recipient,
        kind=kind,
        params={"servant": plan.servant.full_name, "year": plan.year, **params},
        url=plan_url(plan),
        dedupe_key=f"plans:{kind}:{plan.pk}:{plan.version}{key}",
    )


def tell(
    actor: User,
    recipient: Account | Servant | None,
    kind: str,
    plan: WorkPlan,
    *,
    key: str = "",
    **params: Any,
) -> None:
    """Notify `recipient` about `plan` (`plan_note`): nobody is told of their own action."""
    note = plan_note(actor, recipient, kind, plan, key=key, **params)
    if note is not None:
        notify(
            recipient=note.recipient,
            kind=note.kind,
            params=note.params,
            url=note.url,
            dedupe_key=note.dedupe_key,
        )


def require(actor: User, plan: WorkPlan, action: str) -> None:
    """PermissionDenied unless `actor` holds the part for `action`; DomainError when the plan's
    status does not allow it."""
    if action not in plan.flow.steps:
        raise DomainError(
            "edition",
            N_("This step is not part of the work plan of the %(edition)s edition."),
            edition=plan.edition,
        )
    if not access.may(actor, plan, action):
        raise PermissionDenied("You may not do this with this work plan.")
    if not plan.flow.is_open(action, plan.status):
        raise DomainError(
            "status",
            N_("Not possible while the work plan is %(status)s."),
            status=plan.get_status_display(),
        )


def lock_for(actor: User, plan_id: int, action: str, version: int | None = None) -> WorkPlan:
    """The plan, row-locked (`lock_plan`), once `require` lets `actor` take `action`; with a
    `version`, ConflictError unless the plan is still at it (`check_version`)."""
    plan = lock_plan(actor, plan_id)
    require(actor, plan, action)
    if version is not None:
        check_version(plan, version)
    return plan


def transition(
    *,
    actor: User,
    plan_id: int,
    version: int,
    action: str,
    updates: dict[str, Any] | None = None,
) -> WorkPlan:
    """Move the plan along its workflow (PLAN_FLOW or TYPICAL_PLAN_FLOW) after the checks; audit
    the old and new values."""
    plan = lock_for(actor, plan_id, action, version)
    fields: dict[str, Any] = {"status": plan.flow.target(action, plan.status), **(updates or {})}
    before = {name: getattr(plan, name) for name in fields}
    save_plan(plan, version, **fields)
    audit_log(
        actor=actor,
        action=action,
        obj=plan,
        changes={
            **{name: (before[name], getattr(plan, name)) for name in fields},
            "version": (version, plan.version),
        },
    )
    return plan
