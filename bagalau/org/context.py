"""The org app's answer to "who is looking" (`core.context.ViewerSource`), registered in
OrgConfig.ready()."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bagalau.core.context import Viewer, ViewerSource
from bagalau.org.selectors import organisations_of, roles_of, servant_of

if TYPE_CHECKING:
    from bagalau.core.types import User


def build_viewer(user: User, wanted: int | None) -> Viewer:
    """The user's servant record and roles in the wanted organisation; without one (or one that
    is not theirs), the organisation of their servant record, else the first of theirs."""
    servant = servant_of(user)
    organisations = organisations_of(user)
    chosen = None
    if user.is_authenticated:
        chosen = organisations.filter(pk=wanted).first() if wanted else None
        if chosen is None:
            chosen = servant.organisation if servant is not None else organisations.first()
    return Viewer(
        user=user,
        servant=servant,
        organisation=chosen,
        roles=roles_of(user, chosen) if chosen is not None else set(),
    )


def belongs(user: User, organisation_id: int) -> bool:
    """Whether the user works in the organisation (by a role or as a servant)."""
    return organisations_of(user).filter(pk=organisation_id).exists()


SOURCE = ViewerSource(build=build_viewer, belongs=belongs)
