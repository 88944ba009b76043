"""Who is looking: the user's servant record, organisation and roles, computed once per request.

Core knows no organisation structure: the org app registers, in its AppConfig.ready(), the
`ViewerSource` that finds a user's servant record, organisations and roles
(`register_viewer_source`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from bagalau.core.roles import Role

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.org.models import Organisation, Servant

SESSION_KEY = "organisation_id"


@dataclass
class Viewer:
    """The logged-in person in their current organisation."""

    user: User
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


@dataclass(frozen=True)
class ViewerSource:
    """How a user is found in the structure: `build(user, wanted_organisation_id)` gives the
    Viewer in the wanted organisation (or the user's own one when it is not theirs);
    `belongs(user, organisation_id)` says whether the user works in that organisation."""

    build: Callable[[Any, int | None], Viewer]
    belongs: Callable[[Any, int], bool]


_SOURCE: list[ViewerSource] = []


def register_viewer_source(source: ViewerSource) -> None:
    """Set (or replace) the source of viewers; the org app calls it in its ready()."""
    _SOURCE[:] = [source]


def viewer_source() -> ViewerSource:
    """The registered source (the org app is installed wherever core is)."""
    if not _SOURCE:
        raise RuntimeError("No viewer source registered: is bagalau.org installed?")
    return _SOURCE[0]


def viewer(request: HttpRequest) -> Viewer:
    """The request's Viewer (cached on the request)."""
    cached: Viewer | None = getattr(request, "_bagalau_viewer", None)
    if cached is not None:
        return cached
    wanted = request.session.get(SESSION_KEY) if request.user.is_authenticated else None
    result = viewer_source().build(request.user, wanted)
    request._bagalau_viewer = result  # type: ignore[attr-defined]
    return result
