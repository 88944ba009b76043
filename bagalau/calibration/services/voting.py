"""Calibration: the session (seed 002 p.41): the evaluator's presentation, the votes, closing a
round and starting the next one (SPEC §4.7).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.calibration.access import is_hr_head, is_participant, session_get_for
from bagalau.calibration.models import SESSION_FLOW, Session, SessionStatus, Vote, VoteChoice
from bagalau.calibration.selectors import majority_score, organisation_of
from bagalau.core import bounds, clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.access import is_evaluator
from bagalau.evaluations.models import Evaluation
from bagalau.methodology.sjc2023 import Sjc2023Rules, round_quorum
from bagalau.org.models import Role
from bagalau.org.selectors import users_with_role

if TYPE_CHECKING:
    from bagalau.core.types import User

from bagalau.calibration.services.common import (
    _call_to_vote,
    _case,
    _lock_session,
    _notify_each,
    _rules,
    _session_locked_for,
)

# --- the session (p.41) --------------------------------------------------------------------------


def session_record_presentation(*, actor: User, session_id: int, text: str) -> Session:
    """The evaluator's account of the servant's work and the reasons for the score, recorded at
    the session; it may be corrected until the first vote."""
    with transaction.atomic():
        session, evaluation = _session_locked_for(
            actor, session_id, is_evaluator, "Only the evaluator presents the evaluation."
        )
        if not SESSION_FLOW.is_open("present", session.status) or session.votes.exists():
            raise DomainError(
                "text", N_("Voting has begun: the presentation can no longer be changed.")
            )
        held_on = timezone.localdate(session.scheduled_for)
        if clock.today() < held_on:
            raise DomainError(
                "text",
                N_("The presentation is recorded at the session, on %(date)s."),
                date=day_text(held_on),
            )
        text = (text or "").strip()
        if not text:
            raise DomainError(
                "text", N_("Describe the servant's work and the reasons for your score.")
            )
        before = {"presentation": session.presentation, "status": session.status}
        session.presentation = text
        session.presented_at = clock.now()
        session.status = SessionStatus.PRESENTED
        session.save(update_fields=["presentation", "presented_at", "status", "updated_at"])
        audit_log(
            actor=actor,
            action="present",
            obj=session,
            changes={key: (value, getattr(session, key)) for key, value in before.items()},
        )
        _call_to_vote(session.participants.all(), session, evaluation, kind="session_to_vote")
    return session


def _vote_score(rules: Sjc2023Rules, choice: str, score: Any, evaluators: Decimal) -> Decimal:
    if choice not in VoteChoice.values:
        raise DomainError("choice", N_("Choose to keep, raise or lower the score."))
    if score is None or score == "":
        if choice == VoteChoice.KEEP:
            return evaluators
        raise DomainError("score", N_("Propose the final score."))
    try:
        value = bounds.ascii_decimal(str(score).strip().replace(",", "."))
    except InvalidOperation as error:
        raise DomainError("score", N_("A score is a number such as 4.25.")) from error
    places = rules.rating_places
    low, high = rules.rating.minimum, rules.rating.maximum
    if not value.is_finite() or value != value.quantize(Decimal(1).scaleb(-places)):
        raise DomainError(
            "score", N_("A score has at most %(places)s decimal places."), places=places
        )
    if (low is not None and value < low) or (high is not None and value > high):
        raise DomainError(
            "score", N_("A score lies between %(low)s and %(high)s."), low=low, high=high
        )
    value = value.quantize(Decimal(1).scaleb(-places))
    if choice == VoteChoice.KEEP and value != evaluators:
        raise DomainError(
            "score",
            N_("A vote to keep is a vote for the evaluator's score, %(score)s."),
            score=evaluators,
        )
    if choice == VoteChoice.RAISE and value <= evaluators:
        raise DomainError(
            "score",
            N_("A vote to raise proposes a score above the evaluator's %(score)s."),
            score=evaluators,
        )
    if choice == VoteChoice.LOWER and value >= evaluators:
        raise DomainError(
            "score",
            N_("A vote to lower proposes a score below the evaluator's %(score)s."),
            score=evaluators,
        )
    return value


def session_vote(
    *, actor: User, session_id: int, choice: str, score: Any = None, argument: str = ""
) -> Vote:
    """A participant's vote in the current round for one final score (keep = the evaluator's).
    When everybody has voted, a score with more than half of the votes is adopted; otherwise the
    next round opens and every round stays in the protocol (SPEC §4.7)."""
    with transaction.atomic():
        visible = session_get_for(user=actor, id=session_id)
        if not is_participant(actor, visible):
            raise PermissionDenied("Only the session's participants vote.")
        session = _lock_session(session_id)
        if session.status == SessionStatus.SCHEDULED:
            raise DomainError("choice", N_("Voting opens after the evaluator's presentation."))
        if not SESSION_FLOW.is_open("vote", session.status):
            raise DomainError("choice", N_("The session has already adopted the final score."))
        if session.votes.filter(round=session.round, voter=account(actor)).exists():
            raise DomainError(
                "choice", N_("You have already voted in round %(round)s."), round=session.round
            )
        evaluation = visible.application.evaluation
        if evaluation.score is None:
            raise DomainError("score", N_("The evaluation has no score yet."))
        value = _vote_score(_rules(evaluation), choice, score, evaluation.score)
        argument = (argument or "").strip()
        if choice != VoteChoice.KEEP and not argument:
            raise DomainError("argument", N_("Give your arguments for changing the score."))
        vote = Vote.objects.create(
            session=session,
            round=session.round,
            voter=account(actor),
            choice=choice,
            score=value,
            argument=argument,
        )
        audit_log(
            actor=actor,
            action="vote",
            obj=vote,
            summary=f"{session} — {session.round}",
            changes={
                "round": (None, session.round),
                "choice": (None, choice),
                "score": (None, value),
                "argument": ("", argument),
            },
        )
        _close_round_when_complete(actor, session, evaluation)
    return vote


def _cast(session: Session) -> list[Any]:
    """The scores cast so far in the round under way."""
    return list(session.votes.filter(round=session.round).values_list("score", flat=True))


def _close_round_when_complete(actor: User, session: Session, evaluation: Evaluation) -> None:
    cast = _cast(session)
    if len(cast) < session.participants.count():
        return
    _close_round(actor, session, evaluation, cast)


def session_close_round(*, actor: User, session_id: int) -> Session:
    """The head of HR closes the round under way with the votes cast when some participants do
    not vote (absent from the session), once more than half of them have voted (our decision,
    SPEC §4.7): a score with more than half of the votes cast is adopted, otherwise the next
    round opens, where everybody may vote again. The protocol shows who voted in each round."""
    with transaction.atomic():
        session, evaluation = _session_locked_for(
            actor, session_id, is_hr_head, "Only the head of HR closes a round."
        )
        if not SESSION_FLOW.is_open("close_round", session.status):
            raise DomainError("round", N_("No voting round is under way."))
        cast = _cast(session)
        total = session.participants.count()
        quorum = round_quorum(total)
        if len(cast) < quorum:
            raise DomainError(
                "round",
                N_(
                    "Round %(round)s can be closed once %(quorum)s of the %(total)s participants"
                    " have voted; %(voted)s have voted so far."
                ),
                round=session.round,
                quorum=quorum,
                total=total,
                voted=len(cast),
            )
        audit_log(
            actor=actor,
            action="close_round",
            obj=session,
            summary=f"{session} — {session.round}",
            changes={"round": (session.round, session.round), "voted": (total, len(cast))},
        )
        _close_round(actor, session, evaluation, cast)
    return session


def _close_round(actor: User, session: Session, evaluation: Evaluation, cast: list[Any]) -> None:
    """Tally the round: adopt a score with more than half of the votes cast, or open the next."""
    adopted = majority_score(cast)
    url = reverse("calibration:session", args=[session.pk])
    if adopted is not None:
        session.final_score = adopted
        session.decided_at = clock.now()
        session.status = SessionStatus.DECIDED
        session.save(update_fields=["final_score", "decided_at", "status", "updated_at"])
        audit_log(
            actor=actor,
            action="adopt",
            obj=session,
            changes={
                "final_score": (None, adopted),
                "status": (SessionStatus.PRESENTED, SessionStatus.DECIDED),
                "round": (session.round, session.round),
            },
        )
        _notify_each(
            users_with_role(organisation_of(evaluation), Role.HR_HEAD),
            kind="protocol_to_sign",
            params=_case(evaluation),
            url=url,
            key=f"calibration-sign-{session.pk}",
        )
        return
    session.round += 1
    session.save(update_fields=["round", "updated_at"])
    audit_log(
        actor=actor,
        action="new_round",
        obj=session,
        changes={"round": (session.round - 1, session.round)},
    )
    _call_to_vote(session.participants.all(), session, evaluation, kind="session_new_round")
