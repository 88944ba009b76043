"""The quarterly sheet App. 3 (seed 001 p.15-27; EDITIONS.md §5.2 D2-D6, §9.4 M-4, M-7, M-8,
M-16, M-20, M-22): items only from the organisation's catalogue with the catalogue's points,
breaches as dated records, q and the rating from the engine, the signature or the refusal act,
the deadline shown with "late by"; refusals name the field and change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.moj.models import QuarterSheet, QuarterSheetStatus
from bagalau.moj.selectors import quarter_sheet_deadline
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_record_refusal,
    quarter_sheet_self_assess,
    quarter_sheet_sign,
)
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft

pytestmark = pytest.mark.django_db

FIVE, FOUR, CENTRAL = "territorial-5-01", "territorial-4-01", "central-5-01"


def item(code, day=dt.date(2017, 10, 16), evidence="Order No. 7"):
    return {"code": code, "date": day, "evidence": evidence}


@pytest.fixture
def sheet(mw):
    """b_staff1's Q4 2017 sheet, the organisation on the territorial catalogue."""
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="territorial")
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    period = schedule.periods.get(number=4)
    moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
    evaluation = Evaluation.objects.get(period=period, servant=mw.b_staff1)
    return quarter_sheet_open(actor=mw.b_head_user, evaluation_id=evaluation.pk)


def breach(mw, day=dt.date(2017, 11, 14)):
    return discipline_record_create(
        actor=mw.b_head_user,
        servant_id=mw.b_staff1.pk,
        kind="labour",
        source="direct_manager",
        day=day,
        evidence="Late 30 min",
    )


def test_the_quarter_from_self_assessment_to_signature(mw, sheet):
    """q = 100 + (5 + 4) − 2 × 1 = 107: effective (p.26-27)."""
    sheet = quarter_sheet_self_assess(
        actor=mw.b_staff1_user,
        sheet_id=sheet.pk,
        items=[item(FIVE), item(FOUR)],
        breaches=[{"kind": "labour", "date": dt.date(2017, 11, 14)}],
    )
    assert sheet.status == QuarterSheetStatus.SELF_ASSESSED
    record = breach(mw)
    sheet = quarter_sheet_agree(
        actor=mw.b_head_user,
        sheet_id=sheet.pk,
        items=[item(FIVE), item(FOUR)],
        breach_ids=[record.pk],
    )
    assert (sheet.bonus_points, sheet.breaches, sheet.score, sheet.rating) == (
        9,
        1,
        107,
        "effective",
    )
    assert sheet.no_self_assessment is False
    signed = quarter_sheet_sign(actor=mw.b_staff1_user, sheet_id=sheet.pk)
    assert signed.status == QuarterSheetStatus.SIGNED
    evaluation = Evaluation.objects.get(pk=sheet.evaluation_id)
    assert (evaluation.status, evaluation.score, evaluation.rating) == (
        EvaluationStatus.BEFORE_COMMISSION,
        Decimal("107.00"),
        "effective",
    )
    assert AuditEntry.objects.filter(action="to_commission", object_id=str(evaluation.pk)).exists()


def test_points_come_from_the_catalogue_never_from_input(mw, sheet):
    """A "points" key sent with an item is not read: the item's catalogue points count (M-8)."""
    typed = {**item(FIVE), "points": 50}
    done = quarter_sheet_agree(
        actor=mw.b_head_user, sheet_id=sheet.pk, items=[typed], breach_ids=[]
    )
    assert (done.bonus_points, done.score) == (5, 105)
    assert "points" not in done.agreed_items[0]


@pytest.mark.parametrize(
    ("items", "field"),
    [
        ([item(CENTRAL)], "items[0].code"),
        ([item("territorial-9-99")], "items[0].code"),
        ([item(FIVE, day=dt.date(2017, 12, 5))], "items[0].date"),
        ([item(FIVE, day=None)], "items[0].date"),
        ([item(FIVE, evidence=" ")], "items[0].evidence"),
    ],
)
def test_bad_items_are_refused_naming_the_field(mw, sheet, items, field):
    """Another catalogue's item, an unknown item, a day after the Q4 cut-off (30 November, M-4),
    no day, no evidence (M-7)."""
    with pytest.raises(DomainError) as error:
        quarter_sheet_self_assess(
            actor=mw.b_staff1_user, sheet_id=sheet.pk, items=items, breaches=[]
        )
    assert error.value.field == field
    sheet.refresh_from_db()
    assert (sheet.status, sheet.self_items, sheet.version) == (QuarterSheetStatus.DRAFT, [], 1)


def test_a_self_assessed_breach_without_a_date_is_refused(mw, sheet):
    with pytest.raises(DomainError) as error:
        quarter_sheet_self_assess(
            actor=mw.b_staff1_user, sheet_id=sheet.pk, items=[], breaches=[{"kind": "labour"}]
        )
    assert error.value.field == "breaches[0].date"


