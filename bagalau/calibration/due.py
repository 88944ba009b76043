"""Calibration's tasks for the reminders and the overdue board (notifications.due): applications
to decide (p.38), sessions to hold (p.39-40), protocols to post (p.41), feedback meetings
(p.42)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.calibration.models import Application, ApplicationStatus, Session, SessionStatus, Vote
from bagalau.evaluations.due import evaluation_task, evaluator_recipients
from bagalau.evaluations.models import Evaluation
from bagalau.notifications.due import (
    HR_SERVICE,
    DueSource,
    DueTask,
    Run,
    TaskKind,
    active_users,
    local_day,
    user_name,
)
from bagalau.org.models import Role

#: Working days after the protocol is signed by which the evaluator records the feedback meeting.
#: p.42 sets no term: this is the organisation's own target (settings).
FEEDBACK_WORKING_DAYS = 5


def feedback_working_days() -> int:
    """NOTIFICATION_FEEDBACK_WORKING_DAYS, else 5."""
    return max(
        1, int(getattr(settings, "NOTIFICATION_FEEDBACK_WORKING_DAYS", FEEDBACK_WORKING_DAYS))
    )


if TYPE_CHECKING:
    from bagalau.core.types import Account

KINDS = (
    TaskKind(
        "decision",
        _("Calibration applications to decide"),
        _("Decide (head of the apparatus)"),
    ),
    TaskKind(
        "session",
        _("Calibration sessions not held"),
        _("Present (evaluator) and vote (participants)"),
        notice=False,
    ),
    TaskKind(
        "protocol_post", _("Calibration protocols to post"), _("Post the protocol (HR service)")
    ),
    TaskKind(
        "feedback",
        _("Feedback meetings to record"),
        _("Hold and record the meeting (evaluator)"),
    ),
)


def _calibration_task(
    evaluation: Evaluation,
    kind: str,
    pk: int,
    due: dt.date,
    recipients: list[Account],
    who: str,
    url: str,
    **params: Any,
) -> DueTask:
    """A task on the calibration row `pk` (an application, a session) of `evaluation`, done on
    its page `url`, where the board leads too."""
    return evaluation_task(
        evaluation, kind, due, recipients, who, url, pk=pk, board_url=url, params=params
    )


_CASE = (
    "evaluation__servant__user__servant",
    "evaluation__evaluator__user__servant",
    "evaluation__assignment__position__unit",
    "evaluation__period__schedule",
)


def _decisions(run: Run) -> Iterator[DueTask]:
    """Applications the head of the apparatus has not decided (3 working days, p.38)."""
    applications = (
        Application.objects.filter(run.scope("evaluation__period__schedule__organisation"))
        .filter(status=ApplicationStatus.SUBMITTED)
        .select_related(*_CASE)
        .order_by("pk")
    )
    for application in applications:
        evaluation = application.evaluation
        heads = run.people.with_role(
            evaluation.period.schedule.organisation_id, Role.APPARATUS_HEAD
        )
        task = _calibration_task(
            evaluation,
            "decision",
            application.pk,
            application.decision_due,
            heads,
            ", ".join(user_name(user) for user in heads) or str(_("Head of the apparatus")),
            reverse("calibration:application", args=[application.pk]),
        )
        task.started = application.submitted_on
        yield task


def _scoped_sessions(run: Run) -> QuerySet[Session]:
    """The run's sessions, unordered."""
    return Session.objects.filter(
        run.scope("application__evaluation__period__schedule__organisation")
    ).order_by()


def _sessions(run: Run) -> QuerySet[Session]:
    return (
        _scoped_sessions(run)
        .select_related(*(f"application__{path}" for path in _CASE))
        .prefetch_related("participants__servant")
        .order_by("pk")
    )


