"""The App. 2 KPI sheet (seed 004 p.17-24; EDITIONS.md §2.2 E1-E6, §2.3 KpiSheet, §9 G-1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus
from bagalau.notifications.models import Notification
from bagalau.typical.models import CompetencySheet, KpiSheet, KpiSheetRow, KpiSheetStatus
from bagalau.typical.selectors import kpi_sheet_deadlines
from bagalau.typical.services.competency_sheet import (
    competency_sheet_open,
    competency_sheet_send,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import (
    kpi_sheet_agree,
    kpi_sheet_fill,
    kpi_sheet_open,
    kpi_sheet_return,
    kpi_sheet_send,
    kpi_sheet_sign,
)
from tests.typical.conftest import TODAY, approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db

ALL = {n: {"actual": str(n * 10), "achieved": True} for n in range(1, 6)}


@pytest.fixture
def case(tw):
    """b_staff1's opened year with an approved plan of 5 KPIs and the open KPI sheet."""
    schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.evaluation = evaluation_of(schedule, tw.b_staff1)
    tw.sheet = kpi_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    return tw


def _snapshot(sheet: KpiSheet) -> tuple:
    sheet.refresh_from_db()
    rows = tuple(KpiSheetRow.objects.filter(sheet=sheet).values_list("actual", "achieved"))
    return sheet.status, sheet.version, sheet.signed_on, sheet.agreed_on, sheet.sent_on, rows


def _signed(case, achieved=(True, True, True, True, False), day=TODAY):
    rows = {n: {"actual": "x", "achieved": a} for n, a in enumerate(achieved, start=1)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.sheet.pk, rows=rows)
    return kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.sheet.pk, signed_on=day)


def test_the_sheet_copies_the_five_kpis_of_the_approved_plan(case):
    rows = list(case.sheet.rows.values_list("number", "planned", "actual", "achieved"))
    assert rows == [(n, str(n * 10), "", None) for n in range(1, 6)]
    # The direct manager's own manager agrees it: here the head of the apparatus (p.19).
    assert case.sheet.approver == case.head
    assert kpi_sheet_open(actor=case.hr_staff_user, evaluation_id=case.evaluation.pk) == case.sheet


def test_no_approved_plan_or_a_plan_without_five_kpis_opens_nothing(tw):
    schedule = opened(tw)
    evaluation = evaluation_of(schedule, tw.b_staff1)
    with pytest.raises(DomainError) as error:
        kpi_sheet_open(actor=tw.b_head_user, evaluation_id=evaluation.pk)
    assert error.value.field == "plan"
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment, kpis=6)
    with pytest.raises(DomainError) as error:
        kpi_sheet_open(actor=tw.b_head_user, evaluation_id=evaluation.pk)
    assert error.value.field == "plan"
    assert "exactly 5" in error.value.message
    assert not KpiSheet.objects.exists()


def test_a_sixth_kpi_is_impossible(case):
    before = _snapshot(case.sheet)
    with pytest.raises(DomainError) as error:
        kpi_sheet_fill(
            actor=case.b_head_user,
            sheet_id=case.sheet.pk,
            rows={1: {"actual": "1", "achieved": True}, 6: {"actual": "1", "achieved": True}},
        )
    assert error.value.field == "rows.6"
    assert _snapshot(case.sheet) == before


@pytest.mark.parametrize(
    ("achieved", "k", "rating"),
    [
        ((True,) * 5, 5, "excellent"),
        ((True, True, True, True, False), 4, "effective"),
        ((True, True, True, False, False), 3, "satisfactory"),
        ((True, True, False, False, False), 2, "unsatisfactory"),
    ],
    ids=["5-excellent", "4-effective", "3-satisfactory", "2-unsatisfactory"],
)
def test_signing_counts_the_fully_achieved_kpis_p18(case, achieved, k, rating):
    sheet = _signed(case, achieved)
    assert (sheet.status, sheet.achieved, sheet.rating) == (KpiSheetStatus.SIGNED, k, rating)
    case.evaluation.refresh_from_db()
    assert (case.evaluation.score, case.evaluation.rating) == (Decimal(k), rating)
    assert Notification.objects.filter(
        recipient=case.head_user, kind="typical_kpi_sheet_to_agree"
    ).exists()


