"""Reads of calibration: work lists, the rounds of a session and the protocol (seed 002 p.12,
p.37-42; SPEC §4.7).

Nothing here checks access: callers pass what `bagalau.calibration.access` let them see (results
only after `session_results_get_for`, which audits the read).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from bagalau.calibration.models import (
    APPLICATION_FLOW,
    SESSION_FLOW,
    Appeal,
    AppealBasis,
    Application,
    Session,
    SessionStatus,
    Vote,
)
from bagalau.core.language import reader_language
from bagalau.evaluations.models import Evaluation, Method, Period, PeriodKind
from bagalau.evaluations.workflow import FAMILIARISED
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import (
    Sjc2023Rules,
    adopted_score,
    calibration_application_due,
    round_quorum,
)
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import (
    assignment_on,
    organisations_where,
    users_with_role,
    work_calendar,
)

if TYPE_CHECKING:
    from bagalau.core.types import Account, User


APPLYING_STATUSES = FAMILIARISED


# --- small helpers -------------------------------------------------------------------------------


def organisation_of(evaluation: Evaluation) -> Organisation:
    """The organisation whose schedule the evaluation belongs to."""
    return evaluation.period.schedule.organisation


def rules_for(evaluation: Evaluation) -> Sjc2023Rules:
    """The sjc-2023 rules of the edition the evaluation was made under (MethodologyError when
    that edition has no calibration sessions)."""
    return sjc2023_rules(get_edition(evaluation.edition))


def rating_label(evaluation: Evaluation, code: str) -> str:
    """The p.7 rating's text in the reader's language ("" for an unknown code)."""
    if not code:
        return ""
    try:
        bands = rules_for(evaluation).rating.bands
    except ValueError:
        return code
    for band in bands:
        if band.code == code:
            return band.label.get(reader_language())
    return code


def local_date(moment: dt.datetime | None) -> dt.date | None:
    """The Kazakhstan date of an aware datetime."""
    return timezone.localdate(moment) if moment is not None else None


def participant_candidates(application: Application) -> QuerySet[Any]:
    """Who the head may approve as participants: the organisation's servants with a login, never
    the servant who applied nor the evaluator (who presents and does not vote)."""
    evaluation = application.evaluation
    excluded = [evaluation.servant.user_id]
    if evaluation.evaluator is not None:
        excluded.append(evaluation.evaluator.user_id)
    return (
        get_user_model()
        .objects.filter(is_active=True, servant__organisation=organisation_of(evaluation))
        .exclude(pk__in=[pk for pk in excluded if pk is not None])
        .select_related("servant")
        .order_by("servant__last_name", "servant__first_name", "pk")
    )


def sector_heads(application: Application) -> QuerySet[Any]:
    """The heads of the HR service ("Сектордың басшысы") of the case's organisation, who take
    part in the feedback meeting when necessary (seed 002 p.19(3))."""
    return users_with_role(organisation_of(application.evaluation), Role.HR_HEAD).select_related(
        "servant"
    )


def replacement_choices(session: Session) -> tuple[QuerySet[Any], QuerySet[Any]]:
    """Who may leave the session (participants who have not voted in the round under way) and
    who may join it (candidates who are not participants)."""
    voted = session.votes.filter(round=session.round).values_list("voter_id", flat=True)
    leaving = session.participants.exclude(pk__in=voted).select_related("servant")
    joining = participant_candidates(session.application).exclude(
        pk__in=session.participants.values_list("pk", flat=True)
    )
    return leaving, joining


def person_name(user: Account | None) -> str:
    """A user's full name from the servant record, else the login."""
    servant: Servant | None = getattr(user, "servant", None) if user is not None else None
    if servant is not None:
        return servant.full_name
    return user.get_username() if user is not None else ""


def position_name(servant: Servant | None, day: dt.date) -> str:
    """The servant's position on `day` (the latest one when none covers it)."""
    if servant is None:
        return ""
    assignment = assignment_on(servant, day) or servant.assignments.order_by("-start").first()
    return assignment.position.name if assignment is not None else ""


# --- deadlines -----------------------------------------------------------------------------------


def application_due(evaluation: Evaluation) -> dt.date | None:
    """The last day to apply (p.12): the date set at familiarisation, else 5 working days after
    the acknowledgement or the refusal act."""
    if evaluation.calibration_due is not None:
        return evaluation.calibration_due
    familiarised = local_date(evaluation.acknowledged_at)
    refusal = getattr(evaluation, "refusal", None)
    if familiarised is None and refusal is not None:
        familiarised = local_date(refusal.drawn_up_at)
    if familiarised is None:
        return None
    return calibration_application_due(rules_for(evaluation), work_calendar(), familiarised)


