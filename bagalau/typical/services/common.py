"""What the sheet services share: locking a sheet for a user, what opening a sheet asks of the
evaluation, the day a step is recorded on (back-dated entry allowed and audited, EDITIONS.md §9
G-1), telling HR to send a sheet on, HR's sending (seed 004 p.24, p.28), and putting the year
before the commission once both sheets are with it (TYPICAL_EVALUATION_FLOW "to_commission")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.core import clock
from bagalau.core.concurrency import check_version
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.workflow import Workflow
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.services.common import sheet_step_write
from bagalau.evaluations.services.status_step import evaluation_status_step
from bagalau.evaluations.workflow import TYPICAL_EVALUATION_FLOW
from bagalau.notifications.services import notify
from bagalau.org.models import Role
from bagalau.org.selectors import users_with_role
from bagalau.typical.access import Sheet, evaluation_parts, typical_evaluations_visible_to
from bagalau.typical.models import (
    COMPETENCY_SHEET_FLOW,
    KPI_SHEET_FLOW,
    CompetencySheet,
    KpiSheet,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def evaluation_locked(actor: User, evaluation_id: int) -> Evaluation:
    """The typical-2018 evaluation, locked; 404 when missing or not visible to `actor`."""
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .filter(pk=evaluation_id, pk__in=typical_evaluations_visible_to(actor).values("pk"))
        .select_related("servant", "evaluator", "assignment__position")
        .select_related("period__schedule__organisation")
        .first()
    )
    if evaluation is None:
        raise Http404("No such evaluation.")
    return evaluation


def sheet_locked(actor: User, model: type[Sheet], sheet_id: int) -> Sheet:
    """A sheet of `model` with its evaluation, both locked; 404 when missing or not visible."""
    sheet = (
        model._default_manager.select_for_update(of=("self",))
        .filter(pk=sheet_id)
        .select_related("evaluation")
        .first()
    )
    if sheet is None:
        raise Http404("No such sheet.")
    sheet.evaluation = evaluation_locked(actor, sheet.evaluation_id)
    return sheet


def evaluation_for_new_sheet(
    actor: User, evaluation_id: int, model: type[Sheet]
) -> tuple[Evaluation, Sheet | None]:
    """The (locked) evaluation whose sheet of `model` the direct manager or HR opens, and the
    sheet when it is open already. Refused: another user (PermissionDenied), an evaluation no
    longer open, or one whose structure names no direct manager."""
    evaluation = evaluation_locked(actor, evaluation_id)
    if not evaluation_parts(actor, evaluation) & {"evaluator", "hr"}:
        raise PermissionDenied("Only the direct manager or HR opens the sheet.")
    existing = model._default_manager.filter(evaluation=evaluation).first()
    if existing is not None:
        return evaluation, existing
    TYPICAL_EVALUATION_FLOW.require(
        "to_commission", evaluation.status, label=evaluation.get_status_display()
    )
    if evaluation.evaluator is None:
        raise DomainError(
            "evaluator",
            N_("The structure names no direct manager for %(servant)s: complete it first."),
            servant=evaluation.servant.full_name,
        )
    return evaluation, None


def require_part(
    flow: Workflow, action: str, parts: frozenset[str] | set[str], status: str, label: str
) -> None:
    """PermissionDenied without the part that takes `action`; a DomainError on "status" when the
    table does not open it in `status`."""
    if flow.steps[action].part not in parts:
        raise PermissionDenied(f"Not yours to {action}.")
    flow.require(action, status, label=label)


#: Who takes part in a sheet (typical.access: kpi_sheet_parts, competency_sheet_parts).
Parts = Callable[[Any, Any], frozenset[str] | set[str]]


@dataclass(frozen=True)
class SheetKind(Generic[Sheet]):
    """One of the year's two sheets as its services handle it: the model, its workflow, who takes
    part in it (typical.access), the refusal of a change made on another version than the form
    showed (`stale`) and of filling a sheet its workflow no longer opens (`closed`, an `N_()`
    template with the sheet's status)."""

    model: type[Sheet]
    flow: Workflow
    parts: Parts
    stale: str
    closed: str


def sheet_for_step(
    actor: User,
    kind: SheetKind[Sheet],
    sheet_id: int,
    action: str,
    *,
    expected_version: int | None = None,
) -> Sheet:
    """The sheet of `kind` locked for `action` (`sheet_locked`, `require_part`), on the version
    the form showed when it sent one."""
    sheet = sheet_locked(actor, kind.model, sheet_id)
    require_part(
        kind.flow, action, kind.parts(actor, sheet), sheet.status, sheet.get_status_display()
    )
    check_version(sheet, expected_version, kind.stale)
    return sheet


def sheet_for_fill(
    actor: User,
    kind: SheetKind[Sheet],
    sheet_id: int,
    *,
    field: str,
    expected_version: int | None,
) -> Sheet:
    """The sheet of `kind` locked for the direct manager to fill (p.17, p.26): PermissionDenied
    to anyone else, `kind.closed` (a DomainError on `field`, with the sheet's status) once its
    workflow no longer opens "fill", on the version the form showed."""
    sheet = sheet_locked(actor, kind.model, sheet_id)
    if "evaluator" not in kind.parts(actor, sheet):
        raise PermissionDenied("Only the direct manager fills the sheet.")
    if not kind.flow.is_open("fill", sheet.status):
        raise DomainError(field, kind.closed, status=sheet.get_status_display())
    check_version(sheet, expected_version, kind.stale)
    return sheet


def sheet_step_record(
    *,
    actor: User,
    kind: SheetKind[Sheet],
    sheet: Sheet,
    action: str,
    field: str,
    day: dt.date,
    values: Mapping[str, Any] | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> None:
    """Move the locked sheet along its workflow's `action` on `day` (stored in `field`, back-dated
    entry audited, G-1) with the step's other `values`; its version bumped, saved and audited
    with the step's `changes`."""
    sheet_step_write(
        sheet,
        actor=actor,
        flow=kind.flow,
        action=action,
        values={field: day, **(values or {})},
        changes={field: (None, day), **(changes or {}), "back_dated": (None, back_dated(day))},
    )


def step_day(field: str, day: dt.date | None, *, not_before: dt.date | None = None) -> dt.date:
    """The day a step is recorded on: today unless given (back-dated entry, G-1); never in the
    future, never before the step it follows."""
    today = clock.today()
    day = day or today
    if day > today:
        raise DomainError(field, N_("The date cannot be in the future."))
    if not_before is not None and day < not_before:
        raise DomainError(
            field,
            N_("The date cannot be before %(day)s, the previous step."),
            day=day_text(not_before),
        )
    return day


def to_commission_if_ready(actor: User, evaluation: Evaluation) -> bool:
    """Put the (locked) evaluation before the commission once both its sheets are with it (E6,
    F3, G1): TYPICAL_EVALUATION_FLOW "to_commission", HR's part. Returns whether it moved."""
    kpi = KpiSheet.objects.filter(evaluation=evaluation).first()
    competency = CompetencySheet.objects.filter(evaluation=evaluation).first()
    if kpi is None or competency is None:
        return False
    if kpi.status not in KPI_SHEET_FLOW.group("sent"):
        return False
    if competency.status not in COMPETENCY_SHEET_FLOW.group("sent"):
        return False
    if "hr" not in evaluation_parts(actor, evaluation):
        return False
    if not TYPICAL_EVALUATION_FLOW.is_open("to_commission", evaluation.status):
        return False
    evaluation_status_step(
        evaluation, actor=actor, flow=TYPICAL_EVALUATION_FLOW, action="to_commission"
    )
    return True


def back_dated(day: dt.date) -> bool:
    """Whether a step is recorded on another day than today (audited as such, G-1)."""
    return day != clock.today()


def notify_hr_to_send(
    evaluation: Evaluation, *, kind: str, due: dt.date, url: str, dedupe_key: str
) -> None:
    """Tell the organisation's HR that a sheet is ready to be sent to the commission by `due`
    (p.24, p.28)."""
    for user in users_with_role(evaluation.period.schedule.organisation, Role.HR, Role.HR_HEAD):
        notify(
            recipient=user,
            kind=kind,
            params={
                "servant": evaluation.servant.full_name,
                "period": evaluation.period,
                "due": day_text(due),
            },
            url=url,
            dedupe_key=dedupe_key,
        )


def sheet_send(
    *,
    actor: User,
    kind: SheetKind[Sheet],
    sheet_id: int,
    sent_on: dt.date | None,
    after: str,
) -> Sheet:
    """HR sends a sheet to the commission (KPI sheet p.24, competency sheet p.28), not before
    the day of its step `after`; once both sheets are there, the year goes before the
    commission."""
    with transaction.atomic():
        sheet = sheet_for_step(actor, kind, sheet_id, "send")
        day = step_day("sent_on", sent_on, not_before=getattr(sheet, after))
        sheet_step_record(
            actor=actor, kind=kind, sheet=sheet, action="send", field="sent_on", day=day
        )
        to_commission_if_ready(actor, sheet.evaluation)
    return sheet
