"""Who sees and answers a disagreement about the procedure (seed 002 p.16).

Seen only by the servant who raised it, the HR service of the same organisation (staff and its
head, role `hr` or `hr_head`); answered by that HR service. Everybody else gets 404: existence is
not revealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from bagalau.core.visible import visible_one
from bagalau.disagreements.models import DISAGREEMENT_FLOW, Disagreement
from bagalau.org.access import HR_ROLES
from bagalau.org.selectors import has_role, organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User


def disagreements_visible_to(user: User) -> QuerySet[Disagreement]:
    """The disagreements the user may read: their own, and those of the organisations where they
    work in the HR service."""
    if not getattr(user, "is_authenticated", False):
        return Disagreement.objects.none()
    return Disagreement.objects.filter(
        Q(servant__user=user) | Q(organisation__in=organisations_where(user, *HR_ROLES))
    ).select_related("servant", "organisation", "evaluation__period", "answered_by__servant")


def disagreement_get_for(*, user: User, id: int) -> Disagreement:
    """The disagreement when the user may read it, else Http404."""
    return visible_one(disagreements_visible_to(user), id, "No such disagreement.")


def can_answer(user: User, disagreement: Disagreement) -> bool:
    """The HR service of the disagreement's organisation considers and answers it (p.16)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and has_role(user, disagreement.organisation, *HR_ROLES)
    )


def disagreement_actions(*, user: User, obj: Disagreement) -> frozenset[str]:
    """What the user may do with the disagreement (`DISAGREEMENT_FLOW`): the HR service answers
    an open one, once (p.16)."""
    parts = {"hr"} if can_answer(user, obj) else set()
    return DISAGREEMENT_FLOW.actions(status=obj.status, parts=parts)