def latest_session_date(application: Application, today: dt.date) -> dt.date:
    """The last day the session may be set for, deciding on `today`.

    Seed 002 p.39: the session "қызметшінің өтініші түскен уақыттан бастап он жұмыс күн ішінде
    ... өткізіледі" — counted from the application, whatever the head's lateness (p.38), so
    the limit is `application.session_due`. When the head decides after that day, the session is
    held as soon as possible: on the next working day at the latest, and shown as late
    (`session_late`).
    """
    if today <= application.session_due:
        return application.session_due
    return work_calendar().add_working_days(today, 1)


def session_limit_passed(application: Application, today: dt.date) -> bool:
    """Whether the 10 working days of p.39 ended before `today` (a session set now is late)."""
    return today > application.session_due


def decision_overdue(application: Application, today: dt.date) -> bool:
    """Undecided after the 3 working days of p.38."""
    undecided = application.status in APPLICATION_FLOW.group("undecided")
    return undecided and today > application.decision_due


def decided_late(application: Application) -> bool:
    """Decided after the 3 working days of p.38."""
    day = local_date(application.decided_at)
    return day is not None and day > application.decision_due


def session_late(session: Session) -> bool:
    """Held (scheduled) after the 10 working days of p.39."""
    return timezone.localdate(session.scheduled_for) > session.application.session_due


def posting_overdue(session: Session, today: dt.date) -> bool:
    """Signed but not posted within the 3 working days of p.41."""
    return (
        session.protocol_posting_due is not None
        and session.protocol_posted_at is None
        and today > session.protocol_posting_due
    )


def posted_late(session: Session) -> bool:
    """Posted after the 3 working days of p.41."""
    posted = local_date(session.protocol_posted_at)
    return (
        posted is not None
        and session.protocol_posting_due is not None
        and posted > session.protocol_posting_due
    )


# --- rounds and the majority (SPEC §4.7) ---------------------------------------------------------


majority_score = adopted_score  # the rule lives in the engine (methodology.sjc2023)


def tally(scores: Iterable[Decimal]) -> list[tuple[Decimal, int]]:
    """(score, votes) pairs, most votes first, then the higher score."""
    return sorted(Counter(scores).items(), key=lambda item: (-item[1], -item[0]))


@dataclass
class Round:
    """One voting round of a session: its votes (shown once the round is complete)."""

    number: int
    votes: list[Vote]
    participants: int
    complete: bool
    adopted: Decimal | None = None
    counts: list[tuple[Decimal, int]] = field(default_factory=list)

    @property
    def cast(self) -> int:
        """How many participants voted."""
        return len(self.votes)


def session_rounds(session: Session) -> list[Round]:
    """Every round of the session, the one under way last (its votes must not be shown before
    it is complete)."""
    votes = list(session.votes.select_related("voter__servant").order_by("round", "cast_at", "pk"))
    total = session.participants.count()
    rounds: list[Round] = []
    for number in range(1, session.round + 1):
        cast = [vote for vote in votes if vote.round == number]
        complete = number < session.round or (session.status not in SESSION_FLOW.group("under_way"))
        scores = [vote.score for vote in cast]
        rounds.append(
            Round(
                number=number,
                votes=cast,
                participants=total,
                complete=complete,
                adopted=majority_score(scores) if complete else None,
                counts=tally(scores) if complete else [],
            )
        )
    return rounds


def round_progress(session: Session, user: User | None = None) -> dict[str, Any]:
    """How many participants voted in the current round (never what they voted)."""
    cast = session.votes.filter(round=session.round)
    total = session.participants.count()
    voted = cast.count()
    mine = cast.filter(voter=user).first() if user is not None and user.is_authenticated else None
    return {
        "round": session.round,
        "voted": voted,
        "total": total,
        "percent": round(voted * 100 / total) if total else 0,
        "quorum": round_quorum(total) if total else None,
        "my_vote": mine,
        "open": session.status in SESSION_FLOW.group("voting"),
    }


# --- work lists ----------------------------------------------------------------------------------


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "evaluation__servant",
        "evaluation__evaluator",
        "evaluation__period__schedule__organisation",
        "session",
    )


def applications_visible_to(user: User) -> QuerySet[Application]:
    """Applications whose workflow (text, dates, participants — not results) the user follows:
    the servant, the evaluator, the participants, the head of the apparatus and HR."""
    if not user.is_authenticated:
        return Application.objects.none()
    organisations = organisations_where(user, Role.APPARATUS_HEAD, *HR_ROLES)
    return (
        _applications()
        .filter(
            Q(evaluation__servant__user=user)
            | Q(evaluation__evaluator__user=user)
            | Q(session__participants=user)
            | Q(evaluation__period__schedule__organisation__in=organisations)
        )
        .distinct()
    )


def sessions_visible_to(user: User) -> QuerySet[Session]:
    """Sessions whose workflow the user follows (those of `applications_visible_to`)."""
    return (
        _sessions()
        .select_related("application__evaluation__assignment__position__unit")
        .filter(application__in=applications_visible_to(user))
    )