def test_an_unanswered_kpi_cannot_be_signed(case):
    kpi_sheet_fill(
        actor=case.b_head_user,
        sheet_id=case.sheet.pk,
        rows={n: {"actual": "1", "achieved": True} for n in range(1, 5)},
    )
    before = _snapshot(case.sheet)
    with pytest.raises(DomainError) as error:
        kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.sheet.pk)
    assert error.value.field == "rows.5.actual"
    assert _snapshot(case.sheet) == before


def test_a_signed_sheet_refuses_an_edit_naming_the_field(case):
    _signed(case)
    before = _snapshot(case.sheet)
    with pytest.raises(DomainError) as error:
        kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.sheet.pk, rows={3: {"actual": "99"}})
    assert error.value.field == "rows.3.actual"
    assert "Signed by the direct manager" in error.value.message
    assert _snapshot(case.sheet) == before


def test_a_stale_version_is_a_conflict(case):
    version = case.sheet.version
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.sheet.pk, rows={1: {"actual": "1"}})
    with pytest.raises(DomainError) as error:
        kpi_sheet_fill(
            actor=case.b_head_user,
            sheet_id=case.sheet.pk,
            rows={1: {"actual": "2"}},
            expected_version=version,
        )
    assert error.value.field == "version"


def test_a_signature_cannot_be_dated_in_the_future_and_a_back_dated_one_is_audited(case):
    rows = {n: {"actual": "x", "achieved": True} for n in range(1, 6)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.sheet.pk, rows=rows)
    with pytest.raises(DomainError) as error:
        kpi_sheet_sign(
            actor=case.b_head_user, sheet_id=case.sheet.pk, signed_on=dt.date(2019, 12, 11)
        )
    assert error.value.field == "signed_on"
    kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.sheet.pk, signed_on=dt.date(2019, 12, 2))
    entry = AuditEntry.objects.get(action="sign", object_id=str(case.sheet.pk))
    assert entry.changes["back_dated"] == [None, True]


def test_the_superior_returns_only_for_insufficient_or_unreliable_evidence_with_a_reason(case):
    _signed(case)
    before = _snapshot(case.sheet)
    for ground, reason, field in (("other", "x", "ground"), ("insufficient", " ", "reason")):
        with pytest.raises(DomainError) as error:
            kpi_sheet_return(
                actor=case.head_user, sheet_id=case.sheet.pk, ground=ground, reason=reason
            )
        assert error.value.field == field
    assert _snapshot(case.sheet) == before


def test_a_return_asks_for_resubmission_within_two_working_days_across_the_holiday(clock, case):
    """p.23: returned on Friday 13 December 2019; 16-17 December are Independence Day, so the
    sheet is due again on Thursday 19 December; signed again on the 20th it is 1 day late."""
    _signed(case, day=dt.date(2019, 12, 10))
    clock(dt.date(2019, 12, 13))
    kpi_sheet_return(
        actor=case.head_user, sheet_id=case.sheet.pk, ground="unreliable", reason="No evidence"
    )
    sheet = KpiSheet.objects.get(pk=case.sheet.pk)
    assert (sheet.status, sheet.return_ground, sheet.returned_on) == (
        KpiSheetStatus.RETURNED,
        "unreliable",
        dt.date(2019, 12, 13),
    )
    notice = Notification.objects.get(kind="typical_kpi_sheet_returned")
    assert (notice.recipient, notice.params["due"]) == (case.b_head_user, "19.12.2019")
    clock(dt.date(2019, 12, 20))
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=sheet.pk, rows={5: {"achieved": True}})
    sheet = kpi_sheet_sign(actor=case.b_head_user, sheet_id=sheet.pk)
    assert (sheet.status, sheet.achieved) == (KpiSheetStatus.SIGNED, 5)
    resubmit = next(d for d in kpi_sheet_deadlines(sheet) if d.step == "resubmit")
    assert (resubmit.due, resubmit.done, resubmit.late_by) == (
        dt.date(2019, 12, 19),
        dt.date(2019, 12, 20),
        1,
    )


