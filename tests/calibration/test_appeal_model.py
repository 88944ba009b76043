"""An appeal contests an evaluation's result: a calibration session's decision (sjc-2023, seed
002 p.13) or an evaluation commission's (typical-2018, moj-2017: EDITIONS.md I1); only the
calibration kind names a session (issue 9 item 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404

from bagalau.calibration import services
from bagalau.calibration.access import appeal_get_for
from bagalau.calibration.models import Appeal, AppealBasis, AppealOutcome
from tests.calibration.conftest import make_evaluation

pytestmark = pytest.mark.django_db


def _appeal(world, evaluation, **values) -> Appeal:
    return Appeal.objects.create(
        evaluation=evaluation,
        filed_on=dt.date(2026, 4, 27),
        authority="Агенттіктің аумақтық департаменті",
        recorded_by=world.hr_staff_user,
        **values,
    )


def test_a_calibration_appeal_contests_its_sessions_evaluation(flow):
    appeal = flow.appeal()
    assert appeal.basis == AppealBasis.CALIBRATION
    assert appeal.session == flow.session
    assert appeal.evaluation == flow.evaluation


def test_a_commission_appeal_has_no_session(world):
    appeal = _appeal(world, make_evaluation(world), basis=AppealBasis.COMMISSION)
    assert appeal.session is None
    assert str(appeal).endswith(str(AppealOutcome.PENDING.label))


def test_a_calibration_appeal_needs_a_session(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        _appeal(world, make_evaluation(world), basis=AppealBasis.CALIBRATION)


def test_a_commission_appeal_names_no_session(flow, world):
    flow.decide()
    with pytest.raises(IntegrityError), transaction.atomic():
        _appeal(world, flow.evaluation, basis=AppealBasis.COMMISSION, session=flow.session)


def test_a_session_alone_names_the_evaluation(flow, world):
    flow.decide()
    appeal = Appeal.objects.create(
        session=flow.session,
        filed_on=dt.date(2026, 4, 27),
        authority="Сот",
        recorded_by=world.hr_staff_user,
    )
    assert appeal.evaluation_id == flow.evaluation.pk


def test_a_commission_appeal_is_seen_by_hr_and_the_servant_only(world, clock):
    appeal = _appeal(world, make_evaluation(world), basis=AppealBasis.COMMISSION)
    for user in (world.hr_staff_user, world.hr_head_user, world.a_staff1_user):
        assert appeal_get_for(user=user, id=appeal.pk) == appeal
    for user in (world.a_staff2_user, world.outsider_user, world.b_head_user):
        with pytest.raises(Http404):
            appeal_get_for(user=user, id=appeal.pk)


def test_hr_records_the_outcome_of_a_commission_appeal(world, clock):
    appeal = _appeal(world, make_evaluation(world), basis=AppealBasis.COMMISSION)
    clock(dt.date(2026, 5, 20))
    services.appeal_update_outcome(
        actor=world.hr_staff_user,
        appeal_id=appeal.pk,
        outcome=AppealOutcome.UPHELD,
        outcome_on=dt.date(2026, 5, 15),
    )
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.outcome_on) == (AppealOutcome.UPHELD, dt.date(2026, 5, 15))