def appeals_visible_to(user: User) -> QuerySet[Appeal]:
    """Appeals the user may follow: against a calibration decision, those of the sessions whose
    workflow they follow; against a commission decision, the servant's own and, for the HR
    service (which records them), those of its organisations."""
    if not user.is_authenticated:
        return Appeal.objects.none()
    organisations = organisations_where(user, *HR_ROLES)
    commission = Q(evaluation__servant__user=user) | Q(
        evaluation__period__schedule__organisation__in=organisations
    )
    return (
        Appeal.objects.select_related("evaluation", "session", "recorded_by__servant")
        .filter(
            Q(basis=AppealBasis.CALIBRATION, session__in=sessions_visible_to(user))
            | (Q(basis=AppealBasis.COMMISSION) & commission)
        )
        .distinct()
    )


def applications_of(user: User) -> QuerySet[Application]:
    """The user's own applications, newest first."""
    if not user.is_authenticated:
        return Application.objects.none()
    return _applications().filter(evaluation__servant__user=user).order_by("-submitted_on", "-pk")


def applications_to_decide(user: User) -> QuerySet[Application]:
    """Applications awaiting the decision of this head of the apparatus, the oldest due first."""
    organisations = organisations_where(user, Role.APPARATUS_HEAD)
    return (
        _applications()
        .filter(
            status__in=APPLICATION_FLOW.group("undecided"),
            evaluation__period__schedule__organisation__in=organisations,
        )
        .order_by("decision_due", "pk")
    )


def next_quarter_due(user: User, today: dt.date) -> Period | None:
    """The next quarter whose evaluations fall due in an organisation this user heads: what the
    head's empty panel names as coming next (issue 13 item 11)."""
    organisations = organisations_where(user, Role.APPARATUS_HEAD)
    return (
        Period.objects.filter(
            schedule__organisation__in=organisations,
            kind=PeriodKind.QUARTER,
            deadline__gte=today,
        )
        .select_related("schedule")
        .order_by("deadline", "pk")
        .first()
    )


def applications_for_hr(user: User) -> QuerySet[Application]:
    """Every application of the organisations where the user works in HR, newest first."""
    organisations = organisations_where(user, *HR_ROLES)
    return (
        _applications()
        .filter(evaluation__period__schedule__organisation__in=organisations)
        .order_by("-submitted_on", "-pk")
    )


def _sessions() -> QuerySet[Session]:
    return Session.objects.select_related(
        "application__evaluation__servant",
        "application__evaluation__evaluator",
        "application__evaluation__period__schedule__organisation",
    )


def sessions_of_participant(user: User) -> QuerySet[Session]:
    """Sessions the user votes in, the next one first."""
    if not user.is_authenticated:
        return Session.objects.none()
    return _sessions().filter(participants=user).order_by("scheduled_for", "pk")


def sessions_to_vote(user: User) -> QuerySet[Session]:
    """Sessions whose current round awaits the user's vote."""
    if not user.is_authenticated:
        return Session.objects.none()
    voted = Vote.objects.filter(session=OuterRef("pk"), round=OuterRef("round"), voter=user)
    return (
        sessions_of_participant(user).filter(status=SessionStatus.PRESENTED).exclude(Exists(voted))
    )


def sessions_of_evaluator(user: User) -> QuerySet[Session]:
    """Sessions where the user presents their evaluation."""
    if not user.is_authenticated:
        return Session.objects.none()
    return (
        _sessions()
        .filter(application__evaluation__evaluator__user=user)
        .order_by("scheduled_for", "pk")
    )


def sessions_ordered(user: User) -> QuerySet[Session]:
    """Sessions under way that this head of the apparatus ordered (to follow them and replace a
    participant who cannot take part), the soonest first."""
    organisations = organisations_where(user, Role.APPARATUS_HEAD)
    return (
        _sessions()
        .filter(
            application__evaluation__period__schedule__organisation__in=organisations,
            status__in=SESSION_FLOW.group("under_way"),
        )
        .order_by("scheduled_for", "pk")
    )


def sessions_to_present(user: User) -> QuerySet[Session]:
    """Scheduled sessions whose presentation the evaluator has not recorded."""
    return sessions_of_evaluator(user).filter(status=SessionStatus.SCHEDULED)


def feedback_to_record(user: User) -> QuerySet[Session]:
    """Signed protocols whose feedback meeting (p.42) the evaluator has not recorded."""
    return sessions_of_evaluator(user).filter(
        protocol_signed_at__isnull=False, feedback__isnull=True
    )


