"""The annual evaluation (seed 001 p.28-33; EDITIONS.md §5.2 E1-E5, §9.4 M-1, M-2, M-5, M-6,
M-14, M-16): the annual period due 25 December, its evaluations opened by HR, the App. 4 sheet
from the filed plan, the plan score from the manager's column, the confirmation or the refusal
act, and HR's computation from the approved quarters; refusals name the field, change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method, PeriodKind
from bagalau.moj.annual_access import annual_sheet_actions, annual_sheet_get_for
from bagalau.moj.models import AnnualSheet, AnnualSheetStatus
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_compute,
    annual_sheet_confirm,
    annual_sheet_open,
    annual_sheet_record_refusal,
    annual_sheet_self_assess,
)
from bagalau.moj.services.work_plan import work_plan_amend
from tests.moj.year import PLAN, year_opened

pytestmark = pytest.mark.django_db


def marks(*points, note=""):
    return [{"points": p, "note": note} for p in points]


@pytest.fixture
def year(mw):
    """2017 under moj-2017 all year (the organisation's own dates), the schedule with its four
    quarters and the year, every period opened; b_staff1's plan filed."""
    return year_opened(mw, PLAN)


def annual_of(w, servant):
    return Evaluation.objects.get(
        period__schedule=w.schedule, period__kind=PeriodKind.ANNUAL, servant=servant
    )


def approve(w, **scores):
    """The commission's final score of quarters q1..q4 (the commission slice sets it)."""
    for name, score in scores.items():
        Evaluation.objects.filter(
            period__schedule=w.schedule, period__number=int(name[1]), servant=w.b_staff1
        ).update(final_score=score, final_rating="x")


@pytest.fixture
def sheet(year):
    return annual_sheet_open(
        actor=year.b_head_user, evaluation_id=annual_of(year, year.b_staff1).pk
    )


def agreed(w, sheet, *points):
    annual_sheet_self_assess(actor=w.b_staff1_user, sheet_id=sheet.pk, marks=marks(5, 5, 4))
    return annual_sheet_agree(actor=w.b_head_user, sheet_id=sheet.pk, marks=marks(*points))


def test_the_annual_period_is_opened_with_moj_annual_evaluations(year):
    evaluation = annual_of(year, year.b_staff1)
    assert evaluation.method == Method.MOJ_ANNUAL
    assert (evaluation.status, evaluation.due_date, evaluation.evaluator) == (
        EvaluationStatus.PENDING,
        dt.date(2017, 12, 25),
        year.b_head,
    )


def test_the_worked_example_from_the_sheet_to_the_commission(year, sheet):
    """Quarters 112, 98, 131 approved (Q4 not): mean 113.67 -> 4 points (105, 130] (p.32, M-2);
    plan 4, 5, 3 -> 4.00 (M-6); annual 0.5 × 4 + 0.5 × 4.00 = 4.0 effective (M-1)."""
    assert [row["name"] for row in sheet.rows] == [i["name"] for i in PLAN]
    sheet = annual_sheet_self_assess(
        actor=year.b_staff1_user, sheet_id=sheet.pk, marks=marks(5, 5, 4, note="done")
    )
    assert sheet.status == AnnualSheetStatus.SELF_ASSESSED
    sheet = annual_sheet_agree(actor=year.b_head_user, sheet_id=sheet.pk, marks=marks(4, 5, 3))
    assert (sheet.plan_score, sheet.no_self_assessment) == (Decimal("4.00"), False)
    assert [(r["self"], r["manager"]) for r in sheet.rows] == [(5, 4), (5, 5), (4, 3)]
    sheet = annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    approve(year, q1=112, q2=98, q3=131)
    sheet = annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    assert sheet.status == AnnualSheetStatus.COMPUTED
    assert (sheet.quarter_scores, sheet.quarter_mean, sheet.quarter_points) == (
        [112, 98, 131],
        Decimal("113.67"),
        4,
    )
    assert (sheet.weight_quarters, sheet.weight_plan) == (Decimal("0.5"), Decimal("0.5"))
    assert sheet.computed_on == dt.date(2017, 12, 20)
    evaluation = annual_of(year, year.b_staff1)
    assert (evaluation.score, evaluation.rating, evaluation.status) == (
        Decimal("4.0"),
        "effective",
        EvaluationStatus.BEFORE_COMMISSION,
    )


def test_a_low_year_plan_3_67_and_quarters_below_80(year, sheet):
    """Quarters 70 and 84: mean 77.00 -> 2 points; plan 3, 4, 4 -> 11/3 = 3.67; annual
    0.5 × 2 + 0.5 × 3.67 = 2.835 -> 2.8 unsatisfactory (< 3)."""
    agreed(year, sheet, 3, 4, 4)
    annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    approve(year, q2=70, q4=84)
    sheet = annual_sheet_compute(actor=year.hr_head_user, sheet_id=sheet.pk)
    assert (sheet.plan_score, sheet.quarter_mean, sheet.quarter_points) == (
        Decimal("3.67"),
        Decimal("77.00"),
        2,
    )
    evaluation = annual_of(year, year.b_staff1)
    assert (evaluation.score, evaluation.rating) == (Decimal("2.8"), "unsatisfactory")


def test_without_a_filed_plan_the_sheet_is_refused(year):
    with pytest.raises(DomainError) as caught:
        annual_sheet_open(actor=year.hr_staff_user, evaluation_id=annual_of(year, year.a_staff1).pk)
    assert caught.value.field == "plan"
    work_plan_amend(actor=year.b_staff1_user, plan_id=year.plan.pk, reason="New duties")
    sheet = annual_sheet_open(
        actor=year.hr_staff_user, evaluation_id=annual_of(year, year.b_staff1).pk
    )
    assert sheet.plan_revision.number == 1  # the filed copy, not the amendment in draft
    assert AnnualSheet.objects.count() == 1


def test_only_hr_or_the_evaluator_opens_it_once(year, sheet):
    evaluation = annual_of(year, year.a_staff1)
    for user in (year.b_staff1_user, year.b_head_user, year.head_user):
        with pytest.raises(PermissionDenied):
            annual_sheet_open(actor=user, evaluation_id=evaluation.pk)
    with pytest.raises(Http404):
        annual_sheet_open(actor=year.outsider_user, evaluation_id=evaluation.pk)
    with pytest.raises(DomainError) as caught:
        annual_sheet_open(actor=year.hr_staff_user, evaluation_id=sheet.evaluation_id)
    assert caught.value.field == "evaluation"
    assert AnnualSheet.objects.count() == 1


@pytest.mark.parametrize(
    ("given", "field"),
    [
        pytest.param(marks(4, 5), "marks", id="a-row-missing"),
        pytest.param(marks(4, 6, 3), "marks[1].points", id="six"),
        pytest.param(marks(4, 1, 3), "marks[1].points", id="one"),
        pytest.param([*marks(4, 5), {"points": "3"}], "marks[2].points", id="text"),
        pytest.param([*marks(4, 5), {"points": True}], "marks[2].points", id="bool"),
    ],
)
def test_bad_marks_are_refused_naming_the_field(year, sheet, given, field):
    with pytest.raises(DomainError) as caught:
        annual_sheet_agree(actor=year.b_head_user, sheet_id=sheet.pk, marks=given)
    assert caught.value.field == field
    sheet.refresh_from_db()
    assert (sheet.status, sheet.plan_score, sheet.version) == (AnnualSheetStatus.DRAFT, None, 1)


def test_agreed_without_a_self_assessment_is_marked_so(year, sheet):
    sheet = annual_sheet_agree(actor=year.b_head_user, sheet_id=sheet.pk, marks=marks(5, 5, 4))
    assert (sheet.no_self_assessment, sheet.plan_score) == (True, Decimal("4.67"))


def test_the_refusal_act_co_signed_by_the_direct_manager_lets_hr_compute(year, sheet):
    agreed(year, sheet, 4, 4, 4)
    with pytest.raises(PermissionDenied):
        annual_sheet_record_refusal(actor=year.b_head_user, sheet_id=sheet.pk, note="Refused")
    with pytest.raises(DomainError) as caught:
        annual_sheet_record_refusal(actor=year.hr_staff_user, sheet_id=sheet.pk, note=" ")
    assert caught.value.field == "note"
    sheet = annual_sheet_record_refusal(
        actor=year.hr_staff_user, sheet_id=sheet.pk, note="Refused to confirm"
    )
    assert (sheet.status, sheet.refusal_manager) == (AnnualSheetStatus.REFUSED, year.b_head)
    approve(year, q1=131)
    sheet = annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    evaluation = annual_of(year, year.b_staff1)
    # 131 -> 5 points; (5 + 4.00) / 2 = 4.5 effective
    assert (evaluation.score, evaluation.rating) == (Decimal("4.5"), "effective")


def test_no_approved_quarter_no_annual_evaluation(year, sheet):
    """M-14: a quarter scored but not approved by the commission does not count."""
    agreed(year, sheet, 4, 4, 4)
    annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    Evaluation.objects.filter(period__number=1, servant=year.b_staff1).update(score=120)
    with pytest.raises(DomainError) as caught:
        annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    assert caught.value.field == "quarters"
    sheet.refresh_from_db()
    evaluation = annual_of(year, year.b_staff1)
    assert (sheet.status, evaluation.score, evaluation.status) == (
        AnnualSheetStatus.CONFIRMED,
        None,
        EvaluationStatus.PENDING,
    )


def test_hr_does_not_compute_before_confirmation_nor_others_at_all(year, sheet):
    approve(year, q1=100)
    agreed(year, sheet, 4, 4, 4)
    with pytest.raises(DomainError) as caught:
        annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    assert caught.value.field == "status"
    annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    for user in (year.b_head_user, year.b_staff1_user, year.head_user):
        with pytest.raises(PermissionDenied):
            annual_sheet_compute(actor=user, sheet_id=sheet.pk)
    with pytest.raises(Http404):
        annual_sheet_compute(actor=year.a_head_user, sheet_id=sheet.pk)
    assert annual_of(year, year.b_staff1).score is None


def test_hr_computes_again_when_a_quarter_is_approved_later_until_the_commission_decides(
    year, sheet
):
    agreed(year, sheet, 4, 4, 4)
    annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    approve(year, q1=80)
    annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    assert annual_of(year, year.b_staff1).score == Decimal("3.5")  # (3 + 4) / 2
    approve(year, q2=140)
    sheet = annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    assert sheet.quarter_mean == Decimal("110.00")  # 110 -> 4 points; (4 + 4) / 2
    assert annual_of(year, year.b_staff1).score == Decimal("4.0")
    Evaluation.objects.filter(pk=sheet.evaluation_id).update(final_score=Decimal("4.0"))
    with pytest.raises(DomainError) as caught:
        annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    assert caught.value.field == "evaluation"


def test_who_sees_the_sheet_and_what_each_may_do(year, sheet):
    for user in (year.b_staff1_user, year.b_head_user, year.hr_staff_user, year.head_user):
        assert annual_sheet_get_for(user=user, id=sheet.pk) == sheet
    for user in (year.a_head_user, year.a_staff1_user, year.outsider_user, year.admin_user):
        with pytest.raises(Http404):
            annual_sheet_get_for(user=user, id=sheet.pk)
    assert annual_sheet_actions(user=year.b_staff1_user, obj=sheet) == {"self_assess"}
    assert annual_sheet_actions(user=year.b_head_user, obj=sheet) == {"agree"}
    assert annual_sheet_actions(user=year.hr_staff_user, obj=sheet) == frozenset()


def test_the_explanation_shows_each_number_and_says_the_weights_are_a_reconstruction(year, sheet):
    from bagalau.moj.annual_explain import annual_sheet_explanation

    assert annual_sheet_explanation(sheet, "en") is None
    agreed(year, sheet, 4, 5, 3)
    annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    approve(year, q1=112, q2=98, q3=131)
    sheet = annual_sheet_compute(actor=year.hr_staff_user, sheet_id=sheet.pk)
    found = annual_sheet_explanation(sheet, "en")
    assert found is not None
    assert found.result == "4.0 · Effective"
    text = " ".join(step["text"] for step in found.steps)
    for number in ("113.67", "4.00", "0.5 × 4", "341 / 3"):
        assert number in text
    assert "reconstruction" in text
