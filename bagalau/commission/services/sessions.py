"""A commission session: attendance and quorum, the motions and the open vote on each servant, the
protocol's signatures and the authorised person's approval (EDITIONS.md §2.2 G2-G4; §9 G-7,
T-12, T-13). The rules are `methodology.commission`'s; the results' rating is
`methodology.typical2018`'s.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.commission.access import session_get_for, session_parts
from bagalau.commission.editions import approver_of, model_of
from bagalau.commission.models import (
    SESSION_FLOW,
    VOTING_ROLES,
    AgendaItem,
    Attendance,
    CommissionSession,
    Motion,
    MotionKind,
    SeatRole,
    Vote,
    VoteChoice,
)
from bagalau.commission.selectors import (
    commission_rules,
)
from bagalau.commission.services.common import lock_session, status_move
from bagalau.commission.services.moj_decisions import motion_correction
from bagalau.core import bounds, clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.workflow import TYPICAL_EVALUATION_FLOW
from bagalau.methodology import EvaluationModel, MethodologyError, get_edition
from bagalau.methodology.commission import commission_vote, is_quorate, quorum_needed
from bagalau.methodology.editions import typical2018_rules

if TYPE_CHECKING:
    from bagalau.core.types import User


def session_locked_for(actor: User, session_id: int, action: str, part: str) -> CommissionSession:
    """The session locked, when the actor holds `part` in it (Http404 when they cannot see it,
    PermissionDenied when they can but it is not theirs) and `action` is open in its status."""
    visible = session_get_for(user=actor, id=session_id)
    if part not in session_parts(actor, visible):
        raise PermissionDenied("Not your part in this session.")
    session = lock_session(session_id)
    SESSION_FLOW.require(action, session.status, label=session.get_status_display())
    return session


# --- attendance and quorum (p.30) ---------------------------------------------------------------


def session_record_attendance(
    *, actor: User, session_id: int, present_servant_ids: Collection[int]
) -> CommissionSession:
    """Record who was present; with a quorum (two thirds of the members, the secretary not
    counted) the session is held, without one it is adjourned and its servants may go on a new
    session (G2, p.30; G-6)."""
    with transaction.atomic():
        session = session_locked_for(actor, session_id, "attendance", "hr")
        if session.date > clock.today():
            raise DomainError(
                "present",
                N_("The session of %(date)s has not taken place yet."),
                date=day_text(session.date),
            )
        seats = list(session.version.seats.select_related("servant"))
        by_servant = {seat.servant_id: seat for seat in seats}
        for servant_id in present_servant_ids:
            if servant_id not in by_servant:
                raise DomainError(
                    "present", N_("Only the commission's chair, members and secretary attend.")
                )
        present = set(present_servant_ids)
        members = sum(1 for seat in seats if seat.role in VOTING_ROLES)
        voting_present = sum(
            1 for seat in seats if seat.role in VOTING_ROLES and seat.servant_id in present
        )
        rules = commission_rules(session.organisation, session.date)
        Attendance.objects.bulk_create(
            Attendance(session=session, seat=seat, present=seat.servant_id in present)
            for seat in seats
        )
        session.present_count = voting_present
        session.quorum_needed = quorum_needed(members, rules.quorum.value)
        session.save(update_fields=["present_count", "quorum_needed", "updated_at"])
        quorate = is_quorate(members, voting_present, rules.quorum.value)
        status_move(actor, session, SESSION_FLOW, "hold" if quorate else "adjourn")
    return session


# --- motions and the open vote (p.32-38) ---------------------------------------------------------


def _kpi_count(evaluation: Evaluation) -> int:
    return typical2018_rules(get_edition(evaluation.edition)).kpi_count


def motion_put(
    *,
    actor: User,
    session_id: int,
    evaluation_id: int,
    kind: str,
    revised_kpi_achieved: int | None = None,
    revised_competencies: str = "",
    reason: str = "",
    revised_score: object = None,
    recommendations: str = "",
) -> Motion:
    """Put a motion on a servant of the agenda: approve the results, or revise them with the
    corrected count of KPIs achieved and/or competency result and a reason (p.37-38; T-13); a
    moj-2017 quarter or year with the corrected score and its explanation (001 p.35)."""
    with transaction.atomic():
        session = session_locked_for(actor, session_id, "motion", "hr")
        item = AgendaItem.objects.filter(session=session, evaluation_id=evaluation_id).first()
        if item is None:
            raise DomainError("evaluation", N_("This servant is not on the session's agenda."))
        if item.motions.filter(adopted=True).exists():
            raise DomainError("evaluation", N_("The commission has decided on this servant."))
        if item.motions.filter(adopted__isnull=True).exists():
            raise DomainError("kind", N_("A motion on this servant awaits its vote."))
        reason = (reason or "").strip()
        revised_competencies = (revised_competencies or "").strip()
        recommendations = (recommendations or "").strip()
        correction = None
        if model_of(item.evaluation) == EvaluationModel.MOJ2017:
            if revised_kpi_achieved is not None or revised_competencies:
                raise DomainError(
                    "revised_score", N_("A moj-2017 result is corrected by its score (p.35).")
                )
            correction = motion_correction(item.evaluation, kind, revised_score, reason)
        elif revised_score not in (None, ""):
            raise DomainError(
                "revised_score",
                N_("This result is corrected by the KPIs achieved or the competencies (p.38)."),
            )
        elif kind == MotionKind.REVISE:
            if not reason:
                raise DomainError("reason", N_("A revision states its reason (T-13)."))
            if revised_kpi_achieved is None and not revised_competencies:
                raise DomainError(
                    "revised_kpi_achieved",
                    N_("A revision sets the corrected KPI count or competency result (p.38)."),
                )
            total = _kpi_count(item.evaluation)
            if revised_kpi_achieved is not None and not 0 <= revised_kpi_achieved <= total:
                raise DomainError(
                    "revised_kpi_achieved",
                    N_("The KPIs fully achieved are counted from 0 to %(total)s (p.18)."),
                    total=total,
                )
        elif kind == MotionKind.APPROVE:
            if revised_kpi_achieved is not None or revised_competencies:
                raise DomainError(
                    "kind", N_("Approving keeps the results: a correction needs a revision.")
                )
        else:
            raise DomainError("kind", N_("Choose to approve or to revise the results."))
        texts = (
            (reason, "reason"),
            (revised_competencies, "revised_competencies"),
            (recommendations, "recommendations"),
        )
        for text, field in texts:
            if len(text) > bounds.LONG_TEXT:
                raise DomainError(field, N_("The text is too long."))
        motion = Motion.objects.create(
            item=item,
            kind=kind,
            revised_kpi_achieved=revised_kpi_achieved,
            revised_competencies=revised_competencies,
            revised_score=correction.score if correction is not None else None,
            reason=reason,
            recommendations=recommendations,
            put_by=account(actor),
        )
        audit_log(
            actor=actor,
            action="create",
            obj=motion,
            changes={
                "kind": (None, kind),
                "revised_kpi_achieved": (None, revised_kpi_achieved),
                "revised_competencies": ("", revised_competencies),
                "revised_score": (None, motion.revised_score),
                "reason": ("", reason),
                "recommendations": ("", recommendations),
            },
        )
    return motion


def motion_vote(*, actor: User, motion_id: int, votes: Mapping[int, str]) -> Motion:
    """Record the open vote on a motion: every member present votes for or against, the secretary
    does not vote; the majority decides and on a tie the chair's vote (p.32-34; G-7). An adopted
    motion decides the servant's results (the evaluation is DECIDED)."""
    with transaction.atomic():
        found = Motion.objects.filter(pk=motion_id).values_list("item__session_id", flat=True)
        session_id = found.first()
        if session_id is None:
            raise Http404("No such motion.")
        session = session_locked_for(actor, session_id, "vote", "hr")
        motion = Motion.objects.select_for_update(of=("self",)).get(pk=motion_id)
        if motion.adopted is not None:
            raise DomainError("votes", N_("This motion was voted on."))
        present = {
            a.seat.servant_id: a.seat
            for a in session.attendance.select_related("seat__servant").filter(present=True)
        }
        secretary = session.version.seats.filter(role=SeatRole.SECRETARY).first()
        choices: dict[int, str] = {}
        for servant_id, choice in votes.items():
            if secretary is not None and servant_id == secretary.servant_id:
                raise DomainError(
                    "votes", N_("The secretary of the commission does not vote (p.34).")
                )
            seat = present.get(servant_id)
            if seat is None or seat.role not in VOTING_ROLES:
                raise DomainError("votes", N_("Only the members present vote."))
            if choice not in VoteChoice.values:
                raise DomainError("votes", N_('A member votes "for" or "against" (G-7).'))
            choices[servant_id] = choice
        voters = [seat for seat in present.values() if seat.role in VOTING_ROLES]
        for seat in voters:
            if seat.servant_id not in choices:
                raise DomainError(
                    "votes",
                    N_("%(servant)s is present and votes: there are no abstentions (G-7)."),
                    servant=seat.servant.full_name,
                )
        chair = next((s for s in voters if s.role == SeatRole.CHAIR), None)
        rules = commission_rules(session.organisation, session.date)
        votes_for = sum(1 for c in choices.values() if c == VoteChoice.FOR)
        try:
            result = commission_vote(
                members=session.version.seats.filter(role__in=VOTING_ROLES).count(),
                present=len(voters),
                votes_for=votes_for,
                votes_against=len(choices) - votes_for,
                chair_vote=choices[chair.servant_id] if chair is not None else None,
                quorum=rules.quorum.value,
                minimum=rules.min_members.value,
            )
        except MethodologyError as error:
            raise DomainError.from_methodology(error, "votes") from error
        Vote.objects.bulk_create(
            Vote(motion=motion, seat=seat, choice=choices[seat.servant_id]) for seat in voters
        )
        motion.adopted = bool(result.adopted)
        motion.votes_for = votes_for
        motion.votes_against = len(choices) - votes_for
        motion.save(update_fields=["adopted", "votes_for", "votes_against"])
        audit_log(
            actor=actor,
            action="vote",
            obj=motion,
            changes={
                "votes": (None, {str(k): v for k, v in choices.items()}),
                "adopted": (None, motion.adopted),
            },
        )
        # Decided at the vote where the authorised person approves afterwards (004 p.39); under
        # moj-2017 the protocol's last signature makes the decisions take effect (001 p.35).
        if motion.adopted and approver_of(motion.item.evaluation) == "authorised_person":
            _decide(actor, motion.item.evaluation_id)
    return motion


def session_conclude(*, actor: User, session_id: int, conclusion: str) -> CommissionSession:
    """HR writes the commission's conclusion into the draft protocol while the session is held
    ("Комиссия қорытындысы", App. 5, EDITIONS.md §6.1)."""
    with transaction.atomic():
        session = session_locked_for(actor, session_id, "conclude", "hr")
        conclusion = bounds.bounded_text(conclusion, "conclusion")
        old = session.conclusion
        session.conclusion = conclusion
        session.save(update_fields=["conclusion", "updated_at"])
        audit_log(
            actor=actor,
            action="update",
            obj=session,
            changes={"conclusion": (old, conclusion)},
        )
    return session


def _decide(actor: User, evaluation_id: int) -> None:
    evaluation = Evaluation.objects.select_for_update(of=("self",)).get(pk=evaluation_id)
    TYPICAL_EVALUATION_FLOW.require(
        "decide", evaluation.status, label=evaluation.get_status_display()
    )
    status_move(actor, evaluation, TYPICAL_EVALUATION_FLOW, "decide")
