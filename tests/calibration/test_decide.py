"""The head of the apparatus decides within 3 working days and approves the participants; the
session is held within 10 working days of the application (p.38-39)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import ApplicationStatus, Session, SessionStatus
from bagalau.calibration.selectors import decided_late, decision_overdue, latest_session_date
from bagalau.calibration.services import calibration_decide
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, ServiceRecordEntry
from bagalau.notifications.models import Notification
from tests.calibration.conftest import SESSION_DAY, aware, snapshot
from tests.factories import UserFactory


def _decide(flow, **overrides):
    values = {
        "actor": flow.world.head_user,
        "application_id": flow.application.pk,
        "accept": True,
        "participants": [user.pk for user in flow.participants],
        "scheduled_for": aware(SESSION_DAY),
        "place": "Мәжіліс залы",
        "comment": "",
    }
    values.update(overrides)
    return calibration_decide(**values)


def _kinds(username):
    return set(
        Notification.objects.filter(recipient__username=username).values_list("kind", flat=True)
    )


def test_the_head_orders_the_session(flow, world, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    application = _decide(flow)
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decided_by == world.head_user
    assert not decided_late(application)
    session = Session.objects.get(application=application)
    assert session.status == SessionStatus.SCHEDULED
    assert session.scheduled_for == aware(SESSION_DAY)
    assert set(session.participants.all()) == set(flow.participants)
    assert "calibration_accepted" in _kinds("a_staff1")
    for username in ("deputy", "b_head", "b_staff1", "hr_staff", "hr_head"):
        assert "session_scheduled" in _kinds(username)
    assert "session_to_present" in _kinds("a_head")
    entry = AuditEntry.objects.get(action="decide")
    assert entry.changes["status"] == ["submitted", "accepted"]
    assert entry.changes["late"] == [None, False]
    assert sorted(entry.changes["participants"][1]) == sorted(u.pk for u in flow.participants)


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("evaluatee", "The servant who applied cannot be a participant of the session."),
        ("evaluator", "The evaluator presents the evaluation and does not vote"),
        ("outsider", "Participants are chosen among the servants of the organisation."),
        ("two", "Approve at least 3 participants."),
    ],
)
def test_participant_rules(flow, world, clock, who, message):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    chosen = {
        "evaluatee": [world.a_staff1_user, world.deputy_user, world.b_head_user],
        "evaluator": [world.a_head_user, world.deputy_user, world.b_head_user],
        "outsider": [world.outsider_user, world.deputy_user, world.b_head_user],
        "two": [world.deputy_user, world.b_head_user],
    }[who]
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, participants=[user.pk for user in chosen])
    assert caught.value.field == "participants"
    assert message in caught.value.message
    assert snapshot() == before


def test_a_user_of_another_organisation_cannot_take_part(flow, world, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    stranger = UserFactory(username="stranger")
    with pytest.raises(DomainError, match="servants of the organisation"):
        _decide(flow, participants=[stranger.pk, world.deputy_user.pk, world.b_head_user.pk])


def test_the_session_after_session_due_is_refused(flow, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, scheduled_for=aware(dt.date(2026, 4, 29)))
    assert caught.value.field == "scheduled_for"
    assert caught.value.message == (
        "Hold the session by 28.04.2026 (10 working days from the application)."
    )
    assert snapshot() == before
    _decide(flow, scheduled_for=aware(dt.date(2026, 4, 28), 15))  # the last day is allowed


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (aware(dt.date(2026, 4, 15), 9), "The session cannot be held in the past."),
        (aware(dt.date(2026, 4, 14), 15), "The session cannot be held in the past."),
        (aware(dt.date(2026, 4, 18)), "18.04.2026 is not a working day."),
        (None, "Set the date and time of the session."),
    ],
)
def test_the_session_date(flow, clock, moment, message):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, scheduled_for=moment)
    assert (caught.value.field, caught.value.message) == ("scheduled_for", message)
    assert snapshot() == before


def test_the_place_is_required(flow, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    with pytest.raises(DomainError) as caught:
        _decide(flow, place=" ")
    assert caught.value.field == "place"


def test_reject_needs_reasons_and_makes_the_evaluators_score_final(flow, world, clock):
    flow.apply()
    clock(dt.date(2026, 4, 16))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, accept=False)
    assert caught.value.field == "comment"
    assert snapshot() == before
    application = _decide(
        flow, accept=False, participants=[], scheduled_for=None, comment="Негіз жоқ."
    )
    assert application.status == ApplicationStatus.REJECTED
    assert not Session.objects.exists()
    flow.evaluation.refresh_from_db()
    assert (flow.evaluation.status, flow.evaluation.final_score, flow.evaluation.final_rating) == (
        EvaluationStatus.FINAL,
        D("3.80"),
        "proper",
    )
    entry = ServiceRecordEntry.objects.get(evaluation=flow.evaluation)
    assert (entry.score, entry.rating) == (D("3.80"), "proper")
    assert "calibration_rejected" in _kinds("a_staff1")
    assert "calibration_rejected_hr" in _kinds("hr_staff")
    assert AuditEntry.objects.filter(action="finalize").count() == 1


def test_a_late_decision_is_allowed_flagged_and_keeps_the_time_for_the_session(flow, clock):
    flow.apply()
    today = dt.date(2026, 4, 21)  # decision due 17.04: two working days late
    clock(today)
    assert decision_overdue(flow.application, today)
    assert latest_session_date(flow.application, today) == dt.date(2026, 4, 30)
    application = _decide(flow, scheduled_for=aware(dt.date(2026, 4, 30)))
    assert decided_late(application)
    assert not decision_overdue(application, today)
    assert AuditEntry.objects.get(action="decide").changes["late"] == [None, True]


def test_only_one_decision(flow, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    _decide(flow)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, accept=False, comment="Қайта шешім.")
    assert caught.value.field == "accept"
    assert snapshot() == before


def test_only_the_head_of_the_apparatus_decides(flow, world, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    before = snapshot()
    for user in (
        world.a_staff1_user,
        world.a_head_user,
        world.hr_staff_user,
        world.hr_head_user,
    ):
        with pytest.raises(PermissionDenied):
            _decide(flow, actor=user)
    for user in (world.a_staff2_user, world.outsider_user, world.deputy_user):
        with pytest.raises(Http404):
            _decide(flow, actor=user)
    assert snapshot() == before
