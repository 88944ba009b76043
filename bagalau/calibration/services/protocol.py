"""Calibration: the protocol, signed and posted (seed 002 p.41), and the feedback meeting after it
(p.42; SPEC §4.7).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.calibration.access import is_hr, is_hr_head
from bagalau.calibration.models import (
    SESSION_FLOW,
    FeedbackMeeting,
    ScoreChange,
    Session,
    SessionStatus,
)
from bagalau.calibration.selectors import local_date, organisation_of, posted_late, sector_heads
from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.access import is_evaluator
from bagalau.evaluations.services.common import evaluation_finalize
from bagalau.methodology.sjc2023 import protocol_posting_due, rate
from bagalau.notifications.services import notify
from bagalau.org.access import HR_ROLES
from bagalau.org.selectors import users_with_role, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User

from bagalau.calibration.services.common import (
    _case,
    _notify_each,
    _rules,
    _session_locked_for,
    _user_id,
)

# --- the protocol (p.41) -------------------------------------------------------------------------


def _not_again(done_at: dt.datetime | None, message: str) -> None:
    """Refuse (on "status") a protocol step taken once already, `message` naming the day it was
    taken as ``%(date)s`` (p.41: signed once, posted once)."""
    if done_at is not None:
        raise DomainError("status", message, date=day_text(local_date(done_at)))


def protocol_sign(*, actor: User, session_id: int) -> Session:
    """The head of HR signs the protocol: the adopted score and its rating become the final
    result and enter the service record; a change of score is kept as a ScoreChange. HR posts the
    protocol within 3 working days."""
    with transaction.atomic():
        session, evaluation = _session_locked_for(
            actor, session_id, is_hr_head, "Only the head of the HR service signs the protocol."
        )
        _not_again(session.protocol_signed_at, N_("The protocol was already signed on %(date)s."))
        if not SESSION_FLOW.is_open("sign", session.status) or session.final_score is None:
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
            params={**case, "due": day_text(due)},
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
        session, _evaluation = _session_locked_for(
            actor, session_id, is_hr, "Only the HR service posts the protocol."
        )
        _not_again(session.protocol_posted_at, N_("The protocol was already posted on %(date)s."))
        if not SESSION_FLOW.is_open("post", session.status):
            raise DomainError("status", N_("Only a signed protocol can be posted."))
        before = session.status
        session.protocol_posted_at = clock.now()
        if session.status == SessionStatus.SIGNED:  # a closed session stays closed
            session.status = SESSION_FLOW.target("post", session.status)
        session.save(update_fields=["protocol_posted_at", "status", "updated_at"])
        audit_log(
            actor=actor,
            action="post",
            obj=session,
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
        session, _evaluation = _session_locked_for(
            actor, session_id, is_evaluator, "Only the evaluator holds the feedback meeting."
        )
        if FeedbackMeeting.objects.filter(session=session).exists():
            raise DomainError("held_on", N_("The feedback meeting was already recorded."))
        if not SESSION_FLOW.is_open("feedback", session.status):
            raise DomainError(
                "held_on", N_("The feedback meeting is recorded once the protocol is signed.")
            )
        if held_on is None:
            raise DomainError("held_on", N_("Give the date of the meeting."))
        decided_on = local_date(session.decided_at)
        if held_on > clock.today():
            raise DomainError("held_on", N_("The meeting cannot be dated in the future."))
        if decided_on is not None and held_on < decided_on:
            raise DomainError(
                "held_on",
                N_("The meeting follows the session's decision of %(date)s."),
                date=day_text(decided_on),
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
        session.status = SESSION_FLOW.target("feedback", before)
        session.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=actor,
            action="create",
            obj=meeting,
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
            changes={"status": (before, SessionStatus.CLOSED)},
        )
    return meeting
