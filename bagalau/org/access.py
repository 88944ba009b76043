"""Who may see and change the organisation structure.

- Everyone in the organisation (a servant of it or a holder of one of its roles) sees the
  structure: units, positions, who holds them and the derived managers.
- A servant's personal page (assignment history, probation, absences) is visible to HR (roles
  ``hr``/``hr_head``), the administrator, the servant, and their direct and superior manager.
- HR changes the structure, servants, assignments and absences; the administrator grants roles,
  enters transferred days off and the editions in force.
- Anyone outside the organisation gets 404: its existence is not revealed.

Views, API endpoints and services all ask these functions; `<entity>_get_for(*, user, id)` is
the lookup of a row the user may reach (Http404 for missing and for outside alike).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.http import Http404

from bagalau.core import clock
from bagalau.core.collation import Fold, fold, kazakh_order
from bagalau.core.roles import HR_ROLES as HR_ROLES  # re-exported: org.access.HR_ROLES stays valid
from bagalau.core.roles import OVERVIEW_ROLES as OVERVIEW_ROLES
from bagalau.org.models import (
    Absence,
    Assignment,
    EditionAssignment,
    Organisation,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
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
    in Kazakh alphabetical order, matching every word of `query` in a name or the personnel
    number, whatever its case and whether Kazakh letters were typed as their Russian look-alikes
    ("Ергалиев" finds "Ерғалиев"; issue 13 item 7). Filtered and ordered in the database."""
    require_member(user, organisation)
    servants = Servant.objects.filter(organisation=organisation)
    words = fold(query).split()
    if any("\x00" in word for word in words):
        # No stored name holds a NUL (PostgreSQL cannot store one, and refuses it in a query).
        return []
    if words:
        servants = servants.annotate(
            folded=Fold(
                Concat(
                    "last_name",
                    Value(" "),
                    "first_name",
                    Value(" "),
                    "patronymic",
                    Value(" "),
                    "personnel_number",
                    output_field=CharField(),
                )
            )
        )
        for word in words:
            servants = servants.filter(folded__contains=word)
    return list(servants.order_by(kazakh_order("last_name"), kazakh_order("first_name"), "pk"))


def require_member(user: User, organisation: Organisation | None) -> Organisation:
    """The organisation, or Http404 when the user is not in it."""
    if organisation is None or not is_member(user, organisation):
        raise Http404("No such organisation.")
    return organisation


def require_hr(
    user: User, organisation: Organisation | None = None, *, doing: str = "change the structure"
) -> None:
    """Http404 outside the organisation; PermissionDenied for members who are not its HR
    service (staff or head). Without an organisation: PermissionDenied unless the user is the HR
    service of one (the caller then narrows the rows to those organisations). The one rule the
    structure, the schedules and the consequences' services read (issue 9)."""
    if organisation is None:
        if not organisations_where(user, *HR_ROLES).exists():
            raise PermissionDenied(f"Only the HR service may {doing}.")
        return
    require_member(user, organisation)
    if not is_hr(user, organisation):
        raise PermissionDenied(f"Only the HR service may {doing}.")


def require_admin(user: User, organisation: Organisation) -> None:
    """Http404 outside the organisation; PermissionDenied for members who are not admins."""
    require_member(user, organisation)
    if not is_admin(user, organisation):
        raise PermissionDenied("Only the administrator may do this.")


def require_any_admin(user: User) -> None:
    """PermissionDenied unless the user administers some organisation."""
    if not is_any_admin(user):
        raise PermissionDenied("Only an administrator may do this.")


_R = TypeVar("_R")


def _reachable(
    row: _R | None, organisation: Callable[[_R], Organisation], user: User, what: str
) -> _R:
    """The row when it exists in one of the user's organisations, else Http404 saying the same
    for "missing" and "not yours"."""
    if row is None or not is_member(user, organisation(row)):
        raise Http404(f"No such {what}.")
    return row


def servant_get_for(*, user: User, id: int) -> Servant:
    """The servant whose personal page the user opens: Http404 when it does not exist or belongs
    to another organisation, PermissionDenied when the user is a colleague without the right."""
    servant = colleague_get_for(user=user, id=id)
    if not can_view_servant(user, servant):
        raise PermissionDenied("This personal page is not visible to you.")
    return servant


def colleague_get_for(*, user: User, id: int) -> Servant:
    """A servant of one of the user's organisations (structure-level: name and post), Http404
    otherwise; whether the user may act on them is the service's to decide."""
    found = Servant.objects.select_related("organisation", "user").filter(pk=id).first()
    return _reachable(found, lambda s: s.organisation, user, "servant")


def unit_get_for(*, user: User, id: int) -> Unit:
    """A unit of one of the user's organisations (everyone in it sees the structure)."""
    found = Unit.objects.select_related("organisation").filter(pk=id).first()
    return _reachable(found, lambda u: u.organisation, user, "unit")


def position_get_for(*, user: User, id: int) -> Position:
    """A position of one of the user's organisations."""
    found = Position.objects.select_related("unit__organisation").filter(pk=id).first()
    return _reachable(found, lambda p: p.unit.organisation, user, "position")


def assignment_get_for(*, user: User, id: int) -> Assignment:
    """An assignment of a servant of one of the user's organisations (who holds which post is
    structure-level data)."""
    found = (
        Assignment.objects.select_related("servant__organisation", "position__unit")
        .filter(pk=id)
        .first()
    )
    return _reachable(found, lambda a: a.servant.organisation, user, "assignment")


def absence_get_for(*, user: User, id: int) -> Absence:
    """An absence, seen by whoever sees the servant's personal page (`servant_get_for`)."""
    found = Absence.objects.select_related("servant__organisation").filter(pk=id).first()
    absence = _reachable(found, lambda a: a.servant.organisation, user, "absence")
    servant_get_for(user=user, id=absence.servant_id)
    return absence


def role_get_for(*, user: User, id: int) -> RoleAssignment:
    """A role granted in one of the user's organisations (the service decides who may revoke)."""
    found = RoleAssignment.objects.select_related("organisation", "user").filter(pk=id).first()
    return _reachable(found, lambda r: r.organisation, user, "role")


def edition_get_for(*, user: User, id: int) -> EditionAssignment:
    """An edition entered in one of the user's organisations."""
    found = EditionAssignment.objects.select_related("organisation").filter(pk=id).first()
    return _reachable(found, lambda e: e.organisation, user, "edition assignment")


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