def _held(run: Run) -> Iterator[DueTask]:
    """Sessions before their vote: participants are reminded the working day before; on the
    board once the day has passed (the evaluator has not presented, or votes are missing)."""
    for session in _sessions(run).filter(
        status__in=[SessionStatus.SCHEDULED, SessionStatus.PRESENTED]
    ):
        evaluation = session.application.evaluation
        day = timezone.localdate(session.scheduled_for)
        participants = sorted(session.participants.all(), key=lambda u: u.pk)
        evaluator = evaluation.evaluator.user if evaluation.evaluator is not None else None
        if session.status == SessionStatus.SCHEDULED:
            acting = [evaluator] if evaluator is not None else []
        else:
            voted = set(
                Vote.objects.filter(session=session, round=session.round).values_list(
                    "voter_id", flat=True
                )
            )
            acting = [user for user in participants if user.pk not in voted]
        url = reverse("calibration:session", args=[session.pk])
        task = _calibration_task(
            evaluation,
            "session",
            session.pk,
            day,
            active_users([*participants, evaluator]),
            ", ".join(user_name(user) for user in acting) or "—",
            url,
            when=f"{timezone.localtime(session.scheduled_for):%d.%m.%Y %H:%M}",
            place=session.place,
        )
        task.started = local_day(session.application.decided_at)
        task.remind_on = run.calendar.add_working_days(day, -1)
        task.remind_until = day - dt.timedelta(days=1)
        yield task


def _feedback_due(run: Run, signed: dt.date, days: int) -> dt.date:
    """The feedback meeting's date: `days` working days after the protocol's signature."""
    return run.calendar.add_working_days(signed, days)


def _protocols(run: Run) -> Iterator[DueTask]:
    """Signed protocols not posted (3 working days, p.41), and feedback meetings the evaluator
    has not recorded (p.42)."""
    days = feedback_working_days()
    for session in _sessions(run).filter(protocol_signed_at__isnull=False):
        evaluation = session.application.evaluation
        organisation_id = evaluation.period.schedule.organisation_id
        signed = local_day(session.protocol_signed_at)
        url = reverse("calibration:session", args=[session.pk])
        if session.protocol_posted_at is None and session.protocol_posting_due is not None:
            task = _calibration_task(
                evaluation,
                "protocol_post",
                session.pk,
                session.protocol_posting_due,
                run.people.hr_service(organisation_id),
                str(HR_SERVICE),
                url,
            )
            task.started = signed
            yield task
        if signed is not None and not hasattr(session, "feedback"):
            recipients, who = evaluator_recipients(evaluation)
            task = _calibration_task(
                evaluation,
                "feedback",
                session.pk,
                _feedback_due(run, signed, days),
                recipients,
                who,
                reverse("calibration:feedback", args=[session.pk]),
            )
            task.board_url = url
            task.started = signed
            yield task


# --- the same tasks counted in the database (the dashboard's overdue panel, issue 12 item 3) -----


def _decisions_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_decisions` past their date, counted."""
    applications = Application.objects.filter(
        run.scope("evaluation__period__schedule__organisation")
    ).filter(status=ApplicationStatus.SUBMITTED, decision_due__lt=today)
    return {"decision": applications.order_by().count()}


def _held_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_held`'s sessions whose local day has passed before the vote, counted."""
    sessions = _scoped_sessions(run).filter(
        status__in=[SessionStatus.SCHEDULED, SessionStatus.PRESENTED],
        scheduled_for__date__lt=today,
    )
    return {"session": sessions.count()}


def _protocols_overdue(run: Run, today: dt.date) -> dict[str, int]:
    """`_protocols` past their date, counted: the protocols to post by their own date, the
    feedback meetings per day of the protocol's signature, each day's date read once."""
    signed = _scoped_sessions(run).filter(protocol_signed_at__isnull=False)
    posts = signed.filter(protocol_posted_at__isnull=True, protocol_posting_due__lt=today)
    days = feedback_working_days()
    groups = (
        signed.filter(feedback__isnull=True)
        .annotate(day=TruncDate("protocol_signed_at"))
        .values_list("day")
        .annotate(count=Count("pk"))
    )
    meetings = sum(count for day, count in groups if _feedback_due(run, day, days) < today)
    return {"protocol_post": posts.count(), "feedback": meetings}


SOURCE = DueSource(
    key="calibration",
    kinds=KINDS,
    collectors=(_decisions, _held, _protocols),
    order=30,
    counters={_decisions: _decisions_overdue, _held: _held_overdue, _protocols: _protocols_overdue},
)
