"""The annual result (p.4): the mean of the quarters' standing results, as an `annual` evaluation
that follows familiarisation like the others."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.core.jobs import JOBS
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.services.familiarisation import evaluation_acknowledge
from bagalau.evaluations.services.sheets import annual_results_compute, annual_results_refresh
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import annual_score
from bagalau.notifications.models import Notification
from tests.evaluations.test_sheets_cases import annual_period, diff_case

RULES = sjc2023_rules(get_edition("sjc-2023"))


def final_quarter(world, number, score, *, servant="a_staff1", status=EvaluationStatus.FINAL):
    value = D(score)
    rating = RULES.rating.band_for(value).code
    return diff_case(
        world,
        number,
        servant=getattr(world, servant),
        assignment=getattr(world, f"{servant}_assignment"),
        status=status,
        score=value,
        rating=rating,
        final_score=value if status == EvaluationStatus.FINAL else None,
        final_rating=rating if status == EvaluationStatus.FINAL else "",
    )


@pytest.fixture
def year(world, clock):
    clock(dt.date(2027, 1, 5))
    final_quarter(world, 1, "4.25")
    final_quarter(world, 2, "3.90")
    final_quarter(world, 3, "2.00", status=EvaluationStatus.CALIBRATION)  # not standing yet
    final_quarter(world, 4, "4.60")
    return annual_period(world)


def test_the_annual_result_is_the_mean_of_the_standing_quarters(world, year):
    summary = annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    assert (summary.created, summary.updated, summary.unchanged, summary.skipped) == (1, 0, 0, 0)
    annual = Evaluation.objects.get(period=year, servant=world.a_staff1)
    expected = annual_score(RULES, [D("4.25"), D("3.90"), None, D("4.60")])
    assert (annual.score, annual.rating) == (expected.score, expected.rating.code)
    assert (str(annual.score), annual.rating) == ("4.25", "effective")
    assert annual.method == Method.ANNUAL
    assert annual.status == EvaluationStatus.SIGNED
    assert annual.evaluator is None
    assert annual.signed_by == world.hr_staff_user
    assert annual.familiarisation_due == dt.date(2027, 1, 8)  # 7 January is Christmas (off)
    assert Notification.objects.filter(
        recipient=world.a_staff1_user, kind="result_to_acknowledge"
    ).exists()
    created = AuditEntry.objects.get(action="create", object_id=str(annual.pk))
    assert created.changes["score"] == [None, "4.25"]
    assert created.changes["quarters"] == [None, ["4.25", "3.90", None, "4.60"]]
    assert AuditEntry.objects.filter(action="annual_compute", object_id=str(year.pk)).exists()


def test_only_servants_with_a_final_quarter_get_an_annual_result(world, year):
    final_quarter(world, 1, "3.00", servant="a_staff2", status=EvaluationStatus.SIGNED)
    annual_results_compute(actor=world.hr_head_user, period_id=year.pk)
    assert list(
        Evaluation.objects.filter(period=year).values_list("servant__user__username", flat=True)
    ) == ["a_staff1"]


def test_a_quarter_changed_by_calibration_recomputes_the_annual_result(world, year):
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    annual = Evaluation.objects.get(period=year)
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=annual.pk)
    third = Evaluation.objects.get(servant=world.a_staff1, period__number=3)
    third.status, third.final_score, third.final_rating = "final", D("3.25"), "proper"
    third.save()
    summary = annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    assert summary.updated == 1
    annual.refresh_from_db()
    assert str(annual.score) == "4.00"  # (4.25 + 3.90 + 3.25 + 4.60) / 4
    assert annual.status == EvaluationStatus.SIGNED  # shown to the servant again
    assert annual.acknowledged_at is None
    assert annual.calibration_due is None
    change = AuditEntry.objects.filter(action="update", object_id=str(annual.pk)).get()
    assert change.changes["score"] == ["4.25", "4.00"]
    assert change.changes["status"] == ["acknowledged", "signed"]
    # once it is final, it is left alone
    annual.status = EvaluationStatus.FINAL
    annual.save()
    third.final_score = D("5.00")
    third.save()
    summary = annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    assert summary.skipped == 1
    annual.refresh_from_db()
    assert str(annual.score) == "4.00"


def test_the_periodic_job_refreshes_computed_annual_results(world, year):
    assert "evaluations.annual_refresh" in JOBS
    assert annual_results_refresh() == "0 annual results created, 0 recomputed"  # none computed
    annual_results_compute(actor=world.hr_staff_user, period_id=year.pk)
    second = Evaluation.objects.get(servant=world.a_staff1, period__number=2)
    second.final_score = D("4.70")
    second.save()
    assert annual_results_refresh() == "0 annual results created, 1 recomputed"
    assert str(Evaluation.objects.get(period=year).score) == "4.52"  # 13.55 / 3 = 4.5166…


def test_annual_results_are_computed_for_an_annual_period_only(world, year):
    quarter_period = Evaluation.objects.get(servant=world.a_staff1, period__number=1).period
    with pytest.raises(DomainError) as caught:
        annual_results_compute(actor=world.hr_staff_user, period_id=quarter_period.pk)
    assert caught.value.field == "period"


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("head_user", PermissionDenied),
        ("a_head_user", PermissionDenied),
        ("a_staff1_user", PermissionDenied),
        ("outsider_user", Http404),
    ],
)
def test_only_hr_computes_annual_results(world, year, who, refusal):
    with pytest.raises(refusal):
        annual_results_compute(actor=getattr(world, who), period_id=year.pk)
    assert not Evaluation.objects.filter(period=year).exists()
