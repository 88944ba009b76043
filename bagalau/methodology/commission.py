"""The evaluation commission of the earlier editions: size, quorum and the open vote.

Seed 004 p.5 (at least 5 members in almaty-2018), p.30 (quorum of two thirds), p.31 (members
changed only by amending the order), p.32-34 (open vote, majority, the chair's casting vote, the
secretary does not vote); seed 001 p.7-9 the same for moj-2017. EDITIONS.md §9 G-6 and G-7, §13
``commission``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import ceil
from typing import Literal

from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note

ChairVote = Literal["for", "against"]
CHAIR_VOTES: tuple[ChairVote, ...] = ("for", "against")


def check_members(members: int, minimum: int | None, field: str = "members") -> None:
    """A commission has at least one voting member and not fewer than the edition's (or the
    organisation's) minimum: 5 in almaty-2018 (004 p.5), none stated in the other editions
    (EDITIONS.md §9 T-22). The secretary is not a member (004 p.34, 001 p.9; G-6)."""
    if members < 1:
        raise MethodologyError(field, N_("a commission has at least one voting member"))
    if minimum is not None and members < minimum:
        raise MethodologyError(
            field,
            N_(
                "the commission must have at least %(min)s members (p.5), not %(count)s; the "
                "secretary is not a member"
            ),
            min=minimum,
            count=members,
        )


def quorum_needed(members: int, quorum: Fraction) -> int:
    """The fewest members present for a quorate session: at least two thirds of the members
    (004 p.30, 001 p.7), so 3k >= 2n for n members and k present."""
    if members < 1:
        raise ValueError("a commission has at least one member")
    return ceil(quorum * members)


def is_quorate(members: int, present: int, quorum: Fraction) -> bool:
    """Whether `present` of the commission's `members` make a quorum (004 p.30, 001 p.7)."""
    return Fraction(present) >= quorum * members


@dataclass(frozen=True, slots=True)
class VoteResult:
    """A session's quorum and the outcome of the open vote on one motion (None without quorum)."""

    quorate: bool
    adopted: bool | None
    needed: int


def commission_vote(
    *,
    members: int,
    present: int,
    votes_for: int,
    votes_against: int,
    chair_vote: str | None,
    quorum: Fraction,
    minimum: int | None = None,
) -> VoteResult:
    """The open vote of a commission session on one motion (approve or revise a result).

    - `members` voting members of the commission version in force (the secretary is not one,
      G-6), at least `minimum` (004 p.5: 5 in almaty-2018; T-22);
    - `present` of them at the session, the chair counting when present; quorate when at least
      two thirds are present (004 p.30, 001 p.7): 3k >= 2n;
    - every present member votes for or against (no abstentions, G-7), so for + against =
      present; the decision is the majority of the votes (004 p.33, 001 p.9) and on a tie the
      chair's vote decides; a tie without the chair fails;
    - `chair_vote` is how the chair voted, None when the chair is absent.
    """
    check_members(members, minimum)
    if present < 0:
        raise MethodologyError("present", N_("the number present cannot be negative"))
    if present > members:
        raise MethodologyError(
            "present",
            N_("%(present)s present, but the commission has %(members)s members"),
            present=present,
            members=members,
        )
    if votes_for < 0:
        raise MethodologyError("for", N_("the number of votes cannot be negative"))
    if votes_against < 0:
        raise MethodologyError("against", N_("the number of votes cannot be negative"))
    if votes_for + votes_against != present:
        raise MethodologyError(
            "for",
            N_(
                "every member present votes for or against (there are no abstentions): "
                "%(votes_for)s for and %(votes_against)s against make %(votes)s votes, not "
                "%(present)s"
            ),
            votes_for=votes_for,
            votes_against=votes_against,
            votes=votes_for + votes_against,
            present=present,
        )
    if chair_vote is not None and chair_vote not in CHAIR_VOTES:
        raise MethodologyError(
            "chair_vote",
            N_('the chair votes "for" or "against", or is absent (null)'),
        )
    if (chair_vote == "for" and votes_for == 0) or (chair_vote == "against" and votes_against == 0):
        raise MethodologyError(
            "chair_vote",
            N_('the chair voted "%(vote)s", but the tally has no vote "%(vote)s"'),
            vote=chair_vote,
        )
    needed = quorum_needed(members, quorum)
    quorate = is_quorate(members, present, quorum)
    note(
        "commission.quorum." + ("yes" if quorate else "no"),
        "present",
        members=members,
        present=present,
        quorum=str(quorum),
        needed=needed,
    )
    if not quorate:
        return VoteResult(quorate=False, adopted=None, needed=needed)
    if votes_for != votes_against:
        adopted = votes_for > votes_against
        note(
            "commission.majority." + ("adopted" if adopted else "rejected"),
            "for",
            votes_for=votes_for,
            votes_against=votes_against,
        )
        return VoteResult(quorate=True, adopted=adopted, needed=needed)
    adopted = chair_vote == "for"
    code = "absent" if chair_vote is None else chair_vote
    note(f"commission.tie.{code}", "chair_vote", votes_for=votes_for, votes_against=votes_against)
    return VoteResult(quorate=True, adopted=adopted, needed=needed)


@dataclass(frozen=True, slots=True)
class CommissionVersion:
    """One wording of the order forming the commission (004 p.31, 001 p.7): its date and number
    and the voting members it names (the secretary apart)."""

    order_date: dt.date
    order_number: str
    members: int


def version_in_force(versions: Sequence[CommissionVersion], day: dt.date) -> CommissionVersion:
    """The commission a session on `day` sits as: the latest order (or amending order) dated on or
    before that day (EDITIONS.md §9 G-6: members change only by amending the order)."""
    dated = [v for v in versions if v.order_date <= day]
    if not dated:
        raise MethodologyError(
            "date",
            N_("no order forming the commission was in force on %(date)s"),
            date=day.isoformat(),
        )
    return max(dated, key=lambda v: v.order_date)
