"""Calibration: the application, the head's decision, the session and its votes, the protocol,
the feedback meeting and appeals (seed 002 p.12-13, p.37-42; SPEC §4.7).

Every service checks who may act (Http404 when the actor may not even see the case,
PermissionDenied when they may see it but not do this), validates the rules (DomainError naming
the field), writes in one transaction with its audit rows, and notifies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.calibration.access import (
    application_get_for,
    is_apparatus_head,
    is_hr,
    is_hr_head,
    is_participant,
    session_get_for,
)
from bagalau.calibration.models import (
    Appeal,
    AppealOutcome,
    Application,
    ApplicationStatus,
    FeedbackMeeting,
    ScoreChange,
    Session,
    SessionStatus,
    Vote,
    VoteChoice,
)
from bagalau.calibration.selectors import (
    APPLYING_STATUSES,
    HR_ROLES,
    application_due,
    latest_session_date,
    local_date,
    majority_score,
    organisation_of,
    participant_candidates,
    person_name,
    posted_late,
    rules_for,
    sector_heads,
    session_limit_passed,
)
from bagalau.core import bounds, clock
from bagalau.core.concurrency import update_versioned
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.access import evaluations_visible_to, is_evaluatee, is_evaluator
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.services.common import evaluation_finalize
from bagalau.methodology import MethodologyError
from bagalau.methodology.sjc2023 import (
    Sjc2023Rules,
    calibration_decision_due,
    calibration_session_due,
    protocol_posting_due,
    rate,
    round_quorum,
)
from bagalau.notifications.services import notify
from bagalau.org.models import Role
from bagalau.org.selectors import users_with_role, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User


def _day(value: dt.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value is not None else ""


def _moment(value: dt.datetime) -> str:
    return f"{timezone.localtime(value):%d.%m.%Y %H:%M}"


def _rules(evaluation: Evaluation) -> Sjc2023Rules:
    try:
        return rules_for(evaluation)
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "evaluation") from error


def _notify_each(
    users: Iterable[Any], *, kind: str, params: dict[str, Any], url: str, key: str
) -> None:
    for user in users:
        notify(recipient=user, kind=kind, params=params, url=url, dedupe_key=key)


def _case(evaluation: Evaluation) -> dict[str, Any]:
    return {"servant": evaluation.servant.full_name, "period": evaluation.period}


def _lock_session(session_id: int) -> Session:
    return Session.objects.select_for_update(of=("self",)).get(pk=session_id)


# --- the application (p.12) ----------------------------------------------------------------------


def calibration_apply(*, actor: User, evaluation_id: int, text: str) -> Application:
    """The servant applies for a calibration session within 5 working days of familiarisation
    (p.12); the head of the apparatus and HR are told."""
    with transaction.atomic():
        visible = evaluations_visible_to(actor).filter(pk=evaluation_id).first()
        if visible is None:
            raise Http404("No such evaluation.")
        if not is_evaluatee(actor, visible):
            raise PermissionDenied("Only the servant evaluated may apply for calibration.")
        evaluation = (
            Evaluation.objects.select_for_update(of=("self",))
            .select_related("servant", "period__schedule__organisation")
            .get(pk=evaluation_id)
        )
        existing = Application.objects.filter(evaluation=evaluation).first()
        if existing is not None:
            raise DomainError(
                "evaluation",
                N_("You already applied for calibration of this result on %(date)s."),
                date=_day(existing.submitted_on),
            )
        if evaluation.status not in APPLYING_STATUSES:
            raise DomainError(
                "evaluation",
                N_("Only a result shown to you can be calibrated (this one is: %(status)s)."),
                status=evaluation.get_status_display(),
            )
        rules = _rules(evaluation)
        today = clock.today()
        due = application_due(evaluation)
        if due is None:
            raise DomainError("evaluation", N_("The result has not been shown to you yet."))
        if today > due:
            raise DomainError(
                "evaluation",
                N_("The %(days)s working days to apply ended on %(date)s."),
                days=rules.deadlines.calibration_application,
                date=_day(due),
            )
        text = (text or "").strip()
        if not text:
            raise DomainError("text", N_("Write why you disagree with the result."))
        calendar = work_calendar()
        application = Application.objects.create(
            evaluation=evaluation,
            text=text,
            submitted_by=account(actor),
            submitted_on=today,
            decision_due=calibration_decision_due(rules, calendar, today),
            session_due=calibration_session_due(rules, calendar, today),
        )
        update_versioned(
            Evaluation.objects.all(),
            evaluation.pk,
            evaluation.version,
            N_("The evaluation changed meanwhile; try again."),
            field="evaluation",
            values={"status": EvaluationStatus.CALIBRATION},
        )
        audit_log(
            actor=actor,
            action="apply",
            obj=application,
            summary=str(application),
            changes={
                "text": ("", text),
                "submitted_on": (None, today),
                "decision_due": (None, application.decision_due),
                "session_due": (None, application.session_due),
            },
        )
        audit_log(
            actor=actor,
            action="update",
            obj=evaluation,
            summary=str(evaluation),
            changes={
                "status": (evaluation.status, EvaluationStatus.CALIBRATION),
                "version": (evaluation.version, evaluation.version + 1),
            },
        )
        organisation = organisation_of(evaluation)
        _notify_each(
            users_with_role(organisation, Role.APPARATUS_HEAD, *HR_ROLES),
            kind="calibration_applied",
            params={**_case(evaluation), "due": _day(application.decision_due)},
            url=reverse("calibration:application", args=[application.pk]),
            key=f"calibration-applied-{application.pk}",
        )
    return application


# --- the head's decision (p.38-39) ---------------------------------------------------------------


def _approved_participants(application: Application, participants: Iterable[Any]) -> list[Any]:
    wanted = {int(getattr(item, "pk", item)) for item in participants}
    evaluation = application.evaluation
    if evaluation.servant.user_id in wanted:
        raise DomainError(
            "participants", N_("The servant who applied cannot be a participant of the session.")
        )
    if evaluation.evaluator is not None and evaluation.evaluator.user_id in wanted:
        raise DomainError(
            "participants",
            N_("The evaluator presents the evaluation and does not vote: choose someone else."),
        )
    users = list(participant_candidates(application).filter(pk__in=wanted))
    if len(users) != len(wanted):
        raise DomainError(
            "participants", N_("Participants are chosen among the servants of the organisation.")
        )
    minimum = rules_for(evaluation).calibration_min_participants
    if len(users) < minimum:
        raise DomainError(
            "participants", N_("Approve at least %(count)s participants."), count=minimum
        )
    return users


def _session_moment(
    application: Application, scheduled_for: dt.datetime | None, rules: Sjc2023Rules
) -> dt.datetime:
    if scheduled_for is None:
        raise DomainError("scheduled_for", N_("Set the date and time of the session."))
    if timezone.is_naive(scheduled_for):
        scheduled_for = timezone.make_aware(scheduled_for)
    if scheduled_for < clock.now():
        raise DomainError("scheduled_for", N_("The session cannot be held in the past."))
    day = timezone.localdate(scheduled_for)
    if not work_calendar().is_working_day(day):
        raise DomainError("scheduled_for", N_("%(date)s is not a working day."), date=_day(day))
    today = clock.today()
    latest = latest_session_date(application, today)
    if day > latest and session_limit_passed(application, today):
        raise DomainError(
            "scheduled_for",
            N_(
                "The %(days)s working days from the application ended on %(due)s: hold the"
                " session as soon as possible, by %(date)s."
            ),
            days=rules.deadlines.calibration_session,
            due=_day(application.session_due),
            date=_day(latest),
        )
    if day > latest:
        raise DomainError(
            "scheduled_for",
            N_("Hold the session by %(date)s (%(days)s working days from the application)."),
            date=_day(latest),
            days=rules.deadlines.calibration_session,
        )
    return scheduled_for


def calibration_decide(
    *,
    actor: User,
    application_id: int,
    participants: Iterable[Any] = (),
    scheduled_for: dt.datetime | None = None,
    place: str = "",
    comment: str = "",
) -> Application:
    """The head of the apparatus "калибрлеу сессиясын өткізу туралы шешім қабылдайды және оның
    құрамын бекітеді" (seed 002 p.38): an application made in time leads to a session, and the
    decision approves its participants, date and place — the text gives no rejection. A decision
    after the 3 working days is accepted and recorded as late; the session stays within the 10
    working days of the application (p.39, `latest_session_date`)."""
    with transaction.atomic():
        visible = application_get_for(actor, application_id)
        if not is_apparatus_head(actor, visible.evaluation):
            raise PermissionDenied("Only the head of the apparatus decides on calibration.")
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("evaluation__servant", "evaluation__evaluator", "evaluation__period")
            .get(pk=application_id)
        )
        if application.status != ApplicationStatus.SUBMITTED:
            raise DomainError(
                "status",
                N_("The application was already decided on %(date)s."),
                date=_day(local_date(application.decided_at)),
            )
        evaluation = application.evaluation
        rules = _rules(evaluation)
        now, today = clock.now(), clock.today()
        comment = (comment or "").strip()
        place = (place or "").strip()
        late = today > application.decision_due
        users = _approved_participants(application, participants)
        moment = _session_moment(application, scheduled_for, rules)
        if not place:
            raise DomainError("place", N_("Say where the session is held."))
        session = Session.objects.create(application=application, scheduled_for=moment, place=place)
        session.participants.set(users)
        application.status = ApplicationStatus.ACCEPTED
        application.decided_by = account(actor)
        application.decided_at = now
        application.decision_comment = comment
        application.save()
        audit_log(
            actor=actor,
            action="decide",
            obj=application,
            summary=str(application),
            changes={
                "participants": ([], sorted(user.pk for user in users)),
                "scheduled_for": (None, moment),
                "place": ("", place),
                "status": (ApplicationStatus.SUBMITTED, application.status),
                "decided_at": (None, now),
                "decision_comment": ("", comment),
                "late": (None, late),
                "session_late": (None, timezone.localdate(moment) > application.session_due),
            },
        )
        audit_log(actor=actor, action="create", obj=session, summary=str(session))
        _notify_decision(application, session)
    return application


def _notify_decision(application: Application, session: Session) -> None:
    evaluation = application.evaluation
    case = _case(evaluation)
    hr = users_with_role(organisation_of(evaluation), *HR_ROLES)
    key = f"calibration-decided-{application.pk}"
    url = reverse("calibration:session", args=[session.pk])
    when = {**case, "when": _moment(session.scheduled_for), "place": session.place}
    notify(
        recipient=evaluation.servant,
        kind="calibration_accepted",
        params=when,
        url=url,
        dedupe_key=key,
    )
    _notify_each(
        session.participants.all(), kind="session_scheduled", params=when, url=url, key=key
    )
    _notify_each(hr, kind="session_scheduled", params=when, url=url, key=key)
    if evaluation.evaluator is not None:
        notify(
            recipient=evaluation.evaluator,
            kind="session_to_present",
            params=when,
            url=url,
            dedupe_key=key,
        )


def session_replace_participant(
    *, actor: User, session_id: int, leaving: Any, joining: Any
) -> Session:
    """The head of the apparatus, who approved the participants (p.38), replaces one who cannot
    take part (illness, leave, a business trip) before the final score is adopted and before
    they vote in the round under way; the votes of earlier rounds stay in the protocol. The
    newcomer is told of the session."""
    with transaction.atomic():
        visible = session_get_for(actor, session_id)
        evaluation = visible.application.evaluation
        if not is_apparatus_head(actor, evaluation):
            raise PermissionDenied("Only the head of the apparatus changes the participants.")
        session = _lock_session(session_id)
        if session.status not in (SessionStatus.SCHEDULED, SessionStatus.PRESENTED):
            raise DomainError("leaving", N_("The session has already adopted the final score."))
        members = {user.pk: user for user in session.participants.all()}
        leaving_id, joining_id = _user_id(leaving, "leaving"), _user_id(joining, "joining")
        if leaving_id not in members:
            raise DomainError("leaving", N_("Choose a participant of the session to replace."))
        if session.votes.filter(round=session.round, voter_id=leaving_id).exists():
            raise DomainError(
                "leaving",
                N_("%(name)s has already voted in round %(round)s: the vote stands."),
                name=person_name(members[leaving_id]),
                round=session.round,
            )
        if joining_id in members:
            raise DomainError(
                "joining",
                N_("%(name)s is already a participant."),
                name=person_name(members[joining_id]),
            )
        newcomer = participant_candidates(session.application).filter(pk=joining_id).first()
        if newcomer is None:
            raise DomainError(
                "joining", N_("Participants are chosen among the servants of the organisation.")
            )
        before = sorted(members)
        session.participants.remove(leaving_id)
        session.participants.add(newcomer)
        session.save(update_fields=["updated_at"])
        after = sorted(session.participants.values_list("pk", flat=True))
        audit_log(
            actor=actor,
            action="replace_participant",
            obj=session,
            summary=str(session),
            changes={"participants": (before, after)},
        )
        url = reverse("calibration:session", args=[session.pk])
        notify(
            recipient=newcomer,
            kind="session_scheduled",
            params={
                **_case(evaluation),
                "when": _moment(session.scheduled_for),
                "place": session.place,
            },
            url=url,
            dedupe_key=f"calibration-joined-{session.pk}",
        )
        if session.status == SessionStatus.PRESENTED:
            notify(
                recipient=newcomer,
                kind="session_to_vote",
                params={**_case(evaluation), "round": session.round},
                url=url,
                dedupe_key=f"calibration-vote-{session.pk}-{session.round}",
            )
    return session


def _user_id(value: Any, field: str) -> int:
    try:
        return int(getattr(value, "pk", value))
    except (TypeError, ValueError) as error:
        raise DomainError(field, N_("Choose a person from the list.")) from error


# --- the session (p.41) --------------------------------------------------------------------------


def session_record_presentation(*, actor: User, session_id: int, text: str) -> Session:
    """The evaluator's account of the servant's work and the reasons for the score, recorded at
    the session; it may be corrected until the first vote."""
    with transaction.atomic():
        visible = session_get_for(actor, session_id)
        if not is_evaluator(actor, visible.application.evaluation):
            raise PermissionDenied("Only the evaluator presents the evaluation.")
        session = _lock_session(session_id)
        if session.status not in (SessionStatus.SCHEDULED, SessionStatus.PRESENTED) or (
            session.votes.exists()
        ):
            raise DomainError(
                "text", N_("Voting has begun: the presentation can no longer be changed.")
            )
        held_on = timezone.localdate(session.scheduled_for)
        if clock.today() < held_on:
            raise DomainError(
                "text",
                N_("The presentation is recorded at the session, on %(date)s."),
                date=_day(held_on),
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
            summary=str(session),
            changes={key: (value, getattr(session, key)) for key, value in before.items()},
        )
        evaluation = visible.application.evaluation
        _notify_each(
            session.participants.all(),
            kind="session_to_vote",
            params={**_case(evaluation), "round": session.round},
            url=reverse("calibration:session", args=[session.pk]),
            key=f"calibration-vote-{session.pk}-{session.round}",
        )
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
        visible = session_get_for(actor, session_id)
        if not is_participant(actor, visible):
            raise PermissionDenied("Only the session's participants vote.")
        session = _lock_session(session_id)
        if session.status == SessionStatus.SCHEDULED:
            raise DomainError("choice", N_("Voting opens after the evaluator's presentation."))
        if session.status != SessionStatus.PRESENTED:
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


def _close_round_when_complete(actor: User, session: Session, evaluation: Evaluation) -> None:
    cast = list(session.votes.filter(round=session.round).values_list("score", flat=True))
    if len(cast) < session.participants.count():
        return
    _close_round(actor, session, evaluation, cast)


def session_close_round(*, actor: User, session_id: int) -> Session:
    """The head of HR closes the round under way with the votes cast when some participants do
    not vote (absent from the session), once more than half of them have voted (our decision,
    SPEC §4.7): a score with more than half of the votes cast is adopted, otherwise the next
    round opens, where everybody may vote again. The protocol shows who voted in each round."""
    with transaction.atomic():
        visible = session_get_for(actor, session_id)
        evaluation = visible.application.evaluation
        if not is_hr_head(actor, evaluation):
            raise PermissionDenied("Only the head of HR closes a round.")
        session = _lock_session(session_id)
        if session.status != SessionStatus.PRESENTED:
            raise DomainError("round", N_("No voting round is under way."))
        cast = list(session.votes.filter(round=session.round).values_list("score", flat=True))
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
            summary=str(session),
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
        summary=str(session),
        changes={"round": (session.round - 1, session.round)},
    )
    _notify_each(
        session.participants.all(),
        kind="session_new_round",
        params={**_case(evaluation), "round": session.round},
        url=url,
        key=f"calibration-vote-{session.pk}-{session.round}",
    )


# --- the protocol (p.41) -------------------------------------------------------------------------


def protocol_sign(*, actor: User, session_id: int) -> Session:
    """The head of HR signs the protocol: the adopted score and its rating become the final
    result and enter the service record; a change of score is kept as a ScoreChange. HR posts the
    protocol within 3 working days."""
    with transaction.atomic():
        visible = session_get_for(actor, session_id)
        evaluation = visible.application.evaluation
        if not is_hr_head(actor, evaluation):
            raise PermissionDenied("Only the head of the HR service signs the protocol.")
        session = _lock_session(session_id)
        if session.protocol_signed_at is not None:
            raise DomainError(
                "status",
                N_("The protocol was already signed on %(date)s."),
                date=_day(local_date(session.protocol_signed_at)),
            )
        if session.status != SessionStatus.DECIDED or session.final_score is None:
            raise DomainError(
                "status", N_("The protocol is signed once the session has adopted a final score.")
            )
        rules = _rules(evaluation)
        today = clock.today()
        final_score = session.final_score
        final_rating = rate(rules, final_score).code
        due = protocol_posting_due(rules, work_calendar(), today)
        session.protocol_signed_by = account(actor)
        session.protocol_signed_at = clock.now()
        session.protocol_posting_due = due
        session.status = SessionStatus.SIGNED
        session.save()
        audit_log(
            actor=actor,
            action="sign",
            obj=session,
            summary=str(session),
            changes={
                "status": (SessionStatus.DECIDED, SessionStatus.SIGNED),
                "protocol_signed_at": (None, session.protocol_signed_at),
                "protocol_posting_due": (None, due),
            },
        )
        old_score, old_rating = evaluation.score, evaluation.rating
        evaluation_finalize(
            actor=actor, evaluation=evaluation, final_score=final_score, final_rating=final_rating
        )
        if old_score is not None and (old_score, old_rating) != (final_score, final_rating):
            change = ScoreChange.objects.create(
                evaluation=evaluation,
                session=session,
                old_score=old_score,
                new_score=final_score,
                old_rating=old_rating,
                new_rating=final_rating,
            )
            audit_log(
                actor=actor,
                action="create",
                obj=change,
                summary=str(change),
                changes={
                    "score": (old_score, final_score),
                    "rating": (old_rating, final_rating),
                },
            )
        url = reverse("calibration:session", args=[session.pk])
        case = _case(evaluation)
        notify(
            recipient=evaluation.servant,
            kind="calibration_final",
            params=case,  # no score in a notification: it is a result
            url=url,
            dedupe_key=f"calibration-final-{session.pk}",
        )
        _notify_each(
            users_with_role(organisation_of(evaluation), *HR_ROLES),
            kind="protocol_to_post",
            params={**case, "due": _day(due)},
            url=url,
            key=f"calibration-post-{session.pk}",
        )
        if evaluation.evaluator is not None:
            notify(
                recipient=evaluation.evaluator,
                kind="feedback_to_hold",
                params=case,
                url=url,
                dedupe_key=f"calibration-feedback-{session.pk}",
            )
    return session


def protocol_post(*, actor: User, session_id: int) -> Session:
    """HR records that the signed protocol was posted (p.41: within 3 working days of signing;
    a later posting is recorded and shown as late)."""
    with transaction.atomic():
        visible = session_get_for(actor, session_id)
        if not is_hr(actor, visible.application.evaluation):
            raise PermissionDenied("Only the HR service posts the protocol.")
        session = _lock_session(session_id)
        if session.protocol_signed_at is None:
            raise DomainError("status", N_("Only a signed protocol can be posted."))
        if session.protocol_posted_at is not None:
            raise DomainError(
                "status",
                N_("The protocol was already posted on %(date)s."),
                date=_day(local_date(session.protocol_posted_at)),
            )
        before = session.status
        session.protocol_posted_at = clock.now()
        if session.status == SessionStatus.SIGNED:
            session.status = SessionStatus.POSTED
        session.save(update_fields=["protocol_posted_at", "status", "updated_at"])
        audit_log(
            actor=actor,
            action="post",
            obj=session,
            summary=str(session),
            changes={
                "protocol_posted_at": (None, session.protocol_posted_at),
                "status": (before, session.status),
                "late": (None, posted_late(session)),
            },
        )
    return session


# --- the feedback meeting (p.42) -----------------------------------------------------------------


def feedback_record(
    *,
    actor: User,
    session_id: int,
    held_on: dt.date | None,
    achievements: str,
    skills: str,
    potential: str,
    sector_head: Any = None,
) -> FeedbackMeeting:
    """The evaluator records the meeting with the servant after the session: achievements in the
    period, skills and competencies, potential and career goals — all three (p.42) — and the
    head of the HR service when they took part ("қажет болған жағдайда басшы мен қызметкердің
    кездесуіне қатысу", p.19(3)): one of the organisation's heads of HR, or nobody."""
    with transaction.atomic():
        visible = session_get_for(actor, session_id)
        if not is_evaluator(actor, visible.application.evaluation):
            raise PermissionDenied("Only the evaluator holds the feedback meeting.")
        session = _lock_session(session_id)
        if session.protocol_signed_at is None:
            raise DomainError(
                "held_on", N_("The feedback meeting is recorded once the protocol is signed.")
            )
        if FeedbackMeeting.objects.filter(session=session).exists():
            raise DomainError("held_on", N_("The feedback meeting was already recorded."))
        if held_on is None:
            raise DomainError("held_on", N_("Give the date of the meeting."))
        decided_on = local_date(session.decided_at)
        if held_on > clock.today():
            raise DomainError("held_on", N_("The meeting cannot be dated in the future."))
        if decided_on is not None and held_on < decided_on:
            raise DomainError(
                "held_on",
                N_("The meeting follows the session's decision of %(date)s."),
                date=_day(decided_on),
            )
        topics = {
            "achievements": (achievements or "").strip(),
            "skills": (skills or "").strip(),
            "potential": (potential or "").strip(),
        }
        for name, value in topics.items():
            if not value:
                raise DomainError(name, N_("Record what was discussed on this topic (p.42)."))
        head = None
        if sector_head not in (None, ""):
            head_id = _user_id(sector_head, "sector_head")
            head = sector_heads(session.application).filter(pk=head_id).first()
            if head is None:
                raise DomainError(
                    "sector_head",
                    N_("Choose the head of the HR service of the organisation, or nobody."),
                )
        meeting = FeedbackMeeting.objects.create(
            session=session, held_on=held_on, recorded_by=account(actor), sector_head=head, **topics
        )
        before = session.status
        session.status = SessionStatus.CLOSED
        session.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=actor,
            action="create",
            obj=meeting,
            summary=str(meeting),
            changes={
                "held_on": (None, held_on),
                "sector_head": (None, head.pk if head is not None else None),
                **{k: ("", v) for k, v in topics.items()},
            },
        )
        audit_log(
            actor=actor,
            action="close",
            obj=session,
            summary=str(session),
            changes={"status": (before, SessionStatus.CLOSED)},
        )
    return meeting


