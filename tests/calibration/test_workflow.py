"""The calibration application's and session's transition tables and the actions they open
(issue 9 item 1; seed 002 p.38, p.41-42)."""

from __future__ import annotations

import pytest

from bagalau.calibration.access import application_actions, session_actions
from bagalau.calibration.models import (
    APPLICATION_FLOW,
    SESSION_FLOW,
    ApplicationStatus,
    SessionStatus,
)

pytestmark = pytest.mark.django_db


def test_no_action_leads_to_the_legacy_rejection():
    targets = {step.target for step in APPLICATION_FLOW.steps.values()}
    assert ApplicationStatus.LEGACY_REJECTED not in targets
    rejected = ApplicationStatus.LEGACY_REJECTED
    assert APPLICATION_FLOW.actions(status=rejected, parts=["apparatus_head"]) == frozenset()


def test_every_session_status_is_in_the_table():
    assert set(SessionStatus.values) <= SESSION_FLOW.statuses


def test_the_head_decides_a_submitted_application_once(flow, people):
    flow.apply()
    assert application_actions(user=people.apparatus_head, obj=flow.application) == {"decide"}
    assert application_actions(user=people.hr_head, obj=flow.application) == frozenset()


def test_a_decided_application_opens_nothing(flow, people):
    flow.schedule()
    flow.application.refresh_from_db()
    assert application_actions(user=people.apparatus_head, obj=flow.application) == frozenset()


def test_a_scheduled_session_is_presented_or_its_participants_replaced(flow, people):
    flow.schedule()
    session = flow.session
    assert session_actions(user=people.evaluator, obj=session) == {"present"}
    assert session_actions(user=people.apparatus_head, obj=session) == {"replace"}
    assert session_actions(user=people.participant, obj=session) == frozenset()
    assert session_actions(user=people.outsider, obj=session) == frozenset()


def test_a_decided_session_is_signed_and_appealed(flow, people):
    session = flow.decide()
    session.refresh_from_db()
    assert session_actions(user=people.hr_head, obj=session) == {"sign", "appeal"}
    assert session_actions(user=people.hr_staff, obj=session) == {"appeal"}
    assert session_actions(user=people.participant, obj=session) == frozenset()
