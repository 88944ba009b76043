"""The App. 3 competency sheet (seed 004 p.25-28, App. 3-4; EDITIONS.md §2.2 F1-F3, §9 T-7-T-9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.core.errors import DomainError
from bagalau.notifications.models import Notification
from bagalau.org.models import Position
from bagalau.typical.models import App4Row, CompetencySheet, CompetencySheetStatus
from bagalau.typical.selectors import competency_lines, competency_sheet_deadlines
from bagalau.typical.services.competency_sheet import (
    app4_row_set,
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_send,
    competency_sheet_sign,
)
from tests.typical.conftest import evaluation_of, opened

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(tw):
    """b_staff1 (B-4: the "staff" row of sjc-2018's App. 4) with the open competency sheet."""
    tw.schedule = opened(tw)
    tw.evaluation = evaluation_of(tw.schedule, tw.b_staff1)
    tw.sheet = competency_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    return tw


def _snapshot(sheet: CompetencySheet) -> tuple:
    sheet.refresh_from_db()
    return sheet.status, sheet.version, sheet.observed, sheet.results, sheet.signed_on


def test_the_sheet_takes_the_tier_and_leaves_out_competencies_6_and_7(case):
    assert (case.sheet.tier, case.sheet.provides_services) == ("staff", False)
    codes = [line.code for line in competency_lines(case.sheet)]
    assert len(codes) == 9
    assert "service_orientation" not in codes
    assert "service_informing" not in codes


def test_a_position_providing_public_services_has_all_eleven(tw):
    Position.objects.filter(pk=tw.b_staff1_assignment.position_id).update(provides_services=True)
    evaluation = evaluation_of(opened(tw), tw.b_staff1)
    sheet = competency_sheet_open(actor=tw.hr_staff_user, evaluation_id=evaluation.pk)
    assert len(competency_lines(sheet)) == 11


def test_a_category_app4_does_not_cover_waits_for_hrs_row(tw):
    """T-8: sjc-2018 has no indicators for B-3; the sheet opens once HR gives the position a row,
    with a reason; the KPI sheet is not affected."""
    evaluation = evaluation_of(opened(tw), tw.a_staff1)
    with pytest.raises(DomainError) as error:
        competency_sheet_open(actor=tw.a_head_user, evaluation_id=evaluation.pk)
    assert error.value.field == "app4_row"
    assert "B-3" in error.value.message
    assert not CompetencySheet.objects.exists()
    position = tw.a_staff1_assignment.position_id
    with pytest.raises(DomainError) as error:
        app4_row_set(
            actor=tw.hr_staff_user, position_id=position, edition="sjc-2018", row="staff", reason=""
        )
    assert error.value.field == "reason"
    with pytest.raises(Http404):
        app4_row_set(
            actor=tw.a_head_user, position_id=position, edition="sjc-2018", row="staff", reason="x"
        )
    assert not App4Row.objects.exists()
    app4_row_set(
        actor=tw.hr_staff_user,
        position_id=position,
        edition="sjc-2018",
        row="staff",
        reason="Бас маман: орындаушы лауазым",
    )
    sheet = competency_sheet_open(actor=tw.a_head_user, evaluation_id=evaluation.pk)
    assert sheet.tier == "staff"


def test_an_explicit_row_must_be_one_app4_lists_for_the_category(tw):
    with pytest.raises(DomainError) as error:
        app4_row_set(
            actor=tw.hr_staff_user,
            position_id=tw.b_staff1_assignment.position_id,
            edition="sjc-2018",
            row="top",
            reason="x",
        )
    assert error.value.field == "app4_row"
    assert not App4Row.objects.exists()


def test_three_quarters_observed_meets_and_the_missing_are_named(case):
    """T-7: with 4 effective indicators 3 are needed (activity_management, staff row); with 3,
    all 3 (cooperation); column 4 names the ones not observed, only when it does not meet."""
    competency_sheet_fill(
        actor=case.b_head_user,
        sheet_id=case.sheet.pk,
        observed={"activity_management": [1, 2, 4], "cooperation": [1, 3], "responsibility": [1]},
    )
    sheet = competency_sheet_sign(
        actor=case.b_head_user, sheet_id=case.sheet.pk, signed_on=dt.date(2019, 12, 10)
    )
    assert sheet.status == CompetencySheetStatus.SIGNED
    assert sheet.results["activity_management"] == {
        "result": "meets",
        "observed": 3,
        "indicators": 4,
        "missing": [3],
    }
    assert sheet.results["cooperation"]["result"] == "does_not_meet"
    assert sheet.results["responsibility"]["result"] == "meets"
    lines = {line.code: line for line in competency_lines(sheet)}
    assert lines["activity_management"].missing == []
    assert lines["cooperation"].missing == [lines["cooperation"].indicators[1].text]
    assert lines["cooperation"].result == "Does not meet the expected result"


@pytest.mark.parametrize(
    ("observed", "field"),
    [
        ({"cooperation": [4]}, "observed.cooperation[0]"),
        ({"cooperation": [1, 1]}, "observed.cooperation[1]"),
        ({"service_orientation": [1]}, "observed.service_orientation"),
        ({"charm": [1]}, "observed.charm"),
    ],
    ids=["beyond-the-tier", "twice", "services-only", "unknown"],
)
def test_a_wrong_checklist_is_refused_and_nothing_saved(case, observed, field):
    before = _snapshot(case.sheet)
    with pytest.raises(DomainError) as error:
        competency_sheet_fill(actor=case.b_head_user, sheet_id=case.sheet.pk, observed=observed)
    assert error.value.field == field
    assert _snapshot(case.sheet) == before


def test_a_signed_sheet_refuses_an_edit_naming_the_field(case):
    competency_sheet_sign(actor=case.b_head_user, sheet_id=case.sheet.pk)
    before = _snapshot(case.sheet)
    with pytest.raises(DomainError) as error:
        competency_sheet_fill(
            actor=case.b_head_user, sheet_id=case.sheet.pk, observed={"integrity": [1]}
        )
    assert error.value.field == "observed.integrity"
    assert _snapshot(case.sheet) == before


def test_hr_sends_within_two_working_days_of_the_signature_across_the_holiday(clock, case):
    """p.28: signed on Friday 13 December 2019, due at the commission on Thursday 19 December
    (16-17 December are Independence Day); nobody else reviews the sheet."""
    clock(dt.date(2019, 12, 13))
    competency_sheet_sign(actor=case.b_head_user, sheet_id=case.sheet.pk)
    notice = Notification.objects.get(
        kind="typical_competency_sheet_to_send", recipient=case.hr_staff_user
    )
    assert notice.params["due"] == "19.12.2019"
    clock(dt.date(2019, 12, 19))
    sheet = competency_sheet_send(actor=case.hr_staff_user, sheet_id=case.sheet.pk)
    send = next(d for d in competency_sheet_deadlines(sheet) if d.step == "send_competency")
    assert (sheet.status, send.due, send.late_by) == ("sent", dt.date(2019, 12, 19), 0)


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        ("b_staff1_user", "sign", PermissionDenied),
        ("head_user", "sign", PermissionDenied),  # the superior does not review it (p.28)
        ("a_head_user", "sign", Http404),
        ("outsider_user", "sign", Http404),
        ("b_head_user", "send", PermissionDenied),
        ("head_user", "send", PermissionDenied),
    ],
)
def test_who_may_not_and_nothing_changes(case, who, action, error):
    if action == "send":
        competency_sheet_sign(actor=case.b_head_user, sheet_id=case.sheet.pk)
    before = _snapshot(case.sheet)
    services = {"sign": competency_sheet_sign, "send": competency_sheet_send}
    with pytest.raises(error):
        services[action](actor=getattr(case, who), sheet_id=case.sheet.pk)
    assert _snapshot(case.sheet) == before


def test_the_servant_cannot_tick_indicators(case):
    before = _snapshot(case.sheet)
    with pytest.raises(PermissionDenied):
        competency_sheet_fill(
            actor=case.b_staff1_user, sheet_id=case.sheet.pk, observed={"integrity": [1]}
        )
    assert _snapshot(case.sheet) == before
