"""Explain this decision (issue 14 item 5): how the commission's open vote on a motion decided,
step by step: the quorum of two thirds of the members in force (seed 004 p.30), the majority of
the votes (p.33) and, on a tie, the chair's vote (p.34), each step citing the paragraph of the
evaluation's edition (or of seed 004 where the edition borrows the procedure).

The steps are recorded by the engine function the vote was counted with
(bagalau.methodology.commission.commission_vote), run again on the stored votes; an explanation
is offered only for a motion voted on and only when it ends at the stored decision.

Callers get the session through bagalau.commission.access.session_read_for first (404 when not
visible; the read of its results is audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bagalau.commission.models import VOTING_ROLES, Motion, SeatRole, VoteChoice
from bagalau.commission.selectors import commission_rules
from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.commission import commission_vote
from bagalau.methodology.explain import render, tracing


@dataclass(frozen=True)
class DecisionExplanation:
    """The steps of one vote in one language and the decision they end at."""

    language: str
    adopted: bool
    steps: list[dict[str, Any]]


def motion_explanation(motion: Motion, language: str) -> DecisionExplanation | None:
    """How the vote on `motion` decided, or None before the vote (or when the stored decision no
    longer follows from the stored votes)."""
    if motion.adopted is None:
        return None
    session = motion.item.session
    votes = list(motion.votes.all())  # the page prefetches them with their seats
    votes_for = sum(1 for vote in votes if vote.choice == VoteChoice.FOR)
    chair = next((vote.choice for vote in votes if vote.seat.role == SeatRole.CHAIR), None)
    with tracing() as steps:
        try:
            rules = commission_rules(session.organisation, session.date)
            result = commission_vote(
                members=sum(1 for seat in session.version.seats.all() if seat.role in VOTING_ROLES),
                present=len(votes),
                votes_for=votes_for,
                votes_against=len(votes) - votes_for,
                chair_vote=chair,
                quorum=rules.quorum.value,
                minimum=rules.min_members.value,
            )
        except (MethodologyError, DomainError):
            return None
    if bool(result.adopted) != motion.adopted:
        return None
    return DecisionExplanation(
        language=language,
        adopted=motion.adopted,
        steps=render(get_edition(motion.item.evaluation.edition), steps, language),
    )
