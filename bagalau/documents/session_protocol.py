"""What the two layouts of App. 5, the protocol of a commission session (typical-2018 in
commission_protocol, moj-2017 in commission_protocol_moj; EDITIONS.md §6.1, §6.2), print alike:
whether it is a draft, the body, the session's date and place, the rows, the conclusion and the
signers, the secretary first, then the chair and the members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bagalau.commission.access import signatories
from bagalau.commission.models import SESSION_FLOW, SeatRole
from bagalau.core.days import day_text
from bagalau.documents.pdf import printed_name

if TYPE_CHECKING:
    from bagalau.commission.models import CommissionSession

#: The order the protocol's signers are printed in.
SIGNING_ORDER = {SeatRole.SECRETARY: 0, SeatRole.CHAIR: 1, SeatRole.MEMBER: 2}


def session_protocol(
    session: CommissionSession, labels: dict[str, str], language: str, rows: list[dict[str, Any]]
) -> dict[str, Any]:
    """The parts of App. 5 both layouts print, with the layout's `labels` and `rows`."""
    signed = {s.seat_id: s.signed_on for s in session.signatures.all()}
    signers = sorted(signatories(session), key=lambda seat: SIGNING_ORDER[SeatRole(seat.role)])
    return {
        "draft": session.status not in SESSION_FLOW.group("signed"),
        "organisation": printed_name(session.organisation, language),
        "held": labels["held"] % {"date": day_text(session.date)},
        "place": session.place,
        "rows": rows,
        "conclusion": session.conclusion,
        "signers": [
            {
                "role": labels[seat.role],
                "name": seat.servant.full_name,
                "signed_on": day_text(signed.get(seat.pk)),
            }
            for seat in signers
        ],
    }
