"""Seed 002 p.19(4): the head of the Sector holds the calibration session "калибрлеу сессияларына
дайындық шеңберінде әр қызметкерге ақпарат дайындауды қоса алғанда". The information on the
servant — post, the sheet as signed (App. 2 / App. 4 with the justifications), the evaluator's
score, the application; for an annual result its quarters — is on the session page for those who
see the result and in the protocol PDF; never the servant's other quarters of a quarterly result,
never for HR staff who follow the workflow only (p.15, p.20)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.urls import reverse

from bagalau.calibration.brief import session_brief
from bagalau.documents.selectors import protocol_data
from bagalau.evaluations.models import EvaluationStatus, Method
from tests.documents.conftest import aware, make_session
from tests.factories import EvaluationFactory, PeriodFactory


def test_the_kpi_sheet_of_the_quarter_under_calibration(kpi_case):
    brief = session_brief(kpi_case.session, language="kk")
    assert brief["method"] == "kpi"
    assert brief["score"] == D("4.85")
    rows = [
        (line["number"], line["planned"], line["actual"], line["percent"], line["score"])
        for line in brief["kpis"]
    ]
    assert rows == [
        (1, "10", "10.5", D("105.00"), D("5.00")),
        (2, "20", "21", D("95.24"), D("4.75")),
        (3, "40", "37", D("92.50"), D("4.65")),
        (4, "1", "", D("100.00"), D("5.00")),
    ]
    assert brief["kpis"][3]["achieved"] is True
    assert "9.2" not in str(brief)  # Q1's actual value: another quarter is not part of it
    assert brief["application"] == "Бағамен келіспеймін."
    assert brief["application_on"] == dt.date(2026, 7, 14)


def test_the_protocol_pdf_prints_it(kpi_case, diff_case):
    kpi = protocol_data(kpi_case.session, language="ru")["brief"]
    assert [(line["actual"], line["score"]) for line in kpi["kpis"]] == [
        ("10.5", "5.00"),
        ("21", "4.75"),
        ("37", "4.65"),
        ("да", "5.00"),
    ]
    diff = protocol_data(diff_case.session, language="kk")["brief"]
    assert [(line["score"], line["justification"]) for line in diff["parameters"]] == [
        ("5", "quality: ескертулер болған жоқ"),
        ("4", "timeliness: ескертулер болған жоқ"),
        ("4", "initiative: ескертулер болған жоқ"),
        ("5", "discipline: ескертулер болған жоқ"),
    ]
    assert diff["justification"] == "Тапсырмаларды сапалы әрі уақытында орындады."
    assert diff["application"] == "Бағамен келіспеймін."


def test_an_annual_result_brings_its_quarters(world, kpi_case, schedule):
    annual = EvaluationFactory(
        period=PeriodFactory(
            schedule=schedule,
            kind="annual",
            number=None,
            starts=dt.date(2026, 1, 1),
            ends=dt.date(2026, 12, 31),
            deadline=dt.date(2027, 1, 10),
        ),
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        method=Method.ANNUAL,
        status=EvaluationStatus.CALIBRATION,
        score=D("4.82"),
        rating="effective",
        signed_at=aware(dt.date(2027, 1, 10)),
        acknowledged_at=aware(dt.date(2027, 1, 11)),
    )
    session = make_session(
        annual,
        participants=[world.b_staff1_user],
        rounds=[],
        final_score=None,
        applicant=world.a_head_user,
        world=world,
    )
    brief = session_brief(session, language="kk")
    assert [(q["number"], q["score"], q["final"]) for q in brief["quarters"]] == [
        (1, D("4.79"), True),
        (2, D("4.85"), False),
    ]
    assert protocol_data(session, language="kk")["brief"]["quarters"] == [
        {"period": "1-тоқсан", "score": "4.79"},
        {"period": "2-тоқсан", "score": "4.85"},
    ]


def test_the_session_page_shows_it_to_who_sees_the_result(client, world, diff_case):
    url = reverse("calibration:session", args=[diff_case.session.pk])
    for user in (world.deputy_user, world.a_staff1_user, world.a_head_user, world.hr_head_user):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Information prepared for the session (p.19(4))" in page, user
        assert "timeliness: ескертулер болған жоқ" in page
    for user in (world.hr_staff_user, world.head_user):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Information prepared for the session" not in page
        assert "ескертулер болған жоқ" not in page
    client.force_login(world.b_head_user)
    assert client.get(url).status_code == 404