# --- appeals (p.13) ------------------------------------------------------------------------------


def _check_outcome_on(outcome_on: dt.date | None, filed_on: dt.date) -> dt.date:
    if outcome_on is None:
        raise DomainError("outcome_on", N_("Give the date of the outcome."))
    if outcome_on > clock.today():
        raise DomainError("outcome_on", N_("The outcome cannot be dated in the future."))
    if outcome_on < filed_on:
        raise DomainError(
            "outcome_on",
            N_("The outcome cannot precede the appeal of %(date)s."),
            date=_day(filed_on),
        )
    return outcome_on


def appeal_record(
    *,
    actor: User,
    session_id: int,
    filed_on: dt.date | None,
    authority: str,
    note: str = "",
) -> Appeal:
    """HR records an appeal against the session's decision under the Administrative Procedural
    Code (p.13). Its outcome is decided outside the system and does not change the score."""
    with transaction.atomic():
        visible = session_get_for(actor, session_id)
        if not is_hr(actor, visible.application.evaluation):
            raise PermissionDenied("Only the HR service records appeals.")
        session = _lock_session(session_id)
        decided_on = local_date(session.decided_at)
        if decided_on is None:
            raise DomainError("filed_on", N_("Only a decision of the session can be appealed."))
        if filed_on is None:
            raise DomainError("filed_on", N_("Give the date the appeal was filed."))
        if filed_on > clock.today():
            raise DomainError("filed_on", N_("The appeal cannot be dated in the future."))
        if filed_on < decided_on:
            raise DomainError(
                "filed_on",
                N_("The appeal cannot precede the session's decision of %(date)s."),
                date=_day(decided_on),
            )
        authority = (authority or "").strip()
        if not authority:
            raise DomainError("authority", N_("Name the body or court the appeal went to."))
        appeal = Appeal.objects.create(
            session=session,
            filed_on=filed_on,
            authority=authority,
            note=(note or "").strip(),
            recorded_by=account(actor),
        )
        audit_log(
            actor=actor,
            action="create",
            obj=appeal,
            summary=str(appeal),
            changes={
                "filed_on": (None, filed_on),
                "authority": ("", authority),
                "outcome": (None, appeal.outcome),
                "note": ("", appeal.note),
            },
        )
    return appeal


