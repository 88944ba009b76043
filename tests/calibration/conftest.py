"""A calibration case on the `world`, moved through its stages by the services.

a_staff1 (evaluatee) — differentiation, Q1 2026, evaluator a_head, score 3.80 (proper),
acknowledged Monday 13.04.2026 → may apply until 20.04.2026.
applies 14.04.2026 → decision due 17.04, session due 28.04.
the head orders the session for Tuesday 21.04.2026 10:00 with deputy, b_head, b_staff1.
a_staff2 is a servant of the organisation who takes no part.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.calibration import services
from bagalau.calibration.models import (
    Appeal,
    Application,
    FeedbackMeeting,
    ScoreChange,
    Session,
    Vote,
)
from bagalau.evaluations.models import Evaluation, EvaluationStatus, ServiceRecordEntry
from bagalau.notifications.models import Notification
from tests.factories import (
    AssignmentFactory,
    EvaluationFactory,
    PeriodFactory,
    PositionFactory,
    ScheduleFactory,
    ServantFactory,
    UserFactory,
)

ACKNOWLEDGED = dt.date(2026, 4, 13)
APPLY_DUE = dt.date(2026, 4, 20)
APPLIED = dt.date(2026, 4, 14)
SESSION_DAY = dt.date(2026, 4, 21)


def aware(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A Kazakhstan time on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def make_evaluation(world, **overrides) -> Evaluation:
    """An acknowledged Q1 2026 result of a_staff1 (evaluator a_head)."""
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    )
    values = {
        "period": period,
        "servant": world.a_staff1,
        "assignment": world.a_staff1_assignment,
        "evaluator": world.a_head,
        "status": EvaluationStatus.ACKNOWLEDGED,
        "score": D("3.80"),
        "rating": "proper",
        "acknowledged_at": aware(ACKNOWLEDGED),
        "calibration_due": APPLY_DUE,
        "signed_by": world.a_head_user,
        "signed_at": aware(dt.date(2026, 4, 10)),
    }
    values.update(overrides)
    return EvaluationFactory(**values)


def add_servants(world, count: int) -> list:
    """`count` more servants with a login in the Analytics department."""
    users = []
    for number in range(count):
        user = UserFactory(username=f"extra{number}")
        servant = ServantFactory(
            organisation=world.org, user=user, last_name=f"Қосымша{number}", patronymic=""
        )
        AssignmentFactory(
            servant=servant,
            position=PositionFactory(unit=world.unit_b, category="B-4"),
            start=dt.date(2024, 1, 1),
        )
        users.append(user)
    return users


def snapshot() -> dict:
    """Every calibration row, the evaluations' state, the service record, notifications and the
    audit rows that record a change (reads are audited too, and may happen on a refusal page)."""
    return {
        "applications": list(Application.objects.order_by("pk").values()),
        "sessions": list(Session.objects.order_by("pk").values()),
        "participants": list(
            Session.participants.through.objects.order_by("pk").values_list("session_id", "user_id")
        ),
        "votes": list(Vote.objects.order_by("pk").values()),
        "feedback": list(FeedbackMeeting.objects.order_by("pk").values()),
        "changes": list(ScoreChange.objects.order_by("pk").values()),
        "appeals": list(Appeal.objects.order_by("pk").values()),
        "evaluations": list(
            Evaluation.objects.order_by("pk").values(
                "pk", "status", "version", "final_score", "final_rating"
            )
        ),
        "record": list(ServiceRecordEntry.objects.order_by("pk").values()),
        "notifications": Notification.objects.count(),
        "writes": list(
            AuditEntry.objects.exclude(action__startswith="view")
            .order_by("pk")
            .values_list("action", "object_type", "object_id")
        ),
    }


class Flow:
    """Moves the case through its stages with the services, moving the clock as it goes."""

    def __init__(self, world, clock) -> None:
        self.world = world
        self.clock = clock
        self.evaluation = make_evaluation(world)
        self.participants = [world.deputy_user, world.b_head_user, world.b_staff1_user]

    def apply(self) -> Application:
        self.clock(APPLIED)
        self.application = services.calibration_apply(
            actor=self.world.a_staff1_user,
            evaluation_id=self.evaluation.pk,
            text="Тоқсандағы жетістіктерім ескерілмеді.",
        )
        return self.application

    def schedule(self, participants=None) -> Session:
        self.apply()
        self.clock(dt.date(2026, 4, 15))
        if participants is not None:
            self.participants = participants
        services.calibration_decide(
            actor=self.world.head_user,
            application_id=self.application.pk,
            participants=[user.pk for user in self.participants],
            scheduled_for=aware(SESSION_DAY),
            place="Мәжіліс залы",
        )
        self.session = Session.objects.get(application=self.application)
        return self.session

    def present(self, participants=None) -> Session:
        self.schedule(participants)
        self.clock(SESSION_DAY, 11)
        services.session_record_presentation(
            actor=self.world.a_head_user,
            session_id=self.session.pk,
            text="Қызметші міндеттерін тиісті түрде атқарды; бастамашылығы жеткіліксіз.",
        )
        self.session.refresh_from_db()
        return self.session

    def vote(self, user, choice: str, score=None, argument: str = "Дәлел.") -> Vote:
        return services.session_vote(
            actor=user,
            session_id=self.session.pk,
            choice=choice,
            score=score,
            argument=argument,
        )

    def decide(self, score=D("4.20")) -> Session:
        """Presented, then every participant votes `score` (raise above 3.80)."""
        self.present()
        for user in self.participants:
            self.vote(user, "raise", score)
        self.session.refresh_from_db()
        return self.session

    def sign(self, day: dt.date = dt.date(2026, 4, 22), score=D("4.20")) -> Session:
        self.decide(score)
        self.clock(day)
        services.protocol_sign(actor=self.world.hr_head_user, session_id=self.session.pk)
        self.session.refresh_from_db()
        self.evaluation.refresh_from_db()
        return self.session

    def post(self) -> Session:
        self.sign()
        self.clock(dt.date(2026, 4, 23))
        services.protocol_post(actor=self.world.hr_staff_user, session_id=self.session.pk)
        self.session.refresh_from_db()
        return self.session

    def feedback(self) -> FeedbackMeeting:
        self.post()
        self.clock(dt.date(2026, 4, 24))
        return services.feedback_record(
            actor=self.world.a_head_user,
            session_id=self.session.pk,
            held_on=dt.date(2026, 4, 24),
            achievements="Құжаттарды уақытында дайындады.",
            skills="Талдау дағдылары өсті.",
            potential="Бас сарапшы лауазымына дайын.",
        )

    def appeal(self) -> Appeal:
        self.feedback()
        self.clock(dt.date(2026, 4, 27))
        return services.appeal_record(
            actor=self.world.hr_staff_user,
            session_id=self.session.pk,
            filed_on=dt.date(2026, 4, 27),
            authority="Астана қаласының мамандандырылған ауданаралық әкімшілік соты",
        )


@pytest.fixture
def flow(world, clock) -> Flow:
    """The calibration case of this module's docstring."""
    return Flow(world, clock)


@pytest.fixture
def people(world) -> SimpleNamespace:
    """The users of the permission matrices by role in the case."""
    return SimpleNamespace(
        evaluatee=world.a_staff1_user,
        evaluator=world.a_head_user,
        participant=world.b_head_user,
        non_participant=world.a_staff2_user,
        hr_staff=world.hr_staff_user,
        hr_head=world.hr_head_user,
        apparatus_head=world.head_user,
        outsider=world.outsider_user,
    )