def protocols_to_sign(user: User) -> QuerySet[Session]:
    """Sessions with an adopted score whose protocol this head of HR signs."""
    organisations = organisations_where(user, Role.HR_HEAD)
    return (
        _sessions()
        .filter(
            status=SessionStatus.DECIDED,
            application__evaluation__period__schedule__organisation__in=organisations,
        )
        .order_by("decided_at", "pk")
    )


def protocols_to_post(user: User) -> QuerySet[Session]:
    """Signed protocols HR has not posted yet, the earliest due first."""
    organisations = organisations_where(user, *HR_ROLES)
    return (
        _sessions()
        .filter(
            protocol_signed_at__isnull=False,
            protocol_posted_at__isnull=True,
            application__evaluation__period__schedule__organisation__in=organisations,
        )
        .order_by("protocol_posting_due", "pk")
    )


def appeals_of(session: Session) -> QuerySet[Appeal]:
    """The appeals against the session's decision, newest first."""
    return session.appeals.select_related("recorded_by__servant").order_by("-filed_on", "-pk")


# --- the protocol --------------------------------------------------------------------------------


def protocol_context(session: Session) -> dict[str, Any]:
    """Everything the calibration protocol shows, as plain data for the HTML page and the PDF.

    The caller has checked access with `calibration.access.session_results_get_for` (the
    protocol is a result: evaluatee, evaluator, head of HR, participants — p.20).
    """
    application = session.application
    evaluation = application.evaluation
    period = evaluation.period
    organisation = organisation_of(evaluation)
    day = min(period.ends, timezone.localdate(session.scheduled_for))
    evaluator = evaluation.evaluator
    participants = sorted(
        session.participants.select_related("servant"),
        key=lambda user: (person_name(user), user.pk),
    )
    rounds = session_rounds(session)
    final_rating = ""
    if session.final_score is not None:
        final_rating = rules_for(evaluation).rating.band_for(session.final_score).code
    feedback = getattr(session, "feedback", None)
    return {
        "organisation": organisation.name,
        "servant": {
            "name": evaluation.servant.full_name,
            "short_name": evaluation.servant.short_name,
            "position": evaluation.assignment.position.name,
            "unit": evaluation.assignment.position.unit.name,
        },
        "period": str(period),
        "period_starts": period.starts,
        "period_ends": period.ends,
        "method": evaluation.method,
        "method_label": Method(evaluation.method).label,
        "edition": evaluation.edition,
        "evaluator": {
            "name": evaluator.full_name if evaluator is not None else "",
            "short_name": evaluator.short_name if evaluator is not None else "",
            "position": position_name(evaluator, day),
        },
        "evaluator_score": evaluation.score,
        "evaluator_rating": evaluation.rating,
        "evaluator_rating_label": rating_label(evaluation, evaluation.rating),
        "application": {
            "submitted_on": application.submitted_on,
            "text": application.text,
            "decision_due": application.decision_due,
            "session_due": application.session_due,
        },
        "decision": {
            "decided_on": local_date(application.decided_at),
            "decided_by": person_name(application.decided_by) if application.decided_by else "",
            "late": decided_late(application),
            "comment": application.decision_comment,
        },
        "participants": [
            {
                "name": person_name(user),
                "position": position_name(getattr(user, "servant", None), day),
            }
            for user in participants
        ],
        "scheduled_for": session.scheduled_for,
        "place": session.place,
        "session_late": session_late(session),
        "presentation": session.presentation,
        "presented_at": session.presented_at,
        "rounds": [
            {
                "number": item.number,
                "complete": item.complete,
                "participants": item.participants,
                "cast": item.cast,
                "votes": [
                    {
                        "voter": person_name(vote.voter),
                        "choice": vote.choice,
                        "choice_label": vote.get_choice_display(),
                        "score": vote.score,
                        "argument": vote.argument,
                        "cast_at": vote.cast_at,
                    }
                    for vote in (item.votes if item.complete else [])
                ],
                "tally": [{"score": score, "votes": votes} for score, votes in item.counts],
                "adopted": item.adopted,
            }
            for item in rounds
        ],
        "final_score": session.final_score,
        "final_rating": final_rating,
        "final_rating_label": rating_label(evaluation, final_rating),
        "changed": session.final_score is not None and session.final_score != evaluation.score,
        "decided_at": session.decided_at,
        "signed_at": session.protocol_signed_at,
        "signed_by": person_name(session.protocol_signed_by) if session.protocol_signed_by else "",
        "posting_due": session.protocol_posting_due,
        "posted_at": session.protocol_posted_at,
        "posted_late": posted_late(session),
        "feedback": (
            {
                "held_on": feedback.held_on,
                "achievements": feedback.achievements,
                "skills": feedback.skills,
                "potential": feedback.potential,
                "recorded_by": person_name(feedback.recorded_by),
                "sector_head": person_name(feedback.sector_head) if feedback.sector_head else "",
            }
            if feedback is not None
            else None
        ),
    }
