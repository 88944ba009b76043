"""Who may record and read the register of decisions (seed 002 p.8, p.15, p.20).

The HR service of the organisation (roles ``hr`` and ``hr_head``) records decisions and reads the
whole register; a servant reads the entries about themselves; nobody else sees the register (an
entry they may not read does not exist for them: 404). The register names the result a decision
rests on, but the result's score and rating are shown only to those p.20 lets know a result: the
head of the HR service and the servant (HR staff see the period and the method).

Views, API endpoints and services all ask this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.consequences.models import Decision
from bagalau.methodology import edition_codes, get_edition
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role, organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User

HR_ROLES = (Role.HR, Role.HR_HEAD)


def visibility_filter(user: User) -> Q:
    """The rows of Decision that `user` may read."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(servant__user=user) | Q(organisation__in=organisations_where(user, *HR_ROLES))


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    """Every entry of the register the user may read."""
    return Decision.objects.filter(visibility_filter(user)).select_related(
        "organisation", "servant", "evaluation__period__schedule", "recorded_by"
    )


def decision_get_for(*, user: User, id: int) -> Decision:
    """The entry, or Http404 when it does not exist or is not the user's to read."""
    decision = decisions_visible_to(user).filter(pk=id).first()
    if decision is None:
        raise Http404("No such decision.")
    return decision


def may_record(user: User, organisation: Organisation) -> bool:
    """The HR service of the organisation records decisions."""
    return bool(user.is_authenticated and has_role(user, organisation, *HR_ROLES))


#: The editions whose working body sees every result (EDITIONS.md §9 G-5).
TYPICAL_EDITIONS = frozenset(
    code for code in edition_codes() if get_edition(code).model == "typical2018"
)


def sees_rating(user: User, decision: Decision) -> bool:
    """Whether the user may see the rating of the result behind the entry: the servant concerned
    and the head of the HR service (seed 002 p.20); under a typical-2018 edition the whole working
    body, which holds the results (EDITIONS.md §9 G-5)."""
    if not user.is_authenticated:
        return False
    if decision.servant.user_id == user.pk:
        return True
    if decision.edition in TYPICAL_EDITIONS:
        return has_role(user, decision.organisation, *HR_ROLES)
    return has_role(user, decision.organisation, Role.HR_HEAD)


def sees_register(user: User) -> bool:
    """Whether the register has anything for the user (the menu entry)."""
    if not user.is_authenticated:
        return False
    if organisations_where(user, *HR_ROLES).exists():
        return True
    return Decision.objects.filter(servant__user=user).exists()
