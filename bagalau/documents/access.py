"""Who may download which document. Every sheet and protocol goes through the results' one choke
point, `bagalau.evaluations.access.evaluation_get_for(..., purpose="download")`: 404 when the
result is not visible to the user, and the download is written to the audit log.

Drafts: a sheet the evaluator has not signed yet is printed for the evaluator (and the head of the
HR service) only — the evaluatee sees the result from familiarisation on (p.11); likewise an
unsigned protocol is for the session's participants, the evaluator and the head of the HR service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from bagalau.audit.services import audit_log
from bagalau.calibration.models import SESSION_FLOW, Session
from bagalau.core.types import account
from bagalau.core.visible import visible_one
from bagalau.documents.models import Disposal
from bagalau.evaluations.access import (
    evaluation_get_for,
    evaluations_visible_to,
    is_evaluator,
)
from bagalau.evaluations.models import Evaluation, Method, PeriodKind
from bagalau.evaluations.workflow import WITH_RESULT
from bagalau.org.models import Role
from bagalau.org.selectors import has_role
from bagalau.plans.access import plan_get_for
from bagalau.plans.models import WorkPlan

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from bagalau.core.types import User


def is_signed(evaluation: Evaluation) -> bool:
    """Whether the evaluator has signed the sheet (a draft until then): a status `WITH_RESULT`."""
    return evaluation.status in WITH_RESULT


def protocol_is_signed(session: Session) -> bool:
    """Whether the protocol of the session was signed (a draft until then)."""
    return session.protocol_signed_at is not None or session.status in SESSION_FLOW.group("signed")


class NotSignedYet(PermissionDenied):
    """A refusal whose reason the reader is told (issue 13 item 5): the document exists and will
    be theirs to read once signed."""

    def __init__(self, reason: StrOrPromise) -> None:
        super().__init__(reason)
        self.reason = reason


def _is_hr_head(user: User, evaluation: Evaluation) -> bool:
    return has_role(user, evaluation.period.schedule.organisation, Role.HR_HEAD)


def _visible(user: User, evaluation_id: int) -> Evaluation:
    evaluation = visible_one(evaluations_visible_to(user), evaluation_id, "No such document.")
    return evaluation


def sheet_evaluation_for(user: User, evaluation_id: int) -> Evaluation:
    """The evaluation whose sheet (App. 2 or App. 4) `user` downloads; the read is audited."""
    evaluation = _visible(user, evaluation_id)
    if not is_signed(evaluation) and not (
        is_evaluator(user, evaluation) or _is_hr_head(user, evaluation)
    ):
        raise NotSignedYet(
            _("The sheet is not signed yet: you may read it once the evaluator has signed it.")
        )
    return evaluation_get_for(user=user, id=evaluation.pk, purpose="download")


def earlier_quarters_for(user: User, evaluation: Evaluation) -> list[Evaluation]:
    """The same servant's earlier KPI quarters of the same year that `user` may read, whose
    columns the App. 2 sheet fills in too; each one printed is an audited read."""
    if evaluation.method != Method.KPI or evaluation.period.number is None:
        return []
    candidates = (
        evaluations_visible_to(user)
        .filter(
            servant=evaluation.servant,
            method=Method.KPI,
            period__schedule=evaluation.period.schedule,
            period__kind=PeriodKind.QUARTER,
            period__number__lt=evaluation.period.number,
            status__in=WITH_RESULT,
        )
        .order_by("period__number")
    )
    return [evaluation_get_for(user=user, id=item.pk, purpose="download") for item in candidates]


def protocol_session_for(user: User, session_id: int) -> Session:
    """The calibration session whose protocol `user` downloads: visible to whoever may read the
    evaluation (its participants included); the read is audited."""
    session = (
        Session.objects.select_related("application__evaluation").filter(pk=session_id).first()
    )
    if session is None:
        raise Http404("No such document.")
    evaluation = _visible(user, session.application.evaluation_id)
    if not protocol_is_signed(session) and not (
        is_evaluator(user, evaluation)
        or _is_hr_head(user, evaluation)
        or session.participants.filter(pk=account(user).pk).exists()
    ):
        raise NotSignedYet(
            _(
                "The protocol is not signed yet: you may read it once the head of the HR "
                "service has signed it."
            )
        )
    evaluation_get_for(user=user, id=evaluation.pk, purpose="download")
    return session


def work_plan_for(user: User, plan_id: int) -> WorkPlan:
    """A work plan (App. 1) for whoever bagalau.plans.access lets see it; 404 for anyone else.
    The download is audited."""
    plan = plan_get_for(user=user, id=plan_id)
    audit_log(actor=user, action="download", obj=plan)
    return plan


def disposal_get_for(*, user: User, id: int) -> Disposal:
    """A disposal record (p.14) of an organisation whose HR service `user` heads; Http404 for
    anyone else as for a missing one."""
    disposal = Disposal.objects.select_related("organisation", "disposed_by").filter(pk=id).first()
    if disposal is None or not has_role(user, disposal.organisation, Role.HR_HEAD):
        raise Http404("No such disposal.")
    return disposal
