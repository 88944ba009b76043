"""A typical-2018 commission session's results as XLSX (issue 10 item 7): each servant's KPI
result and rating (seed 004 p.18), the decision with its vote, the familiarisation or the refusal
act and the appeal (EDITIONS.md §2.2 G-I); taken by the working body and the authorised person
(§9 G-5), each download audited; refused to anyone else, nothing recorded."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.audit.models import AuditEntry
from bagalau.commission import services

pytestmark = pytest.mark.django_db

HEADER_ROW = 6


@pytest.fixture
def followed(approved):
    services.commission_result_acknowledge(
        actor=approved.a_staff1_user,
        evaluation_id=approved.eval1.pk,
        acknowledged_on=dt.date(2020, 3, 10),
    )
    services.commission_result_refusal_record(
        actor=approved.hr_staff_user,
        evaluation_id=approved.eval2.pk,
        refused_on=dt.date(2020, 3, 10),
        signers=[approved.b_staff1.pk, approved.hr_head.pk],
        text="Танысудан бас тартты",
    )
    services.commission_appeal_record(
        actor=approved.hr_staff_user,
        evaluation_id=approved.eval2.pk,
        filed_on=dt.date(2020, 3, 12),
        authority="Агенттіктің Алматы қ. департаменті",
    )
    return approved


def _get(client, user, session, language="en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("exports:commission", args=[session.pk]))


def test_the_sessions_results_with_what_followed(followed, client):
    response = _get(client, followed.hr_staff_user, followed.session)
    assert response.status_code == 200
    assert "commission-2020-03-05" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    rows = [list(r) for r in sheet.iter_rows(min_row=HEADER_ROW, values_only=True)]
    assert rows[0][:6] == ["No.", "unit", "servant", "position", "KPIs achieved", "rating"]
    first, second = rows[1], rows[2]
    assert first[0] == 1
    assert first[2] == followed.a_staff1.full_name
    assert (first[4], first[5]) == (3, "Satisfactory")  # 3 of 5 achieved (p.18)
    assert first[7] == "Approve the results"
    assert (first[10], first[11]) == (5, 0)
    assert first[12] == dt.datetime(2020, 3, 10)
    assert first[13] is None
    assert (second[4], second[5]) == (4, "Effective")
    assert second[13] == dt.datetime(2020, 3, 10)  # the refusal act
    assert second[14] == dt.datetime(2020, 3, 12)
    assert second[15]  # the appeal's outcome, still awaited
    entry = AuditEntry.objects.filter(action="export_commission").get()
    assert entry.actor == followed.hr_staff_user


def test_the_headers_read_in_kazakh(followed, client):
    response = _get(client, followed.hr_staff_user, followed.session, "kk")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header[4] == "Қол жеткізілген НМИ"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("hr_head_user", 200),
        ("head_user", 200),  # the authorised person
        ("a_staff1_user", 404),
        ("deputy_user", 404),
        ("outsider_user", 404),
        ("other_hr_user", 404),
    ],
)
def test_who_may_take_it(followed, client, who, status):
    before = AuditEntry.objects.filter(action="export_commission").count()
    assert _get(client, getattr(followed, who), followed.session).status_code == status
    after = AuditEntry.objects.filter(action="export_commission").count()
    assert after == before + (1 if status == 200 else 0)


def test_a_session_not_held_has_no_results_to_take(formed, client):
    from tests.commission.conftest import schedule

    session = schedule(formed)
    assert _get(client, formed.hr_staff_user, session).status_code == 404


def test_the_exports_page_lists_the_sessions(followed, client):
    client.force_login(followed.hr_staff_user)
    html = client.get(reverse("exports:list")).content.decode()
    assert reverse("exports:commission", args=[followed.session.pk]) in html
