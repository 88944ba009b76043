"""The servant's claim to a court against the commission's decision, recorded as a fact (seed 004
p.44; EDITIONS.md §2.2 I4): by the working body, with the court's outcome (upheld, overturned,
withdrawn); an overturned decision puts the servant back before the commission (as a recommended
revision does, I3). Its time limits are the procedural code's: never "late" here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.calibration.models import Appeal, AppealBasis
from bagalau.commission import services
from bagalau.commission.selectors import result_view
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus
from tests.commission.conftest import FAMILIARISATION_DUE

pytestmark = pytest.mark.django_db

COURT = "Алматы қаласының мамандандырылған ауданаралық әкімшілік соты"


def _acknowledged(world):
    services.commission_result_acknowledge(
        actor=world.a_staff1_user, evaluation_id=world.eval1.pk, acknowledged_on=FAMILIARISATION_DUE
    )


def _claim(world, filed_on=dt.date(2020, 6, 1), **values):
    return services.commission_appeal_record(
        actor=world.hr_staff_user,
        evaluation_id=world.eval1.pk,
        filed_on=filed_on,
        authority=COURT,
        basis="court",
        **values,
    )


def test_a_claim_months_later_is_recorded_and_never_late(approved):
    _acknowledged(approved)
    claim = _claim(approved)
    assert (claim.basis, claim.outcome) == (AppealBasis.COURT, "pending")
    (row,) = result_view(approved.eval1).appeals
    assert (row.due, row.late) == (None, False)


def test_the_court_overturns_and_the_servant_is_back_before_the_commission(approved):
    _acknowledged(approved)
    claim = _claim(approved)
    with pytest.raises(DomainError) as refused:
        services.commission_appeal_outcome(
            actor=approved.hr_staff_user,
            appeal_id=claim.pk,
            outcome="recommend_revision",  # the agency's outcome, not a court's
            decided_on=dt.date(2020, 7, 1),
        )
    assert refused.value.field == "outcome"
    services.commission_appeal_outcome(
        actor=approved.hr_staff_user,
        appeal_id=claim.pk,
        outcome="overturned",
        decided_on=dt.date(2020, 7, 1),
    )
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.BEFORE_COMMISSION


def test_an_upheld_decision_stands(approved):
    _acknowledged(approved)
    claim = _claim(approved)
    services.commission_appeal_outcome(
        actor=approved.hr_staff_user,
        appeal_id=claim.pk,
        outcome="upheld",
        decided_on=dt.date(2020, 7, 1),
    )
    approved.eval1.refresh_from_db()
    assert approved.eval1.status == EvaluationStatus.FINAL


def test_an_unknown_basis_and_a_second_pending_appeal_are_refused(approved):
    _acknowledged(approved)
    with pytest.raises(DomainError) as refused:
        services.commission_appeal_record(
            actor=approved.hr_staff_user,
            evaluation_id=approved.eval1.pk,
            filed_on=dt.date(2020, 6, 1),
            authority=COURT,
            basis="ombudsman",
        )
    assert refused.value.field == "basis"
    _claim(approved)
    with pytest.raises(DomainError) as refused:
        services.commission_appeal_record(
            actor=approved.hr_staff_user,
            evaluation_id=approved.eval1.pk,
            filed_on=dt.date(2020, 6, 2),
            authority="Агенттік",
        )
    assert refused.value.field == "filed_on"
    assert Appeal.objects.count() == 1


def test_the_page_and_the_api_record_a_claim(approved, client):
    _acknowledged(approved)
    client.force_login(approved.hr_staff_user)
    response = client.post(
        reverse("commission:result_appeal", args=[approved.eval1.pk]),
        {"basis": "court", "filed_on": "2020-06-01", "authority": COURT, "note": ""},
    )
    assert response.status_code == 302
    claim = Appeal.objects.get()
    page = client.get(reverse("commission:result", args=[approved.eval1.pk])).content.decode()
    assert 'value="overturned"' in page
    assert 'value="recommend_revision"' not in page
    api = APIClient()
    api.force_authenticate(approved.hr_staff_user)
    answer = api.post(
        f"/api/v1/commission/results/{approved.eval1.pk}/appeals/{claim.pk}/outcome/",
        {"outcome": "withdrawn", "decided_on": "2020-06-20"},
        format="json",
    )
    assert answer.status_code == 200
    claim.refresh_from_db()
    assert claim.outcome == "withdrawn"
    shown = api.get(f"/api/v1/commission/results/{approved.eval1.pk}/").json()
    assert shown["appeals"][0]["basis"] == "court"
