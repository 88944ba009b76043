"""The exports' data: Q1 2026 results, a calibration, a 360 campaign under way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone

from bagalau.calibration.models import Application, ApplicationStatus, Session, SessionStatus
from bagalau.evaluations.models import EvaluationStatus, Method
from bagalau.surveys.models import CampaignStatus, Invitation, Relation, RunningTally, Target
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory, SurveyCampaignFactory


@pytest.fixture
def data(world, clock):
    """Q1 2026: a_staff2 effective 4.50 (final), a_staff1 unsatisfactory 1.50 (signed; applied
    for calibration, the session adopted 2.40 — satisfactory), b_staff1 still pending. A 360
    campaign of 2026 under way: a_staff1 asked of by three respondents, two of whom answered."""
    clock(dt.date(2026, 6, 15))
    world.unit_a.name_en = '=HYPERLINK("http://evil")'
    world.unit_a.save()
    schedule = ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    world.q1 = PeriodFactory(schedule=schedule, number=1)

    def result(key, **values):
        values = {"evaluator": world.a_head, **values}
        return EvaluationFactory(
            period=world.q1,
            servant=getattr(world, key),
            assignment=getattr(world, f"{key}_assignment"),
            method=Method.DIFFERENTIATION,
            **values,
        )

    result(
        "a_staff2",
        status=EvaluationStatus.FINAL,
        score=D("4.50"),
        rating="effective",
        final_score=D("4.50"),
        final_rating="effective",
    )
    weak = result(
        "a_staff1",
        status=EvaluationStatus.CALIBRATION,
        score=D("1.50"),
        rating="unsatisfactory",
        final_score=D("2.40"),
        final_rating="satisfactory",
        familiarised_on=dt.date(2026, 4, 20),
    )
    result("b_staff1", status=EvaluationStatus.PENDING, evaluator=world.b_head)
    application = Application.objects.create(
        evaluation=weak,
        text="I disagree",
        submitted_by=world.a_staff1_user,
        submitted_on=dt.date(2026, 4, 22),
        decision_due=dt.date(2026, 4, 29),
        session_due=dt.date(2026, 5, 13),
        status=ApplicationStatus.ACCEPTED,
    )
    Session.objects.create(
        application=application,
        scheduled_for=timezone.make_aware(dt.datetime(2026, 5, 6, 10, 0)),
        status=SessionStatus.SIGNED,
        final_score=D("2.40"),
        protocol_signed_at=timezone.make_aware(dt.datetime(2026, 5, 7, 12, 0)),
    )
    world.campaign = SurveyCampaignFactory(
        organisation=world.org, created_by=world.hr_staff_user, status=CampaignStatus.OPEN
    )
    target = Target.objects.create(
        campaign=world.campaign,
        servant=world.a_staff1,
        position=world.a_staff1_assignment.position,
        unit=world.unit_a,
        form="staff",
    )
    for key, done in (("a_staff2", True), ("b_staff1", True), ("a_head", False)):
        Invitation.objects.create(
            target=target,
            respondent=getattr(world, key),
            relation=Relation.PEER,
            completed=done,
        )
    # the counts an opened campaign keeps (surveys.services.campaign_open, invitation_submit)
    RunningTally.objects.create(target=target, invited=3, answered=2)
    return world
