"""The head of the apparatus decides to hold the session within 3 working days and approves its
participants — no rejection (p.38); the session is held within 10 working days of the
application, counted from the application whatever the head's lateness (p.39)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.calibration import services
from bagalau.calibration.models import ApplicationStatus, Session, SessionStatus
from bagalau.calibration.selectors import (
    decided_late,
    decision_overdue,
    latest_session_date,
    session_late,
)
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


def test_there_is_no_rejection_the_decision_orders_a_session(flow, world, clock):
    """p.38 "калибрлеу сессиясын өткізу туралы шешім қабылдайды және оның құрамын бекітеді": the
    decision without participants, date or place is refused, nothing is finalised."""
    flow.apply()
    clock(dt.date(2026, 4, 16))
    before = snapshot()
    with pytest.raises(TypeError):
        _decide(flow, accept=False)  # the service has no such choice
    with pytest.raises(DomainError) as caught:
        _decide(flow, participants=[], scheduled_for=None, comment="Негіз жоқ.")
    assert caught.value.field == "participants"
    assert snapshot() == before
    flow.evaluation.refresh_from_db()
    assert flow.evaluation.status == EvaluationStatus.CALIBRATION
    assert not ServiceRecordEntry.objects.filter(evaluation=flow.evaluation).exists()
    assert ApplicationStatus.values == ["submitted", "accepted", "rejected"]  # "rejected": history


def test_a_decision_on_day_5_still_orders_a_session_marked_late(flow, world, clock):
    """Applied Tue 14.04.2026: decision due Fri 17.04 (3 working days), session due Tue 28.04
    (10 working days). Decided on working day 5, Tue 21.04: accepted, a session, recorded late;
    the limit stays 28.04 (the old rule moved it to 30.04)."""
    flow.apply()
    today = dt.date(2026, 4, 21)
    clock(today)
    assert decision_overdue(flow.application, today)
    assert latest_session_date(flow.application, today) == dt.date(2026, 4, 28)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, scheduled_for=aware(dt.date(2026, 4, 30)))
    assert (caught.value.field, caught.value.message) == (
        "scheduled_for",
        "Hold the session by 28.04.2026 (10 working days from the application).",
    )
    assert snapshot() == before
    application = _decide(flow, scheduled_for=aware(dt.date(2026, 4, 28), 15))
    assert application.status == ApplicationStatus.ACCEPTED
    assert decided_late(application)
    assert not decision_overdue(application, today)
    session = Session.objects.get(application=application)
    assert not session_late(session)
    entry = AuditEntry.objects.get(action="decide")
    assert (entry.changes["late"], entry.changes["session_late"]) == ([None, True], [None, False])
    assert "calibration_accepted" in _kinds("a_staff1")


def test_after_the_limit_the_session_is_set_as_soon_as_possible_and_shown_late(flow, clock):
    """Decided on Wed 29.04.2026, the day after the 10 working days: the session goes on the
    next working day at the latest, Thu 30.04, and is shown late; Mon 04.05 (after the 1 May
    holiday) is refused."""
    flow.apply()
    today = dt.date(2026, 4, 29)
    clock(today)
    assert latest_session_date(flow.application, today) == dt.date(2026, 4, 30)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, scheduled_for=aware(dt.date(2026, 5, 4)))
    assert caught.value.message == (
        "The 10 working days from the application ended on 28.04.2026: hold the session as soon"
        " as possible, by 30.04.2026."
    )
    assert snapshot() == before
    application = _decide(flow, scheduled_for=aware(dt.date(2026, 4, 30)))
    session = Session.objects.get(application=application)
    assert decided_late(application)
    assert session_late(session)
    assert AuditEntry.objects.get(action="decide").changes["session_late"] == [None, True]


def test_the_limit_counts_working_days_over_the_may_holidays(flow, world, clock):
    """Applied Thu 30.04.2026, counted from the day after: 1 May (Fri) is a holiday, Mon 04.05
    (1), 05.05 (2), 06.05 (3) — decision due 06.05; 7 May (Defender of the Fatherland) is a
    holiday, 08.05 (4), Mon 11.05 is the day off for Victory Day (Sat 9 May), 12.05 (5) ...
    15.05 (8), 18.05 (9), 19.05 (10) — session due Tue 19.05."""
    flow.evaluation.acknowledged_at = aware(dt.date(2026, 4, 29))
    flow.evaluation.calibration_due = dt.date(2026, 5, 8)
    flow.evaluation.save()
    clock(dt.date(2026, 4, 30))
    flow.application = services.calibration_apply(
        actor=world.a_staff1_user, evaluation_id=flow.evaluation.pk, text="Келіспеймін."
    )
    assert (flow.application.decision_due, flow.application.session_due) == (
        dt.date(2026, 5, 6),
        dt.date(2026, 5, 19),
    )
    clock(dt.date(2026, 5, 8))  # the head is late (working day 4): the limit does not move
    assert latest_session_date(flow.application, dt.date(2026, 5, 8)) == dt.date(2026, 5, 19)
    with pytest.raises(DomainError, match="Hold the session by 19.05.2026"):
        _decide(flow, scheduled_for=aware(dt.date(2026, 5, 20)))
    application = _decide(flow, scheduled_for=aware(dt.date(2026, 5, 19)))
    assert decided_late(application)
    assert not session_late(Session.objects.get(application=application))


def test_only_one_decision(flow, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    _decide(flow)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _decide(flow, comment="Қайта шешім.")
    assert caught.value.field == "status"
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
