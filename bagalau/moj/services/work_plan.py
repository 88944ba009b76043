"""The individual work plan App. 1 (seed 001 p.10-13; EDITIONS.md §5.2 B1-B4, §5.3, §9.4 M-3,
M-15).

The servant draws the plan up with the direct manager: the servant (or the manager, jointly)
drafts up to 4 target indicators, each with its expected result, at least half of them
"өлшемді" (measurable) as the engine's `check_plan` says (p.12, App. 1 note, M-3). The servant
signs, then the direct manager; with both signatures the plan is filed: the HR copy and the
unit head's copy (p.13). There is no approval step. An edit takes back a signature already
given. On a filed plan either of them starts an amendment with a reason: a new version, signed
again by both and filed again, the earlier versions kept (M-15). The due date (10 January, or
the 10th working day after a later appointment, p.10-11) is shown, never enforced (G-1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.concurrency import check_version
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017 import Moj2017Rules
from bagalau.methodology.moj2017_workflow import PlanIndicator, check_plan
from bagalau.moj.common import MODEL
from bagalau.moj.models import WORK_PLAN_FLOW, WorkPlan, WorkPlanRevision
from bagalau.moj.plan_access import plan_manager, workplan_actions, workplan_get_for
from bagalau.org.access import is_member
from bagalau.org.models import Organisation, Servant
from bagalau.org.selectors import organisation_edition

if TYPE_CHECKING:
    from bagalau.core.types import User

STALE = N_("Someone else changed the work plan; reload it.")
#: The years a plan may be drawn up for (a bound on input, not a rule of the text).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def plan_edition(organisation: Organisation, year: int) -> str:
    """The moj-2017-model edition the year's plan is drawn up under: the organisation's edition
    on the first day of the first month of `year` it evaluates under one (a plan serves the
    year's annual evaluation; the text dates it 10 January, p.10, but an edition may come into
    force later in the year). A DomainError on ``year`` when no month of it is."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            "year", N_("Give a year from %(first)s to %(last)s."), first=FIRST_YEAR, last=LAST_YEAR
        )
    for month in range(1, 13):
        try:
            edition = organisation_edition(organisation, dt.date(year, month, 1))
        except MethodologyError:
            continue
        if edition.model == MODEL:
            return edition.code
    raise DomainError(
        "year",
        N_("The organisation does not evaluate %(year)s under moj-2017."),
        year=year,
    )


def plan_rules(plan: WorkPlan) -> Moj2017Rules:
    """The rules of the edition the plan was drawn up under."""
    return moj2017_rules(get_edition(plan.edition))


