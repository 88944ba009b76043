"""What the moj-2017 quarterly App. 3 and annual App. 4 sheets share in their services (seed 001
p.23-25, p.28-31; EDITIONS.md §5.2 D2-D6, E1-E3): HR or the direct manager opens the sheet of a
pending evaluation, once; every later step locks the sheet and takes the step its workflow and
the actor's part allow (`SheetSteps`), written by `evaluations.services.common.sheet_step_write`;
the servant's signature and the act on its refusal are the same step on both (issue 9: the two
had a copy each)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.concurrency import check_version
from bagalau.core.errors import DomainError
from bagalau.core.workflow import Workflow
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.services.common import sheet_step_write
from bagalau.moj.access import Sheet, may_open_sheet
from bagalau.moj.common import MODEL
from bagalau.moj.services.refusal import sheet_refusal_write
from bagalau.org.access import is_member

if TYPE_CHECKING:
    from bagalau.core.types import User

STALE = N_("Someone else changed the sheet; reload it.")


def sheet_evaluation(
    *, actor: User, evaluation_id: int, method: str, not_evaluated: str
) -> Evaluation:
    """The pending (or deferred) evaluation of `method` whose sheet the actor opens: 404 outside
    the organisation, refused to anyone but HR and the direct manager, `not_evaluated` (a
    DomainError on ``evaluation``) when the servant is not evaluated in the period."""
    evaluation = (
        Evaluation.objects.select_related("period__schedule__organisation", "evaluator", "servant")
        .filter(pk=evaluation_id, method=method)
        .first()
    )
    if evaluation is None or not is_member(actor, evaluation.period.schedule.organisation):
        raise Http404("No such evaluation.")
    if not may_open_sheet(actor, evaluation):
        raise PermissionDenied("HR or the direct manager opens the sheet.")
    if evaluation.status not in (EvaluationStatus.PENDING, EvaluationStatus.DEFERRED):
        raise DomainError("evaluation", not_evaluated)
    return evaluation


def sheet_create(
    model: type[Sheet],
    *,
    actor: User,
    already_open: str,
    changes: Mapping[str, Any],
    **values: Any,
) -> Sheet:
    """Create the evaluation's one sheet with `values`, audited with `changes`; a second one is
    `already_open` (a DomainError on ``evaluation``), nothing written."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                sheet = model.objects.create(**values)
        except IntegrityError as error:
            raise DomainError("evaluation", already_open) from error
        audit_log(
            actor=actor,
            action="create",
            obj=sheet,
            changes={"status": (None, sheet.status), **changes},
        )
    return sheet


@dataclass(frozen=True)
class SheetSteps(Generic[Sheet]):
    """One kind of sheet's step mechanics: its access lookup `get_for`, its workflow `flow` and
    the steps its `actions_of` opens to a user."""

    get_for: Callable[..., Sheet]
    flow: Workflow
    actions_of: Callable[..., frozenset[str]]

    def locked(
        self,
        actor: User,
        sheet_id: int,
        action: str,
        version: int | None = None,
        *,
        refuse: Callable[[Sheet], None] | None = None,
    ) -> Sheet:
        """The sheet the actor may update (from `get_for`, 404 otherwise), locked, when `action`
        is open to them: PermissionDenied when the step is someone else's; otherwise `refuse`
        may say why first (a DomainError), else the workflow's sentence on the status. A form's
        step names the `version` it showed (`STALE` when the sheet moved on since)."""
        found = self.get_for(user=actor, id=sheet_id, purpose="update")
        sheet = (
            type(found)
            .objects.select_for_update(of=("self",))
            .select_related("evaluation__period__schedule__organisation", "evaluation__servant")
            .select_related("evaluation__evaluator")
            .get(pk=found.pk)
        )
        if sheet.evaluation.period.schedule.model != MODEL:
            raise Http404("No such sheet.")
        if action not in self.actions_of(user=actor, obj=sheet):
            if self.flow.is_open(action, sheet.status):
                raise PermissionDenied("Not yours to do on this sheet.")
            if refuse is not None:
                refuse(sheet)
            self.flow.require(action, sheet.status, label=sheet.get_status_display())
        check_version(sheet, version, STALE)
        return sheet

    def servant_signed(self, *, actor: User, sheet_id: int, action: str, day: str) -> Sheet:
        """The servant signs the agreed App. 3 (`action` "sign", p.25) or confirms the agreed
        App. 4 ("confirm", p.31): the step taken with today as its `day` field, audited as a
        signature. Inside the caller's transaction."""
        sheet = self.locked(actor, sheet_id, action)
        sheet_step_write(
            sheet,
            actor=actor,
            flow=self.flow,
            action=action,
            audited_as="sign",
            values={day: clock.today()},
        )
        return sheet

    def refusal_recorded(self, *, actor: User, sheet_id: int, note: str) -> Sheet:
        """The servant refused to sign (p.25) or confirm (p.31): the HR servant's act with the
        direct manager (`sheet_refusal_write`). Inside the caller's transaction."""
        sheet = self.locked(actor, sheet_id, "record_refusal")
        sheet_refusal_write(actor=actor, sheet=sheet, flow=self.flow, note=note)
        return sheet
