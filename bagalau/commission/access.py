"""Who may see and do what with the commission (EDITIONS.md §2.2 A, G; §9 G-5).

Lookups answer Http404 for missing and not-yours alike; `session_actions` reads the session's
table (`SESSION_FLOW`) with the user's parts in it: "hr" (the working body), "authorised_person"
(the head of the apparatus, p.39), "signatory" (the secretary or a member present who has not
signed the protocol yet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.commission.models import (
    SESSION_FLOW,
    VOTING_ROLES,
    CommissionSeat,
    CommissionSession,
    CommissionVersion,
    SeatRole,
)
from bagalau.commission.selectors import (
    AUTHORISED_ROLES,
    HR_ROLES,
    sessions_visible_to,
    versions_visible_to,
)
from bagalau.org.models import Organisation
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User


def version_get_for(*, user: User, id: int) -> CommissionVersion:
    """The version when the user may read it, else Http404."""
    version = versions_visible_to(user).filter(pk=id).first()
    if version is None:
        raise Http404("No such commission version.")
    return version


def session_get_for(*, user: User, id: int) -> CommissionSession:
    """The session when the user may read it, else Http404 (nothing audited: no result read)."""
    session = sessions_visible_to(user).filter(pk=id).first()
    if session is None:
        raise Http404("No such commission session.")
    return session


def session_read_for(*, user: User, id: int, purpose: str = "view") -> CommissionSession:
    """The session with its servants' results, for a reader who may see it; the read is written
    to the audit log like every read of a result (G-5)."""
    session = session_get_for(user=user, id=id)
    audit_log(actor=user, action=purpose, obj=session, summary=str(session))
    return session


def is_hr(user: User, organisation: Organisation) -> bool:
    """The working body: the HR service or its head (p.5)."""
    return has_role(user, organisation, *HR_ROLES)


def is_authorised_person(user: User, organisation: Organisation) -> bool:
    """The authorised person who approves the results (p.39): the head of the apparatus."""
    return has_role(user, organisation, *AUTHORISED_ROLES)


def seat_of(user: User, session: CommissionSession) -> CommissionSeat | None:
    """The user's seat in the version the session sits as, if any."""
    if not user.is_authenticated:
        return None
    return session.version.seats.filter(servant__user=user).first()


def signatories(session: CommissionSession) -> list[CommissionSeat]:
    """Who signs the protocol (App. 5, §6.1): the secretary and every member present."""
    present = set(session.attendance.filter(present=True).values_list("seat_id", flat=True))
    return [
        seat
        for seat in session.version.seats.select_related("servant")
        if seat.role == SeatRole.SECRETARY or (seat.role in VOTING_ROLES and seat.pk in present)
    ]


def session_parts(user: User, session: CommissionSession) -> frozenset[str]:
    """The user's parts in the session."""
    parts = set()
    if is_hr(user, session.organisation):
        parts.add("hr")
    if is_authorised_person(user, session.organisation):
        parts.add("authorised_person")
    seat = seat_of(user, session)
    if seat is not None:
        parts.add(seat.role)
        signed = session.signatures.filter(seat=seat).exists()
        if not signed and any(s.pk == seat.pk for s in signatories(session)):
            parts.add("signatory")
    return frozenset(parts)


def session_actions(*, user: User, obj: CommissionSession) -> frozenset[str]:
    """What the user may do in the session (`SESSION_FLOW`)."""
    return SESSION_FLOW.actions(status=obj.status, parts=session_parts(user, obj))


def commission_actions(*, user: User, obj: Organisation) -> frozenset[str]:
    """What the user may do with the organisation's commission: the working body records the
    forming and amending orders and schedules sessions (p.5, p.31, p.35)."""
    if not is_hr(user, obj):
        return frozenset()
    return frozenset({"form", "amend", "schedule"})