def test_agreed_breaches_are_records_of_the_quarter_once(mw, sheet):
    december = breach(mw, dt.date(2017, 12, 5))
    november = breach(mw)
    for ids in ([december.pk], [november.pk, november.pk]):
        with pytest.raises(DomainError) as error:
            quarter_sheet_agree(actor=mw.b_head_user, sheet_id=sheet.pk, items=[], breach_ids=ids)
        assert error.value.field.startswith("breaches[")
    sheet.refresh_from_db()
    assert sheet.status == QuarterSheetStatus.DRAFT


def test_agreed_without_self_assessment_is_marked_and_late_across_holidays(mw, sheet, clock):
    """Q4 is due on Sunday 10 December 2017; agreed on 20 December it is late by 6 working days
    (11-15 and 20 December: Independence Day and its transfers, 16-19, are not counted)."""
    assert quarter_sheet_deadline(sheet).due == dt.date(2017, 12, 10)
    done = quarter_sheet_agree(actor=mw.b_head_user, sheet_id=sheet.pk, items=[], breach_ids=[])
    assert done.no_self_assessment is True
    assert (done.score, done.rating) == (100, "satisfactory")
    deadline = quarter_sheet_deadline(done)
    assert (deadline.done, deadline.late_by) == (dt.date(2017, 12, 20), 6)
    clock(dt.date(2017, 12, 8))
    fresh = QuarterSheet.objects.get(pk=sheet.pk)
    fresh.agreed_on = None
    assert quarter_sheet_deadline(fresh).late_by == 0


def test_the_refusal_act_by_hr_co_signed_by_the_manager(mw, sheet):
    """acts.yaml refusal_to_sign: the HR servant draws it up, the direct manager signs (p.25)."""
    quarter_sheet_agree(actor=mw.b_head_user, sheet_id=sheet.pk, items=[], breach_ids=[])
    for who in ("b_staff1", "head", "b_head"):
        with pytest.raises(PermissionDenied):
            quarter_sheet_record_refusal(
                actor=getattr(mw, f"{who}_user"), sheet_id=sheet.pk, note="Refused"
            )
    with pytest.raises(DomainError) as error:
        quarter_sheet_record_refusal(actor=mw.hr_staff_user, sheet_id=sheet.pk, note=" ")
    assert error.value.field == "note"
    done = quarter_sheet_record_refusal(actor=mw.hr_staff_user, sheet_id=sheet.pk, note="Refused")
    assert (done.status, done.refusal_note) == (QuarterSheetStatus.REFUSED, "Refused")
    assert (done.refusal_drawn_up_by, done.refusal_manager) == (mw.hr_staff_user, mw.b_head)
    evaluation = Evaluation.objects.get(pk=sheet.evaluation_id)
    # p.25: the refusal does not stop the papers going to the commission; q = 100, satisfactory.
    assert (evaluation.status, evaluation.score, evaluation.rating) == (
        EvaluationStatus.BEFORE_COMMISSION,
        Decimal("100.00"),
        "satisfactory",
    )
    with pytest.raises(DomainError):
        quarter_sheet_sign(actor=mw.b_staff1_user, sheet_id=sheet.pk)


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        ("b_head", "self", PermissionDenied),
        ("hr_staff", "self", PermissionDenied),
        ("b_staff1", "agree", PermissionDenied),
        ("hr_staff", "agree", PermissionDenied),
        ("head", "agree", PermissionDenied),
        ("a_head", "agree", Http404),
        ("outsider", "self", Http404),
        ("b_staff1", "sign", DomainError),
    ],
)
def test_forbidden_steps_change_nothing(mw, sheet, who, action, error):
    user = getattr(mw, f"{who}_user")
    steps = {
        "self": lambda: quarter_sheet_self_assess(
            actor=user, sheet_id=sheet.pk, items=[item(FIVE)], breaches=[]
        ),
        "agree": lambda: quarter_sheet_agree(
            actor=user, sheet_id=sheet.pk, items=[item(FIVE)], breach_ids=[]
        ),
        "sign": lambda: quarter_sheet_sign(actor=user, sheet_id=sheet.pk),
    }
    with pytest.raises(error):
        steps[action]()
    sheet.refresh_from_db()
    assert (sheet.status, sheet.version, sheet.score) == (QuarterSheetStatus.DRAFT, 1, None)


def test_no_sheet_without_the_catalogue_and_only_hr_or_the_manager_opens(mw):
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    period = schedule.periods.get(number=4)
    moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
    evaluation = Evaluation.objects.get(period=period, servant=mw.b_staff1)
    with pytest.raises(DomainError) as error:
        quarter_sheet_open(actor=mw.hr_staff_user, evaluation_id=evaluation.pk)
    assert error.value.field == "catalogue"
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="central")
    with pytest.raises(PermissionDenied):
        quarter_sheet_open(actor=mw.b_staff1_user, evaluation_id=evaluation.pk)
    assert not QuarterSheet.objects.exists()
    assert quarter_sheet_open(actor=mw.hr_staff_user, evaluation_id=evaluation.pk).catalogue == (
        "central"
    )
