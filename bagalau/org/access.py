"""Who may see and change the organisation structure.

- Everyone in the organisation (a servant of it or a holder of one of its roles) sees the
  structure: units, positions, who holds them and the derived managers.
- A servant's personal page (assignment history, probation, absences) is visible to HR (roles
  ``hr``/``hr_head``), the administrator, the servant, and their direct and superior manager.
- HR changes the structure, servants, assignments and absences; the administrator grants roles,
  enters transferred days off and the editions in force.
- Anyone outside the organisation gets 404: its existence is not revealed.

Views, API endpoints and services all ask these functions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.core import clock
from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import (
    direct_manager,
    organisations_of,
    organisations_where,
    roles_of,
    servant_of,
    superior_manager,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


HR_ROLES = (Role.HR, Role.HR_HEAD)


def is_member(user: User, organisation: Organisation) -> bool:
    """Whether the user belongs to the organisation, as a servant or by a role."""
    return organisations_of(user).filter(pk=organisation.pk).exists()


def is_hr(user: User, organisation: Organisation) -> bool:
    """HR service staff or its head in this organisation."""
    return bool(roles_of(user, organisation) & set(HR_ROLES))


def is_admin(user: User, organisation: Organisation) -> bool:
    """A system administrator of this organisation."""
    return Role.ADMIN in roles_of(user, organisation)


def is_any_admin(user: User) -> bool:
    """An administrator of some organisation (transferred days off are national data)."""
    return organisations_where(user, Role.ADMIN).exists()


def can_view_servant(user: User, servant: Servant, day: dt.date | None = None) -> bool:
    """HR, the administrator, the servant, and their direct and superior manager on `day`."""
    if not user.is_authenticated:
        return False
    roles = roles_of(user, servant.organisation)
    if roles & {*HR_ROLES, Role.ADMIN}:
        return True
    own = servant_of(user)
    if own is None or own.organisation_id != servant.organisation_id:
        return False
    if own.pk == servant.pk:
        return True
    day = day or clock.today()
    return own in (direct_manager(servant, day), superior_manager(servant, day))


def servants_listed(user: User, organisation: Organisation, query: str = "") -> list[Servant]:
    """The organisation's servants a member may list (names and posts are structure-level data),
    matching every word of `query` in a name or the personnel number.

    Matched in Python: SQLite's LIKE folds only ASCII case, and names are Kazakh and Russian.
    """
    require_member(user, organisation)
    words = query.casefold().split()
    servants = Servant.objects.filter(organisation=organisation).order_by(
        "last_name", "first_name", "pk"
    )
    if not words:
        return list(servants)
    return [
        s
        for s in servants
        if all(
            any(
                word in part.casefold()
                for part in (s.last_name, s.first_name, s.patronymic, s.personnel_number)
            )
            for word in words
        )
    ]


def require_member(user: User, organisation: Organisation | None) -> Organisation:
    """The organisation, or Http404 when the user is not in it."""
    if organisation is None or not is_member(user, organisation):
        raise Http404("No such organisation.")
    return organisation


def require_hr(user: User, organisation: Organisation) -> None:
    """Http404 outside the organisation; PermissionDenied for members who are not HR."""
    require_member(user, organisation)
    if not is_hr(user, organisation):
        raise PermissionDenied("Only the HR service may change the structure.")


def require_admin(user: User, organisation: Organisation) -> None:
    """Http404 outside the organisation; PermissionDenied for members who are not admins."""
    require_member(user, organisation)
    if not is_admin(user, organisation):
        raise PermissionDenied("Only the administrator may do this.")


def require_any_admin(user: User) -> None:
    """PermissionDenied unless the user administers some organisation."""
    if not is_any_admin(user):
        raise PermissionDenied("Only an administrator may do this.")


def servant_get_for(user: User, servant_id: int) -> Servant:
    """The servant whose personal page the user opens: Http404 when it does not exist or belongs
    to another organisation, PermissionDenied when the user is a colleague without the right."""
    servant = Servant.objects.select_related("organisation", "user").filter(pk=servant_id).first()
    if servant is None:
        raise Http404("No such servant.")
    require_member(user, servant.organisation)
    if not can_view_servant(user, servant):
        raise PermissionDenied("This personal page is not visible to you.")
    return servant


def organisation_for(user: User, organisation_id: int | None = None) -> Organisation:
    """The organisation a request works in: the one asked for (Http404 unless the user belongs
    to it), else the user's first (the servant's own first)."""
    mine = organisations_of(user)
    if organisation_id is not None:
        found = mine.filter(pk=organisation_id).first()
    else:
        own = servant_of(user)
        found = own.organisation if own is not None else mine.order_by("pk").first()
    if found is None:
        raise Http404("No such organisation.")
    return found