def test_hr_sends_within_two_working_days_of_the_agreement_and_lateness_never_blocks(clock, case):
    """p.24: agreed on Friday 13 December, due at the commission on Thursday 19 December (the
    holiday skipped); sent on 24 December: 3 working days late, still sent (G-1)."""
    _signed(case, day=dt.date(2019, 12, 10))
    clock(dt.date(2019, 12, 13))
    kpi_sheet_agree(actor=case.head_user, sheet_id=case.sheet.pk)
    notice = Notification.objects.filter(kind="typical_kpi_sheet_to_send").first()
    assert notice is not None
    assert notice.params["due"] == "19.12.2019"
    clock(dt.date(2019, 12, 24))
    sheet = kpi_sheet_send(actor=case.hr_staff_user, sheet_id=case.sheet.pk)
    assert sheet.status == KpiSheetStatus.SENT
    send = next(d for d in kpi_sheet_deadlines(sheet) if d.step == "send_kpi")
    assert (send.due, send.done, send.late_by) == (
        dt.date(2019, 12, 19),
        dt.date(2019, 12, 24),
        3,
    )
    # The competency sheet is not there yet: the year waits.
    case.evaluation.refresh_from_db()
    assert case.evaluation.status == EvaluationStatus.PENDING


def test_both_sheets_with_the_commission_put_the_year_before_it(case):
    _signed(case)
    kpi_sheet_agree(actor=case.head_user, sheet_id=case.sheet.pk)
    kpi_sheet_send(actor=case.hr_staff_user, sheet_id=case.sheet.pk)
    competency = competency_sheet_open(actor=case.b_head_user, evaluation_id=case.evaluation.pk)
    competency_sheet_sign(actor=case.b_head_user, sheet_id=competency.pk)
    competency_sheet_send(actor=case.hr_staff_user, sheet_id=competency.pk)
    case.evaluation.refresh_from_db()
    assert case.evaluation.status == EvaluationStatus.BEFORE_COMMISSION
    assert CompetencySheet.objects.get().status == "sent"
    assert AuditEntry.objects.filter(
        action="to_commission", object_id=str(case.evaluation.pk)
    ).exists()


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        ("b_staff1_user", "sign", PermissionDenied),  # the evaluatee sees, does not sign
        ("hr_staff_user", "sign", PermissionDenied),  # HR does not sign for the manager
        ("a_head_user", "sign", Http404),  # another manager: not his
        ("outsider_user", "sign", Http404),
        ("b_head_user", "agree", PermissionDenied),  # the direct manager does not agree
        ("hr_staff_user", "agree", PermissionDenied),
        ("head_user", "send", PermissionDenied),  # only HR sends to the commission
    ],
)
def test_who_may_not_and_nothing_changes(case, who, action, error):
    rows = {n: {"actual": "x", "achieved": True} for n in range(1, 6)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.sheet.pk, rows=rows)
    if action != "sign":
        kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.sheet.pk)
    if action == "send":
        kpi_sheet_agree(actor=case.head_user, sheet_id=case.sheet.pk)
    before = _snapshot(case.sheet)
    user = getattr(case, who)
    services = {"sign": kpi_sheet_sign, "agree": kpi_sheet_agree, "send": kpi_sheet_send}
    with pytest.raises(error):
        services[action](actor=user, sheet_id=case.sheet.pk)
    assert _snapshot(case.sheet) == before


def test_the_servant_and_other_managers_cannot_fill(case):
    before = _snapshot(case.sheet)
    with pytest.raises(PermissionDenied):
        kpi_sheet_fill(actor=case.b_staff1_user, sheet_id=case.sheet.pk, rows={1: {"actual": "1"}})
    with pytest.raises(Http404):
        kpi_sheet_fill(actor=case.a_head_user, sheet_id=case.sheet.pk, rows={1: {"actual": "1"}})
    with pytest.raises(Http404):
        kpi_sheet_open(actor=case.a_head_user, evaluation_id=case.evaluation.pk)
    assert _snapshot(case.sheet) == before
