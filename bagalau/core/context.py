"""Who is looking: the user's servant record, organisation and roles, computed once per request."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import organisations_of, roles_of, servant_of

SESSION_KEY = "organisation_id"


@dataclass
class Viewer:
    """The logged-in person in their current organisation."""

    user: object
    servant: Servant | None
    organisation: Organisation | None
    roles: set[str] = field(default_factory=set)

    @property
    def is_hr(self) -> bool:
        """HR service staff or its head."""
        return bool(self.roles & {Role.HR, Role.HR_HEAD})

    @property
    def is_hr_head(self) -> bool:
        """The head of the HR service (sees results, p.20)."""
        return Role.HR_HEAD in self.roles

    @property
    def is_apparatus_head(self) -> bool:
        """The head of the apparatus (approves the schedule, decides on calibration)."""
        return Role.APPARATUS_HEAD in self.roles

    @property
    def is_admin(self) -> bool:
        """A system administrator of the organisation."""
        return Role.ADMIN in self.roles


def viewer(request: HttpRequest) -> Viewer:
    """The request's Viewer (cached on the request)."""
    cached: Viewer | None = getattr(request, "_bagalau_viewer", None)
    if cached is not None:
        return cached
    user = request.user
    servant = servant_of(user)
    organisations = organisations_of(user)
    chosen = None
    if user.is_authenticated:
        wanted = request.session.get(SESSION_KEY)
        chosen = organisations.filter(pk=wanted).first() if wanted else None
        if chosen is None:
            chosen = servant.organisation if servant is not None else organisations.first()
    result = Viewer(
        user=user,
        servant=servant,
        organisation=chosen,
        roles=roles_of(user, chosen) if chosen is not None else set(),
    )
    request._bagalau_viewer = result  # type: ignore[attr-defined]
    return result
