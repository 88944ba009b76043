"""The work plans' and calibration's tasks counted in the database for the dashboard's overdue
panel (issue 12 item 3): on each day, each counter gives what walking its collector gives
(tests/notifications/parity.py) — the plans at every open step with their own dates, the
applications submitted or already decided, the sessions before their vote, the protocols to
post and the feedback meetings to record (a moment counts on its local day)."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.calibration import due as calibration_due
from bagalau.calibration.models import ApplicationStatus, FeedbackMeeting, SessionStatus
from bagalau.evaluations.models import EvaluationStatus
from bagalau.plans import due as plans_due
from bagalau.plans.models import PlanStatus
from tests.calibration.conftest import aware
from tests.factories import (
    CalibrationApplicationFactory,
    CalibrationSessionFactory,
    EvaluationFactory,
    PeriodFactory,
    ScheduleFactory,
    WorkPlanFactory,
)
from tests.notifications.parity import assert_parity

pytestmark = pytest.mark.django_db

#: (servant, status, KPIs due, posting due) of the plans of 2026.
PLANS = [
    ("a_staff1", PlanStatus.DRAFT, dt.date(2026, 1, 19), None),
    ("a_staff2", PlanStatus.RETURNED, dt.date(2026, 1, 30), None),
    ("b_staff1", PlanStatus.HR_AGREED, dt.date(2026, 1, 19), None),
    ("hr_staff", PlanStatus.SENT_TO_HR, dt.date(2026, 1, 19), None),
    ("a_head", PlanStatus.SUBMITTED, dt.date(2026, 1, 19), None),
    ("b_head", PlanStatus.APPROVED, dt.date(2026, 1, 19), dt.date(2026, 1, 23)),
    ("hr_head", PlanStatus.APPROVED, dt.date(2026, 1, 19), None),
    ("deputy", PlanStatus.POSTED, dt.date(2026, 1, 19), dt.date(2026, 1, 23)),
]


def test_the_plans_counter_counts_what_the_collector_walks(world):
    for key, status, draft_due, posting_due in PLANS:
        WorkPlanFactory(
            servant=getattr(world, key),
            assignment=getattr(world, f"{key}_assignment"),
            evaluator=world.head,
            approver=world.deputy,
            status=status,
            draft_due=draft_due,
            posting_due=posting_due,
        )
    days = [dt.date(2026, 1, 19), dt.date(2026, 1, 20), dt.date(2026, 1, 26), dt.date(2026, 2, 2)]
    seen = assert_parity(plans_due.SOURCE, world.org, days)
    assert seen == {kind.code for kind in plans_due.KINDS}


def test_the_decisions_counter_counts_what_the_collector_walks(world):
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    )
    cases = [
        ("a_staff1", ApplicationStatus.SUBMITTED, dt.date(2026, 4, 17)),
        ("a_staff2", ApplicationStatus.SUBMITTED, dt.date(2026, 4, 22)),
        ("b_staff1", ApplicationStatus.ACCEPTED, dt.date(2026, 4, 17)),
    ]
    for key, status, decision_due in cases:
        evaluation = EvaluationFactory(
            period=period,
            servant=getattr(world, key),
            assignment=getattr(world, f"{key}_assignment"),
            status=EvaluationStatus.CALIBRATION,
        )
        CalibrationApplicationFactory(
            evaluation=evaluation, status=status, decision_due=decision_due
        )
    days = [dt.date(2026, 4, 17), dt.date(2026, 4, 20), dt.date(2026, 4, 23)]
    assert assert_parity(calibration_due.SOURCE, world.org, days) == {"decision"}


def test_the_sessions_counters_count_what_the_collectors_walk(world):
    """Sessions scheduled (one at 2:00 local time, the day before in UTC: its local day
    counts), presented, signed (protocol to post, meeting to record: one signed at 2:00),
    posted, closed."""
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    )
    cases = [
        ("a_staff1", SessionStatus.SCHEDULED, aware(dt.date(2026, 4, 21)), None, None),
        ("a_staff2", SessionStatus.SCHEDULED, aware(dt.date(2026, 4, 22), 2, 0), None, None),
        ("b_staff1", SessionStatus.PRESENTED, aware(dt.date(2026, 4, 21)), None, None),
        ("b_head", SessionStatus.SIGNED, aware(dt.date(2026, 4, 23), 2, 0), None, None),
        ("a_head", SessionStatus.SIGNED, aware(dt.date(2026, 4, 24)), None, None),
        ("hr_staff", SessionStatus.POSTED, aware(dt.date(2026, 4, 24)), True, None),
        ("hr_head", SessionStatus.CLOSED, aware(dt.date(2026, 4, 24)), True, True),
    ]
    for key, status, moment, posted, met in cases:
        evaluation = EvaluationFactory(
            period=period,
            servant=getattr(world, key),
            assignment=getattr(world, f"{key}_assignment"),
            evaluator=world.head,
            status=EvaluationStatus.CALIBRATION,
        )
        application = CalibrationApplicationFactory(
            evaluation=evaluation, status=ApplicationStatus.ACCEPTED
        )
        signed = status in (SessionStatus.SIGNED, SessionStatus.POSTED, SessionStatus.CLOSED)
        session = CalibrationSessionFactory(
            application=application,
            status=status,
            scheduled_for=moment if not signed else aware(dt.date(2026, 4, 21)),
            protocol_signed_at=moment if signed else None,
            protocol_posting_due=moment.date() + dt.timedelta(days=3) if signed else None,
            protocol_posted_at=moment if posted else None,
        )
        if met:
            FeedbackMeeting.objects.create(
                session=session,
                held_on=dt.date(2026, 4, 27),
                achievements="—",
                skills="—",
                potential="—",
                recorded_by=world.head_user,
            )
    days = [dt.date(2026, 4, 22), dt.date(2026, 4, 23), dt.date(2026, 4, 28), dt.date(2026, 5, 5)]
    source = calibration_due.SOURCE
    assert set(source.counters) == set(source.collectors)
    assert assert_parity(source, world.org, days) == {"session", "protocol_post", "feedback"}
