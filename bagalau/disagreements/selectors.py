"""Reads of disagreements about the procedure (seed 002 p.16): the servant's own and the HR
service's work list. Callers pass what `bagalau.disagreements.access` let them see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from bagalau.core.types import account
from bagalau.disagreements.models import DISAGREEMENT_FLOW, Disagreement
from bagalau.evaluations.models import Evaluation
from bagalau.org.access import HR_ROLES
from bagalau.org.selectors import organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User


def _base() -> QuerySet[Disagreement]:
    return Disagreement.objects.select_related(
        "servant", "organisation", "evaluation__period", "answered_by__servant"
    )


def disagreements_of(user: User) -> QuerySet[Disagreement]:
    """The user's own disagreements, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Disagreement.objects.none()
    return _base().filter(servant__user=account(user)).order_by("-raised_on", "-pk")


def disagreements_for_hr(user: User, *, open_only: bool = False) -> QuerySet[Disagreement]:
    """The disagreements of the organisations where the user works in HR; the open ones oldest
    first (to consider in turn), otherwise newest first."""
    organisations = organisations_where(user, *HR_ROLES)
    found = _base().filter(organisation__in=organisations)
    if open_only:
        return found.filter(status__in=DISAGREEMENT_FLOW.group("open")).order_by("raised_on", "pk")
    return found.order_by("-raised_on", "-pk")


def own_evaluations(user: User) -> QuerySet[Evaluation]:
    """The evaluations a servant may name as the one the disagreement concerns: their own."""
    if not getattr(user, "is_authenticated", False):
        return Evaluation.objects.none()
    return (
        Evaluation.objects.filter(servant__user=account(user))
        .select_related("period__schedule")
        .order_by("-period__starts", "-pk")
    )
