"""Who may see a result (seed 002 p.15, p.20): the evaluatee, the evaluator, the head of the HR
service and that case's calibration participants. Nobody else, in HTML, API, PDF or export.

This module is the one choke point: every view, endpoint and document that shows a score asks
`evaluation_get_for` or `evaluations_visible_to`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.evaluations.models import Evaluation
from bagalau.org.models import Role
from bagalau.org.selectors import organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User


def visibility_filter(user: User) -> Q:
    """The rows of Evaluation that `user` may read."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    hr_head_of = organisations_where(user, Role.HR_HEAD)
    return (
        Q(servant__user=user)
        | Q(evaluator__user=user)
        | Q(period__schedule__organisation__in=hr_head_of)
        | Q(calibration_application__session__participants=user)
    )


def evaluations_visible_to(user: User) -> QuerySet[Evaluation]:
    """Every evaluation the user may read (no audit row: lists show no more than the user may
    see; opening one is audited by `evaluation_get_for`)."""
    return (
        Evaluation.objects.filter(visibility_filter(user))
        .distinct()
        .select_related(
            "servant", "evaluator", "period__schedule__organisation", "assignment__position"
        )
    )


def can_view(user: User, evaluation: Evaluation) -> bool:
    """Whether `user` may read this evaluation's result."""
    return evaluations_visible_to(user).filter(pk=evaluation.pk).exists()


def evaluation_get_for(user: User, evaluation_id: int, *, purpose: str = "view") -> Evaluation:
    """The evaluation, or Http404 when it does not exist or is not visible to `user` (existence
    is not revealed). The read is written to the audit log."""
    evaluation = evaluations_visible_to(user).filter(pk=evaluation_id).first()
    if evaluation is None:
        raise Http404("No such evaluation.")
    audit_log(actor=user, action=purpose, obj=evaluation, summary=str(evaluation))
    return evaluation


def is_evaluatee(user: User, evaluation: Evaluation) -> bool:
    """The servant evaluated."""
    return bool(user.is_authenticated and evaluation.servant.user_id == user.pk)


def is_evaluator(user: User, evaluation: Evaluation) -> bool:
    """The evaluator of this sheet."""
    return bool(
        user.is_authenticated
        and evaluation.evaluator is not None
        and evaluation.evaluator.user_id == user.pk
    )