def appeal_update_outcome(
    *,
    actor: User,
    appeal_id: int,
    outcome: str,
    outcome_on: dt.date | None = None,
    note: str | None = None,
) -> Appeal:
    """HR records the outcome of an appeal (pending, upheld, overturned, withdrawn). A decision
    overturned outside the system is recorded here; a revised result follows its own procedure."""
    with transaction.atomic():
        found = Appeal.objects.filter(pk=appeal_id).values_list("session_id", flat=True).first()
        if found is None:
            raise Http404("No such appeal.")
        visible = session_get_for(actor, found)
        if not is_hr(actor, visible.application.evaluation):
            raise PermissionDenied("Only the HR service records appeals.")
        appeal = Appeal.objects.select_for_update(of=("self",)).get(pk=appeal_id)
        if outcome not in AppealOutcome.values:
            raise DomainError("outcome", N_("Choose the outcome of the appeal."))
        updates: dict[str, Any] = {"outcome": outcome}
        if outcome == AppealOutcome.PENDING:
            updates["outcome_on"] = None
        else:
            updates["outcome_on"] = _check_outcome_on(outcome_on, appeal.filed_on)
        if note is not None:
            updates["note"] = note.strip()
        changes = {
            key: (getattr(appeal, key), value)
            for key, value in updates.items()
            if getattr(appeal, key) != value
        }
        for key, value in updates.items():
            setattr(appeal, key, value)
        appeal.save()
        audit_log(
            actor=actor,
            action="update",
            obj=appeal,
            summary=str(appeal),
            changes=changes,
        )
    return appeal


__all__ = [
    "appeal_record",
    "appeal_update_outcome",
    "calibration_apply",
    "calibration_decide",
    "feedback_record",
    "protocol_post",
    "protocol_sign",
    "session_record_presentation",
    "session_vote",
]
