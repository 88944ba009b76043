"""The bad-input catalogue (issue 8, item 5): for each case the endpoint or form, the hostile input,
and then: the answer is the refusal the case names (never a server error), the error names the
field at fault, and the database did not change at all (no partial write).

Text over its bound (a 5,000-character surname, a 10,000-character note, a 1 MB justification),
non-ASCII digits ("٤" is 4 to Python), dates out of 2000–2100, ids that are not whole numbers, NUL
characters (PostgreSQL cannot store them), bodies that are not JSON or nested too deep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from rest_framework.test import APIClient

from bagalau.plans.models import PlanStatus
from tests.calibration.conftest import Flow
from tests.factories import AbsenceFactory, KpiFactory, ScheduleFactory
from tests.notifications.conftest import kpi_sheet, plan, sheet, signed
from tests.security.conftest import db_state

LONG = "Ж" * 5000  # over every text bound
NOTE = "н" * 10_000
MEGA = "м" * (1024 * 1024)  # over the request body limit
FOUR = "٤"  # ARABIC-INDIC DIGIT FOUR
YEAR = "٢٠٢٦"  # 2026 in Arabic-Indic digits
NUL = "a\x00b"


@dataclass
class Case:
    """One hostile request and the refusal expected."""

    id: str
    actor: str  # a user of the world ("a_head" → world.a_head_user)
    url: Callable[[Any], str]  # from the prepared objects
    data: Callable[[Any], Any] = lambda o: {}
    method: str = "post"
    status: int = 400
    field: str = "$"
    page: bool = False  # a form of the web pages (else the API)
    prepare: Callable[[Any, Any], Any] = lambda w, clock: None
    raw: bool = False  # data is the raw JSON body text
    extra: dict[str, Any] = dataclass_field(default_factory=dict)


# --- the objects a case needs ------------------------------------------------------------------


def _absence(w, clock):
    return AbsenceFactory(servant=w.a_staff1, start=dt.date(2026, 5, 4), end=dt.date(2026, 5, 8))


def _draft_plan(w, clock):
    clock(dt.date(2026, 1, 20))
    p = plan(w, PlanStatus.DRAFT)
    p.kpi = KpiFactory(plan=p)
    return p


def _schedule(w, clock):
    return ScheduleFactory(organisation=w.org, drafted_by=w.hr_staff_user, status="submitted")


def _diff_sheet(w, clock):
    clock(dt.date(2026, 4, 6))
    return sheet(w)


def _kpi_sheet(w, clock):
    clock(dt.date(2026, 4, 1))
    evaluation = kpi_sheet(w)
    evaluation.row = evaluation.kpi_results.order_by("pk").first()
    return evaluation


def _signed(w, clock):
    clock(dt.date(2026, 3, 20))
    return signed(w)


def _flow(stage: str) -> Callable[[Any, Any], Any]:
    def build(w, clock):
        flow = Flow(w, clock)
        if stage == "evaluation":
            clock(dt.date(2026, 4, 14))
            return flow
        getattr(flow, stage)()
        return flow

    return build


def _period(w, clock):
    return _diff_sheet(w, clock).period


API = "/api/v1"
UNITS = f"{API}/org/units/"
POSITIONS = f"{API}/org/positions/"
SERVANTS = f"{API}/org/servants/"


def servant_body(**values: Any) -> Callable[[Any], dict[str, Any]]:
    return lambda o: {"last_name": "Сейітов", "first_name": "Арман", **values}


def unit_body(**values: Any) -> Callable[[Any], dict[str, Any]]:
    return lambda o: {"name_kk": "Жаңа бөлім", **values}


def kpi_body(**values: Any) -> Callable[[Any], dict[str, Any]]:
    def body(p):
        return {
            "version": p.version,
            "name": "Өтініштерді қарау",
            "source": "Стратегиялық жоспар",
            "unit": "%",
            "direction": "increase",
            "plan_q1": "10",
            "plan_q2": "20",
            "plan_q3": "30",
            "plan_q4": "40",
            "deadline": "2026-12-25",
            "key_result": "Барлық өтініштер қаралды",
            **values,
        }

    return body


def appoint_body(**values: Any) -> Callable[[Any], dict[str, Any]]:
    return lambda o: {
        "position": o.a_staff1_assignment.position_id,
        "start": "2026-05-04",
        **values,
    }


def absence_body(**values: Any) -> Callable[[Any], dict[str, Any]]:
    return lambda o: {"kind": "leave", "start": "2026-05-04", "end": "2026-05-08", **values}


def decision_body(**values: Any) -> Callable[[Any], dict[str, Any]]:
    return lambda f: {
        "participants": [u.pk for u in f.participants],
        "scheduled_for": "2026-04-21T10:00:00+05:00",
        "place": "Мәжіліс залы",
        **values,
    }


def feedback_body(**values: Any) -> Callable[[Any], dict[str, Any]]:
    return lambda f: {
        "held_on": "2026-04-24",
        "achievements": "Уақытында.",
        "skills": "Өсті.",
        "potential": "Дайын.",
        **values,
    }


W = lambda o: o  # noqa: E731 — the world itself is the prepared object


CASES = [
    # --- org: units, positions, servants ---------------------------------------------------------
    Case("unit-name-5000", "hr_staff", lambda o: UNITS, unit_body(name_kk=LONG), field="name_kk"),
    Case(
        "unit-name-301", "hr_staff", lambda o: UNITS, unit_body(name_kk="Б" * 301), field="name_kk"
    ),
    Case(
        "unit-name-ru-5000", "hr_staff", lambda o: UNITS, unit_body(name_ru=LONG), field="name_ru"
    ),
    Case("unit-name-nul", "hr_staff", lambda o: UNITS, unit_body(name_kk=NUL), field="name_kk"),
    Case("unit-order-arabic", "hr_staff", lambda o: UNITS, unit_body(order=FOUR), field="order"),
    Case("unit-order-huge", "hr_staff", lambda o: UNITS, unit_body(order=2**31), field="order"),
    Case("unit-order-letters", "hr_staff", lambda o: UNITS, unit_body(order="abc"), field="order"),
    Case("unit-parent-arabic", "hr_staff", lambda o: UNITS, unit_body(parent=FOUR), field="parent"),
    Case("unit-body-1mb", "hr_staff", lambda o: UNITS, unit_body(name_kk=MEGA), status=413),
    Case(
        "unit-body-nested-1000",
        "hr_staff",
        lambda o: UNITS,
        lambda o: "[" * 1000 + "]" * 1000,
        raw=True,
    ),
    Case("unit-body-not-json", "hr_staff", lambda o: UNITS, lambda o: '{"name_kk": ', raw=True),
    Case(
        "unit-patch-name-5000",
        "hr_staff",
        lambda o: f"{UNITS}{o.unit_a.pk}/",
        lambda o: {"name_en": LONG},
        method="patch",
        field="name_en",
    ),
    Case(
        "position-name-301",
        "hr_staff",
        lambda o: POSITIONS,
        lambda o: {"unit": o.unit_a.pk, "name_kk": "Л" * 301},
        field="name_kk",
    ),
    Case(
        "position-category-5000",
        "hr_staff",
        lambda o: POSITIONS,
        lambda o: {"unit": o.unit_a.pk, "name_kk": "Маман", "category": LONG},
        field="category",
    ),
    Case(
        "position-unit-arabic",
        "hr_staff",
        lambda o: POSITIONS,
        lambda o: {"unit": "٣", "name_kk": "Маман"},
        field="unit",
    ),
    Case(
        "servant-surname-5000",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(last_name=LONG),
        field="last_name",
    ),
    Case(
        "servant-surname-101",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(last_name="С" * 101),
        field="last_name",
    ),
    Case(
        "servant-first-name-101",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(first_name="А" * 101),
        field="first_name",
    ),
    Case(
        "servant-patronymic-101",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(patronymic="Ұ" * 101),
        field="patronymic",
    ),
    Case(
        "servant-personnel-number-31",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(personnel_number="7" * 31),
        field="personnel_number",
    ),
    Case(
        "servant-email-5000",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(email="a" * 5000 + "@example.kz"),
        field="email",
    ),
    Case(
        "servant-username-151",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(username="u" * 151, password="Uzyn-Qupia-2026"),
        field="username",
    ),
    Case(
        "servant-surname-nul",
        "hr_staff",
        lambda o: SERVANTS,
        servant_body(last_name=NUL),
        field="last_name",
    ),
    Case(
        "servant-patch-surname-5000",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff1.pk}/",
        lambda o: {"last_name": LONG},
        method="patch",
        field="last_name",
    ),
    # --- org: absences, appointments, administration ---------------------------------------------
    Case(
        "absence-note-10000",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff1.pk}/absences/",
        absence_body(note=NOTE),
        field="note",
    ),
    Case(
        "absence-note-301",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff1.pk}/absences/",
        absence_body(note="н" * 301),
        field="note",
    ),
    Case(
        "absence-to-9999",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff1.pk}/absences/",
        absence_body(end="9999-12-31"),
        field="end",
    ),
    Case(
        "absence-from-1899",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff1.pk}/absences/",
        absence_body(start="1899-01-01"),
        field="start",
    ),
    Case(
        "absence-arabic-date",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff1.pk}/absences/",
        absence_body(start="٢٠٢٦-٠٥-٠٤"),
        field="start",
    ),
    Case(
        "absence-kind-5000",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff1.pk}/absences/",
        absence_body(kind=LONG),
        field="kind",
    ),
    Case(
        "absence-patch-to-9999",
        "hr_staff",
        lambda a: f"{API}/org/absences/{a.pk}/",
        lambda a: {"end": "9999-12-31"},
        method="patch",
        field="end",
        prepare=_absence,
    ),
    Case(
        "appoint-start-2101",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff2.pk}/transfer/",
        appoint_body(start="2101-01-01"),
        field="start",
    ),
    Case(
        "appoint-position-arabic",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff2.pk}/transfer/",
        appoint_body(position=FOUR),
        field="position",
    ),
    Case(
        "appoint-probation-9999",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff2.pk}/transfer/",
        appoint_body(probation_until="9999-12-31"),
        field="probation_until",
    ),
    Case(
        "dismiss-year-1",
        "hr_staff",
        lambda o: f"{SERVANTS}{o.a_staff2.pk}/dismiss/",
        lambda o: {"end": "0001-01-01"},
        field="end",
    ),
    Case(
        "managers-arabic-id",
        "hr_staff",
        lambda o: f"{API}/org/assignments/{o.a_staff1_assignment.pk}/managers/",
        lambda o: {"direct_manager": "٢"},
        method="patch",
        field="direct_manager",
    ),
    Case(
        "transfer-note-5000",
        "admin",
        lambda o: f"{API}/org/calendar-transfers/",
        lambda o: {"working_day": "2026-06-06", "note": LONG},
        field="note",
    ),
    Case(
        "transfer-day-9999",
        "admin",
        lambda o: f"{API}/org/calendar-transfers/",
        lambda o: {"working_day": "9999-12-31"},
        field="working_day",
    ),
    Case(
        "edition-from-2200",
        "admin",
        lambda o: f"{API}/org/editions/",
        lambda o: {"edition": "sjc-2023", "valid_from": "2200-01-01"},
        field="valid_from",
    ),
    Case(
        "edition-code-5000",
        "admin",
        lambda o: f"{API}/org/editions/",
        lambda o: {"edition": LONG, "valid_from": "2026-01-01"},
        field="edition",
    ),
    Case(
        "role-user-arabic",
        "admin",
        lambda o: f"{API}/org/roles/",
        lambda o: {"user": FOUR, "role": "hr"},
        field="user",
    ),
    Case(
        "role-name-5000",
        "admin",
        lambda o: f"{API}/org/roles/",
        lambda o: {"user": o.a_staff1_user.pk, "role": LONG},
        field="role",
    ),
    Case(
        "positions-unit-letters",
        "hr_staff",
        lambda o: f"{POSITIONS}?unit=abc",
        method="get",
        field="unit",
    ),
    Case(
        "positions-unit-arabic",
        "hr_staff",
        lambda o: f"{POSITIONS}?unit={FOUR}",
        method="get",
        field="unit",
    ),
    Case(
        "positions-unit-superscript",
        "hr_staff",
        lambda o: f"{POSITIONS}?unit=²",
        method="get",
        field="unit",
    ),
    Case(
        "servants-organisation-arabic",
        "hr_staff",
        lambda o: f"{SERVANTS}?organisation={FOUR}",
        method="get",
        field="organisation",
    ),
    Case("unit-id-letters", "hr_staff", lambda o: f"{UNITS}abc/", method="get", status=404),
    Case("unit-id-arabic", "hr_staff", lambda o: f"{UNITS}{FOUR}/", method="get", status=404),
    Case("unknown-url", "hr_staff", lambda o: f"{API}/org/nothing/", method="get", status=404),
    # --- plans -----------------------------------------------------------------------------------
    Case(
        "initiate-year-arabic",
        "hr_staff",
        lambda o: f"{API}/plans/initiate/",
        lambda o: {"year": YEAR},
        field="year",
    ),
    Case(
        "initiate-year-huge",
        "hr_staff",
        lambda o: f"{API}/plans/initiate/",
        lambda o: {"year": 10**12},
        field="year",
    ),
    Case(
        "for-assignment-letters",
        "hr_staff",
        lambda o: f"{API}/plans/for-assignment/",
        lambda o: {"assignment": "abc", "year": 2026},
        field="assignment",
    ),
    Case(
        "plans-year-arabic",
        "hr_staff",
        lambda o: f"{API}/plans/?year={YEAR}",
        method="get",
        field="year",
    ),
    Case(
        "kpi-name-5000",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/",
        kpi_body(name=LONG),
        field="name",
        prepare=_draft_plan,
    ),
    Case(
        "kpi-source-10000",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/",
        kpi_body(source=NOTE),
        field="source",
        prepare=_draft_plan,
    ),
    Case(
        "kpi-key-result-5000",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/",
        kpi_body(key_result=LONG),
        field="key_result",
        prepare=_draft_plan,
    ),
    Case(
        "kpi-unit-61",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/",
        kpi_body(unit="%" * 61),
        field="unit",
        prepare=_draft_plan,
    ),
    Case(
        "kpi-plan-arabic",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/",
        kpi_body(plan_q1=FOUR),
        field="plan_q1",
        prepare=_draft_plan,
    ),
    Case(
        "kpi-deadline-9999",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/",
        kpi_body(deadline="9999-12-31"),
        field="deadline",
        prepare=_draft_plan,
    ),
    Case(
        "kpi-version-arabic",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/",
        kpi_body(version="٣"),
        field="version",
        prepare=_draft_plan,
    ),
    Case(
        "kpi-edit-name-5000",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/kpis/{p.kpi.pk}/",
        kpi_body(name=LONG),
        method="put",
        field="name",
        prepare=_draft_plan,
    ),
    Case(
        "plan-return-comment-5000",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/transitions/return/",
        lambda p: {"version": p.version, "comment": LONG},
        field="comment",
        prepare=_draft_plan,
    ),
    Case(
        "plan-change-reason-10000",
        "deputy",
        lambda p: f"{API}/plans/{p.pk}/changes/",
        lambda p: {"version": p.version, "reason": NOTE, "kpi": p.kpi.pk},
        field="reason",
        prepare=_draft_plan,
    ),
    # --- evaluations: schedules and periods ------------------------------------------------------
    Case(
        "schedule-year-arabic",
        "hr_staff",
        lambda o: f"{API}/evaluations/schedules/",
        lambda o: {"year": YEAR},
        field="year",
    ),
    Case(
        "schedule-organisation-letters",
        "hr_staff",
        lambda o: f"{API}/evaluations/schedules/",
        lambda o: {"organisation": "abc", "year": 2027},
        field="organisation",
    ),
    Case(
        "schedules-year-letters",
        "hr_staff",
        lambda o: f"{API}/evaluations/schedules/?year=abc",
        method="get",
        field="year",
    ),
    Case(
        "schedule-return-comment-5000",
        "head",
        lambda s: f"{API}/evaluations/schedules/{s.pk}/return/",
        lambda s: {"comment": LONG},
        field="comment",
        prepare=_schedule,
    ),
    Case(
        "planned-date-9999",
        "hr_staff",
        lambda p: f"{API}/evaluations/periods/{p.pk}/planned-date/",
        lambda p: {"planned_date": "9999-12-31"},
        field="planned_date",
        prepare=_period,
    ),
    Case(
        "planned-date-arabic",
        "hr_staff",
        lambda p: f"{API}/evaluations/periods/{p.pk}/planned-date/",
        lambda p: {"planned_date": "٢٠٢٦-٠٤-١٠"},
        field="planned_date",
        prepare=_period,
    ),
    # --- evaluations: sheets ---------------------------------------------------------------------
    Case(
        "differentiation-justification-5000",
        "a_head",
        lambda e: f"{API}/evaluations/{e.pk}/differentiation/",
        lambda e: {"version": e.version, "justification": LONG},
        field="justification",
        prepare=_diff_sheet,
    ),
    Case(
        "differentiation-justification-1mb",
        "a_head",
        lambda e: f"{API}/evaluations/{e.pk}/differentiation/",
        lambda e: {"version": e.version, "justification": MEGA},
        status=413,
        prepare=_diff_sheet,
    ),
    Case(
        "differentiation-reason-5000",
        "a_head",
        lambda e: f"{API}/evaluations/{e.pk}/differentiation/",
        lambda e: {"version": e.version, "justifications": {"quality": LONG}},
        field="justifications.quality",
        prepare=_diff_sheet,
    ),
    Case(
        "differentiation-score-arabic",
        "a_head",
        lambda e: f"{API}/evaluations/{e.pk}/differentiation/",
        lambda e: {"version": e.version, "scores": {"quality": FOUR}},
        field="scores.quality",
        prepare=_diff_sheet,
    ),
    Case(
        "differentiation-version-arabic",
        "a_head",
        lambda e: f"{API}/evaluations/{e.pk}/differentiation/",
        lambda e: {"version": "١", "justification": "Жақсы"},
        field="version",
        prepare=_diff_sheet,
    ),
    Case(
        "kpi-score-arabic",
        "deputy",
        lambda e: f"{API}/evaluations/{e.pk}/kpi-sheet/",
        lambda e: {"version": e.version, "scores": {str(e.row.pk): FOUR}},
        field="scores.0",
        prepare=_kpi_sheet,
        extra={"field_prefix": "kpis"},
    ),
    Case(
        "actual-arabic",
        "hr_staff",
        lambda e: f"{API}/evaluations/{e.pk}/actuals/",
        lambda e: {"version": e.version, "actuals": {str(e.row.pk): "١٠"}},
        field="actuals",
        prepare=_kpi_sheet,
        extra={"field_prefix": "kpis"},
    ),
    Case(
        "actual-key-arabic",
        "hr_staff",
        lambda e: f"{API}/evaluations/{e.pk}/actuals/",
        lambda e: {"version": e.version, "actuals": {FOUR: "10"}},
        field=f"actuals.{FOUR}",
        prepare=_kpi_sheet,
    ),
    Case(
        "actual-5000-digits",
        "hr_staff",
        lambda e: f"{API}/evaluations/{e.pk}/actuals/",
        lambda e: {"version": e.version, "actuals": {str(e.row.pk): "9" * 5000}},
        field="actuals",
        prepare=_kpi_sheet,
        extra={"field_prefix": True},
    ),
    Case(
        "refusal-text-10000",
        "hr_staff",
        lambda e: f"{API}/evaluations/{e.pk}/refusal-act/",
        lambda e: {"text": NOTE, "witness_1": 1, "witness_2": 2},
        field="text",
        prepare=_signed,
    ),
    Case(
        "refusal-witness-arabic",
        "hr_staff",
        lambda e: f"{API}/evaluations/{e.pk}/refusal-act/",
        lambda e: {"text": "Бас тартты.", "witness_1": FOUR, "witness_2": 2},
        field="witness_1",
        prepare=_signed,
    ),
    Case(
        "sign-version-letters",
        "a_head",
        lambda e: f"{API}/evaluations/{e.pk}/sign/",
        lambda e: {"version": "abc"},
        field="version",
        prepare=_diff_sheet,
    ),
    # --- calibration -----------------------------------------------------------------------------
    Case(
        "apply-text-10000",
        "a_staff1",
        lambda f: f"{API}/calibration/applications/",
        lambda f: {"evaluation_id": f.evaluation.pk, "text": NOTE},
        field="text",
        prepare=_flow("evaluation"),
    ),
    Case(
        "apply-evaluation-arabic",
        "a_staff1",
        lambda f: f"{API}/calibration/applications/",
        lambda f: {"evaluation_id": FOUR, "text": "Келіспеймін."},
        field="evaluation_id",
        prepare=_flow("evaluation"),
    ),
    Case(
        "decision-comment-5000",
        "head",
        lambda f: f"{API}/calibration/applications/{f.application.pk}/decision/",
        decision_body(comment=LONG),
        field="comment",
        prepare=_flow("apply"),
    ),
    Case(
        "decision-place-201",
        "head",
        lambda f: f"{API}/calibration/applications/{f.application.pk}/decision/",
        decision_body(place="з" * 201),
        field="place",
        prepare=_flow("apply"),
    ),
    Case(
        "decision-when-9999",
        "head",
        lambda f: f"{API}/calibration/applications/{f.application.pk}/decision/",
        decision_body(scheduled_for="9999-12-31T10:00:00+05:00"),
        field="scheduled_for",
        prepare=_flow("apply"),
    ),
    Case(
        "decision-participant-arabic",
        "head",
        lambda f: f"{API}/calibration/applications/{f.application.pk}/decision/",
        decision_body(participants=[FOUR]),
        field="participants.0",
        prepare=_flow("apply"),
    ),
    Case(
        "presentation-text-5000",
        "a_head",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/presentation/",
        lambda f: {"text": LONG},
        field="text",
        prepare=_flow("schedule"),
    ),
    Case(
        "vote-argument-10000",
        "deputy",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/votes/",
        lambda f: {"choice": "keep", "argument": NOTE},
        field="argument",
        prepare=_flow("present"),
    ),
    Case(
        "vote-score-arabic",
        "deputy",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/votes/",
        lambda f: {"choice": "raise", "score": "٤.٢"},
        field="score",
        prepare=_flow("present"),
    ),
    Case(
        "feedback-achievements-5000",
        "a_head",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/feedback/",
        feedback_body(achievements=LONG),
        field="achievements",
        prepare=_flow("post"),
    ),
    Case(
        "feedback-held-9999",
        "a_head",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/feedback/",
        feedback_body(held_on="9999-12-31"),
        field="held_on",
        prepare=_flow("post"),
    ),
    Case(
        "appeal-authority-301",
        "hr_staff",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/appeals/",
        lambda f: {"filed_on": "2026-04-27", "authority": "с" * 301},
        field="authority",
        prepare=_flow("feedback"),
    ),
    Case(
        "appeal-filed-1000",
        "hr_staff",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/appeals/",
        lambda f: {"filed_on": "1000-01-01", "authority": "Сот"},
        field="filed_on",
        prepare=_flow("feedback"),
    ),
    Case(
        "appeal-note-10000",
        "hr_staff",
        lambda f: f"{API}/calibration/sessions/{f.session.pk}/appeals/",
        lambda f: {"filed_on": "2026-04-27", "authority": "Сот", "note": NOTE},
        field="note",
        prepare=_flow("feedback"),
    ),
    # --- documents, notifications, audit ---------------------------------------------------------
    Case(
        "disposal-note-5000",
        "hr_head",
        lambda o: f"{API}/documents/disposals/",
        lambda o: {"organisation": o.org.pk, "evaluations": [1], "note": LONG},
        field="note",
    ),
    Case(
        "disposal-organisation-arabic",
        "hr_head",
        lambda o: f"{API}/documents/disposals/",
        lambda o: {"organisation": FOUR, "evaluations": [1]},
        field="organisation",
    ),
    Case(
        "disposal-evaluation-arabic",
        "hr_head",
        lambda o: f"{API}/documents/disposals/",
        lambda o: {"organisation": o.org.pk, "evaluations": [FOUR]},
        field="evaluations.0",
    ),
    Case(
        "disposals-organisation-letters",
        "hr_head",
        lambda o: f"{API}/documents/disposals/?organisation=abc",
        method="get",
        field="organisation",
    ),
    Case(
        "overdue-unit-letters",
        "hr_staff",
        lambda o: f"{API}/notifications/overdue/?unit=abc",
        method="get",
        field="unit",
    ),
    Case(
        "overdue-organisation-arabic",
        "hr_staff",
        lambda o: f"{API}/notifications/overdue/?organisation={FOUR}",
        method="get",
        field="organisation",
    ),
    Case(
        "audit-since-9999",
        "hr_head",
        lambda o: f"{API}/audit/entries/?since=9999-12-31",
        method="get",
        field="since",
    ),
    Case(
        "audit-until-arabic",
        "hr_head",
        lambda o: f"{API}/audit/entries/?until=٢٠٢٦-٠١-٠١",
        method="get",
        field="until",
    ),
    Case(
        "servants-search-nul",
        "hr_staff",
        lambda o: f"{SERVANTS}?q=a%00b",
        method="get",
        status=200,
    ),
    Case(
        "audit-actor-nul",
        "hr_head",
        lambda o: f"{API}/audit/entries/?actor=a%00b&object_id=1%00",
        method="get",
        status=200,
    ),
    Case(
        "audit-page-letters",
        "hr_head",
        lambda o: f"{API}/audit/entries/?page=abc",
        method="get",
        status=404,
    ),
    # --- the web pages' forms --------------------------------------------------------------------
    Case(
        "page-servant-surname-5000",
        "hr_staff",
        lambda o: "/org/servants/new/",
        servant_body(last_name=LONG),
        field="last_name",
        page=True,
    ),
    Case(
        "page-servant-surname-nul",
        "hr_staff",
        lambda o: "/org/servants/new/",
        servant_body(last_name=NUL),
        field="last_name",
        page=True,
    ),
    Case(
        "page-unit-name-301",
        "hr_staff",
        lambda o: "/org/units/new/",
        unit_body(name_kk="Б" * 301, order=0),
        field="name_kk",
        page=True,
    ),
    Case(
        "page-unit-order-arabic",
        "hr_staff",
        lambda o: "/org/units/new/",
        unit_body(order=FOUR),
        field="order",
        page=True,
    ),
    Case(
        "page-absence-to-9999",
        "hr_staff",
        lambda o: f"/org/servants/{o.a_staff1.pk}/absences/new/",
        absence_body(end="9999-12-31"),
        field="end",
        page=True,
    ),
    Case(
        "page-absence-note-10000",
        "hr_staff",
        lambda o: f"/org/servants/{o.a_staff1.pk}/absences/new/",
        absence_body(note=NOTE),
        field="note",
        page=True,
    ),
    Case(
        "page-calendar-note-5000",
        "admin",
        lambda o: "/org/administration/calendar/",
        lambda o: {"working_day": "2026-06-06", "note": LONG},
        field="note",
        page=True,
    ),
    Case(
        "page-appoint-start-2101",
        "hr_staff",
        lambda o: f"/org/servants/{o.a_staff2.pk}/transfer/",
        appoint_body(start="2101-01-01"),
        field="start",
        page=True,
    ),
    Case(
        "page-initiate-year-arabic",
        "hr_staff",
        lambda o: "/plans/initiate/",
        lambda o: {"year": YEAR},
        field="year",
        page=True,
        extra={"via": "messages", "message": "Type numbers with the digits 0–9."},
    ),
    Case(
        "page-kpi-name-5000",
        "deputy",
        lambda p: f"/plans/{p.pk}/kpis/add/",
        kpi_body(name=LONG),
        field="name",
        page=True,
        prepare=_draft_plan,
    ),
    Case(
        "page-kpi-plan-arabic",
        "deputy",
        lambda p: f"/plans/{p.pk}/kpis/add/",
        kpi_body(plan_q1=FOUR),
        field="plan_q1",
        page=True,
        prepare=_draft_plan,
    ),
    Case(
        "page-servants-search-nul",
        "hr_staff",
        lambda o: "/org/servants/?q=a%00b",
        method="get",
        page=True,
        extra={"via": "shown"},
    ),
    Case(
        "page-audit-actor-nul",
        "hr_head",
        lambda o: "/audit/?actor=a%00b&object_id=1%00",
        method="get",
        page=True,
        extra={"via": "shown"},
    ),
    Case(
        "page-schedule-year-superscript",
        "hr_staff",
        lambda o: "/evaluations/schedule/?year=²⁰²⁶",
        method="get",
        page=True,
        extra={"via": "shown"},
    ),
    Case(
        "page-schedule-year-arabic",
        "hr_staff",
        lambda o: "/evaluations/schedule/draft/",
        lambda o: {"year": YEAR},
        field="year",
        page=True,
        extra={"form": "draft_form"},
    ),
    Case(
        "page-differentiation-justification-5000",
        "a_head",
        lambda e: f"/evaluations/sheets/{e.pk}/differentiation/",
        lambda e: {"version": e.version, "justification": LONG},
        field="justification",
        page=True,
        prepare=_diff_sheet,
    ),
    Case(
        "page-apply-text-10000",
        "a_staff1",
        lambda f: f"/calibration/apply/{f.evaluation.pk}/",
        lambda f: {"text": NOTE},
        field="text",
        page=True,
        prepare=_flow("evaluation"),
    ),
    Case(
        "page-vote-score-arabic",
        "deputy",
        lambda f: f"/calibration/sessions/{f.session.pk}/voting/",
        lambda f: {"choice": "raise", "score": "٤"},
        field="score",
        page=True,
        prepare=_flow("present"),
    ),
]


def test_the_catalogue_is_large_and_its_ids_are_unique():
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_refused_without_a_server_error_or_a_partial_write(world, clock, case):
    clock(dt.date(2026, 4, 14))
    run_case(world, clock, case)


def run_case(world: Any, clock: Any, case: Case) -> None:
    """Send the case's request and check the refusal it names and that nothing changed."""
    prepared = case.prepare(world, clock)
    target = world if prepared is None else prepared
    user = getattr(world, f"{case.actor}_user")
    url, data = case.url(target), case.data(target)
    if case.page:
        client = Client()
        client.cookies["bagalau_language"] = "en"
        client.force_login(user)  # writes last_login: before the snapshot
    before = db_state()

    if case.page:
        response = getattr(client, case.method)(url, data)
        if case.extra.get("via") == "messages":  # the page redirects and shows the error
            assert response.status_code == 302
            shown = [str(m) for m in get_messages(response.wsgi_request)]
            assert case.extra["message"] in shown, shown
        elif case.extra.get("via") == "shown":  # the page ignores the value and shows itself
            assert response.status_code == 200, response.status_code
        elif case.extra.get("via") == "context":  # the page shows a service's DomainError
            assert response.status_code == 400, response.status_code
            assert response.context["error"].field == case.field, response.context["error"]
        else:
            assert response.status_code in (200, 400), response.status_code
            form = _form_of(response, case.extra.get("form", "form"))
            assert case.field in form.errors, form.errors
    else:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        client.force_authenticate(user)
        if case.raw:
            response = client.generic(case.method.upper(), url, data, "application/json")
        elif case.method == "get":
            response = client.get(url)
        else:
            response = getattr(client, case.method)(url, data, format="json")
        assert response.status_code == case.status, (response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        if case.status >= 400:  # else a search that finds nothing, say
            error = response.json()["error"]
            assert set(error) == {"field", "message"}
            assert error["message"]
            assert _field_matches(error["field"], case), error
    assert db_state() == before


def _form_of(response, name: str) -> Any:
    for context in response.context:
        form = context.get(name)
        if form is not None and hasattr(form, "errors"):
            return form
    raise AssertionError("the page shows no form")


def _field_matches(actual: str, case: Case) -> bool:
    prefix = case.extra.get("field_prefix")
    if prefix is True:
        return actual.startswith(case.field)
    if prefix:
        return actual == case.field or actual.startswith(f"{prefix}[")
    return actual == case.field