def clean_indicators(
    rules: Moj2017Rules, rows: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The indicators as stored, after the engine's `check_plan` (p.12, App. 1, M-3); its
    error names the field (``indicators``, ``indicators[2].expected_result``)."""
    indicators = [
        PlanIndicator(
            name=str(row.get("name") or "").strip(),
            expected_result=str(row.get("expected_result") or "").strip(),
            measurable=bool(row.get("measurable")),
        )
        for row in rows
    ]
    try:
        check_plan(rules, indicators)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    return [
        {"name": i.name, "expected_result": i.expected_result, "measurable": i.measurable}
        for i in indicators
    ]


def work_plan_create(
    *, actor: User, servant_id: int, year: int, indicators: Sequence[Mapping[str, Any]]
) -> WorkPlan:
    """The servant, or the direct manager jointly, drafts the year's plan (p.10-12)."""
    servant = Servant.objects.select_related("organisation").filter(pk=servant_id).first()
    if servant is None or not is_member(actor, servant.organisation):
        raise Http404("No such servant.")
    manager = plan_manager(servant)
    is_servant = servant.user_id == actor.pk
    is_manager = manager is not None and manager.user_id == actor.pk
    if not (is_servant or is_manager):
        raise PermissionDenied("The servant draws up the plan with the direct manager.")
    edition = plan_edition(servant.organisation, year)
    clean = clean_indicators(moj2017_rules(get_edition(edition)), indicators)
    with transaction.atomic():
        try:
            with transaction.atomic():
                plan = WorkPlan.objects.create(servant=servant, year=year, edition=edition)
        except IntegrityError as error:
            raise DomainError(
                "year", N_("The servant already has a work plan for %(year)s."), year=year
            ) from error
        WorkPlanRevision.objects.create(
            plan=plan, number=1, indicators=clean, drafted_by=account(actor)
        )
        audit_log(
            actor=actor,
            action="create",
            obj=plan,
            changes={
                "status": (None, plan.status),
                "year": (None, year),
                "indicators": (None, clean),
            },
        )
    return plan


def _locked(actor: User, plan_id: int, actions: Sequence[str]) -> tuple[WorkPlan, str]:
    """The plan locked, and the first of `actions` open to the actor; PermissionDenied when it
    is open to someone else, a DomainError when the status does not open any."""
    found = workplan_get_for(user=actor, id=plan_id, purpose="update")
    plan = (
        WorkPlan.objects.select_for_update(of=("self",))
        .select_related("servant__organisation")
        .get(pk=found.pk)
    )
    open_to_actor = workplan_actions(user=actor, obj=plan)
    for action in actions:
        if action in open_to_actor:
            return plan, action
    if any(WORK_PLAN_FLOW.is_open(action, plan.status) for action in actions):
        raise PermissionDenied("Not yours to do on this plan.")
    WORK_PLAN_FLOW.require(actions[0], plan.status, label=plan.get_status_display())
    raise AssertionError("Workflow.require refuses a status that opens none of them.")


def current_revision(plan: WorkPlan) -> WorkPlanRevision:
    """The version being drafted, signed or filed now."""
    return plan.revisions.get(number=plan.revision)


def _move(
    actor: User,
    plan: WorkPlan,
    action: str,
    *,
    audited_as: str,
    changes: Mapping[str, tuple[Any, Any]],
) -> None:
    """Take the locked plan's step `action` (WORK_PLAN_FLOW), its version bumped, and audit it
    as `audited_as` with the status moved and the step's `changes`."""
    before = plan.status
    plan.status = WORK_PLAN_FLOW.target(action, before)
    plan.version += 1
    plan.save(update_fields=["status", "version", "revision", "updated_at"])
    audit_log(
        actor=actor,
        action=audited_as,
        obj=plan,
        changes={"status": (before, plan.status), **changes},
    )


def work_plan_edit(
    *,
    actor: User,
    plan_id: int,
    indicators: Sequence[Mapping[str, Any]],
    version: int | None = None,
) -> WorkPlan:
    """The servant or the direct manager edits the draft (jointly, p.10); a signature given is
    taken back, since it was given on other content."""
    with transaction.atomic():
        plan, action = _locked(actor, plan_id, ["edit"])
        check_version(plan, version, STALE)
        clean = clean_indicators(plan_rules(plan), indicators)
        revision = current_revision(plan)
        old = revision.indicators
        revision.indicators, revision.servant_signed_on = clean, None
        revision.save(update_fields=["indicators", "servant_signed_on"])
        _move(actor, plan, action, audited_as="update", changes={"indicators": (old, clean)})
    return plan


def work_plan_sign(*, actor: User, plan_id: int, version: int | None = None) -> WorkPlan:
    """The servant signs the plan; then the direct manager signs it, which files it: HR and the
    unit head get their copies (p.13). The engine checks the content again at each signature."""
    with transaction.atomic():
        plan, action = _locked(actor, plan_id, ["sign_servant", "sign_manager"])
        check_version(plan, version, STALE)
        revision = current_revision(plan)
        clean_indicators(plan_rules(plan), revision.indicators)
        today = clock.today()
        if action == "sign_servant":
            revision.servant_signed_on = today
        else:
            revision.manager = plan_manager(plan.servant)
            revision.manager_signed_on = revision.filed_on = today
        revision.save()
        _move(actor, plan, action, audited_as="sign", changes={"revision": (None, revision.number)})
    return plan


def work_plan_amend(
    *, actor: User, plan_id: int, reason: str, version: int | None = None
) -> WorkPlan:
    """The servant or the direct manager starts an amendment of the filed plan, with its reason
    (M-15): a new version, a copy of the filed one to edit, signed again by both."""
    reason = (reason or "").strip()
    with transaction.atomic():
        plan, action = _locked(actor, plan_id, ["amend"])
        check_version(plan, version, STALE)
        if not reason:
            raise DomainError("reason", N_("Give the reason of the amendment (M-15)."))
        filed = current_revision(plan)
        plan.revision = filed.number + 1
        WorkPlanRevision.objects.create(
            plan=plan,
            number=plan.revision,
            indicators=filed.indicators,
            reason=reason,
            drafted_by=account(actor),
        )
        _move(
            actor,
            plan,
            action,
            audited_as="update",
            changes={"revision": (filed.number, plan.revision), "reason": (None, reason)},
        )
    return plan
