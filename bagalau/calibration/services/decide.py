"""Calibration: the servant's application (seed 002 p.12), the head's decision and the session it
appoints (p.38-39), replacing a participant before the session (SPEC §4.7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.calibration.access import application_get_for, is_apparatus_head
from bagalau.calibration.models import (
    APPLICATION_FLOW,
    SESSION_FLOW,
    Application,
    ApplicationStatus,
    Session,
    SessionStatus,
)
from bagalau.calibration.selectors import (
    APPLYING_STATUSES,
    application_due,
    latest_session_date,
    local_date,
    organisation_of,
    participant_candidates,
    person_name,
    rules_for,
    session_limit_passed,
)
from bagalau.core import clock
from bagalau.core.concurrency import update_versioned
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.access import evaluations_visible_to, is_evaluatee
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.methodology.sjc2023 import (
    Sjc2023Rules,
    calibration_decision_due,
    calibration_session_due,
)
from bagalau.notifications.services import notify
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Role
from bagalau.org.selectors import users_with_role, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User

from bagalau.calibration.services.common import (
    _call_to_vote,
    _case,
    _notify_each,
    _rules,
    _session_locked_for,
    _session_notice,
    _user_id,
)

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
                date=day_text(existing.submitted_on),
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
                date=day_text(due),
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
            changes={
                "status": (evaluation.status, EvaluationStatus.CALIBRATION),
                "version": (evaluation.version, evaluation.version + 1),
            },
        )
        organisation = organisation_of(evaluation)
        _notify_each(
            users_with_role(organisation, Role.APPARATUS_HEAD, *HR_ROLES),
            kind="calibration_applied",
            params={**_case(evaluation), "due": day_text(application.decision_due)},
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
        raise DomainError("scheduled_for", N_("%(date)s is not a working day."), date=day_text(day))
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
            due=day_text(application.session_due),
            date=day_text(latest),
        )
    if day > latest:
        raise DomainError(
            "scheduled_for",
            N_("Hold the session by %(date)s (%(days)s working days from the application)."),
            date=day_text(latest),
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
        visible = application_get_for(user=actor, id=application_id)
        if not is_apparatus_head(actor, visible.evaluation):
            raise PermissionDenied("Only the head of the apparatus decides on calibration.")
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("evaluation__servant", "evaluation__evaluator", "evaluation__period")
            .get(pk=application_id)
        )
        if not APPLICATION_FLOW.is_open("decide", application.status):
            raise DomainError(
                "status",
                N_("The application was already decided on %(date)s."),
                date=day_text(local_date(application.decided_at)),
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
        audit_log(actor=actor, action="create", obj=session)
        _notify_decision(application, session)
    return application


def _notify_decision(application: Application, session: Session) -> None:
    evaluation = application.evaluation
    hr = users_with_role(organisation_of(evaluation), *HR_ROLES)
    key = f"calibration-decided-{application.pk}"
    url = reverse("calibration:session", args=[session.pk])
    when = _session_notice(evaluation, session)
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
        session, evaluation = _session_locked_for(
            actor,
            session_id,
            is_apparatus_head,
            "Only the head of the apparatus changes the participants.",
        )
        if not SESSION_FLOW.is_open("replace", session.status):
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
            changes={"participants": (before, after)},
        )
        url = reverse("calibration:session", args=[session.pk])
        notify(
            recipient=newcomer,
            kind="session_scheduled",
            params=_session_notice(evaluation, session),
            url=url,
            dedupe_key=f"calibration-joined-{session.pk}",
        )
        if session.status == SessionStatus.PRESENTED:
            _call_to_vote([newcomer], session, evaluation, kind="session_to_vote")
    return session
