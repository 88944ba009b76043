"""The typical-2018 pages (kk/ru/en): schedule, roster, evaluation, App. 2 and App. 3 sheets;
who sees them (EDITIONS.md §9 G-5), what each POST does, and that a refused request changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import EvaluationStatus, PeriodKind, ScheduleStatus
from bagalau.evaluations.services.schedule import schedule_draft
from bagalau.typical.models import CompetencySheet, KpiSheet
from bagalau.typical.services.competency_sheet import competency_sheet_open
from bagalau.typical.services.kpi_sheet import kpi_sheet_fill, kpi_sheet_open, kpi_sheet_sign
from tests.typical.conftest import YEAR, approved_plan, evaluation_of, opened

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def case(tw):
    tw.schedule = opened(tw)
    approved_plan(tw, tw.b_staff1, tw.b_staff1_assignment)
    tw.evaluation = evaluation_of(tw.schedule, tw.b_staff1)
    tw.kpi = kpi_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    tw.competency = competency_sheet_open(actor=tw.b_head_user, evaluation_id=tw.evaluation.pk)
    return tw


def _pages(case) -> list[str]:
    return [
        reverse("typical:evaluation", args=[case.evaluation.pk]),
        reverse("typical:kpi_sheet", args=[case.kpi.pk]),
        reverse("typical:competency_sheet", args=[case.competency.pk]),
    ]


@pytest.mark.parametrize(
    "who", ["b_staff1_user", "b_head_user", "head_user", "hr_staff_user", "hr_head_user"]
)
def test_the_evaluatee_managers_hr_and_the_authorised_person_see_the_pages(case, who):
    client = client_for(getattr(case, who))
    for url in _pages(case):
        response = client.get(url)
        assert response.status_code == 200, url
    assert AuditEntry.objects.filter(
        action="view", object_type="typical.kpisheet", object_id=str(case.kpi.pk)
    ).exists()


@pytest.mark.parametrize("who", ["a_head_user", "a_staff1_user", "outsider_user", "admin_user"])
def test_anyone_else_finds_nothing(case, who):
    client = client_for(getattr(case, who))
    for url in _pages(case):
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_log_in(case):
    for url in _pages(case):
        response = Client().get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_the_kpi_sheet_shows_app2_and_the_direct_manager_saves_it(case):
    client = client_for(case.b_head_user)
    page = client.get(reverse("typical:kpi_sheet", args=[case.kpi.pk])).content.decode()
    assert "НМИ бойынша бағалау парағы" in page
    assert 'data-testid="save"' in page
    data = {"version": case.kpi.version}
    for n in range(1, 6):
        data |= {f"actual_{n}": str(n), f"achieved_{n}": "yes" if n < 5 else "no"}
    response = client.post(reverse("typical:kpi_sheet", args=[case.kpi.pk]), data)
    assert response.status_code == 302
    assert list(case.kpi.rows.values_list("achieved", flat=True)) == [True] * 4 + [False]
    response = client.post(
        reverse("typical:kpi_sheet_action", args=[case.kpi.pk, "sign"]),
        {"version": KpiSheet.objects.get().version, "confirm": "1"},
    )
    assert response.status_code == 302
    case.evaluation.refresh_from_db()
    assert (case.evaluation.score, case.evaluation.rating) == (4, "effective")


def test_editing_a_signed_sheet_shows_the_error_and_changes_nothing(case):
    rows = {n: {"actual": "1", "achieved": True} for n in range(1, 6)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.kpi.pk, rows=rows)
    kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.kpi.pk)
    client = client_for(case.b_head_user)
    response = client.post(
        reverse("typical:kpi_sheet", args=[case.kpi.pk]), {"actual_1": "9", "achieved_1": "no"}
    )
    assert response.status_code == 403
    assert case.kpi.rows.get(number=1).actual == "1"


def test_a_return_without_a_reason_is_shown_on_the_page(case):
    rows = {n: {"actual": "1", "achieved": True} for n in range(1, 6)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.kpi.pk, rows=rows)
    kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.kpi.pk)
    client = client_for(case.head_user)
    response = client.post(
        reverse("typical:kpi_sheet_action", args=[case.kpi.pk, "return"]),
        {"ground": "insufficient", "reason": " "},
    )
    assert response.status_code == 400
    assert KpiSheet.objects.get().status == "signed"


@pytest.mark.parametrize(
    ("who", "action", "status"),
    [
        ("b_staff1_user", "sign", 403),
        ("hr_staff_user", "sign", 403),
        ("head_user", "sign", 403),
        ("a_head_user", "sign", 404),
        ("outsider_user", "sign", 404),
        ("b_head_user", "agree", 403),
        ("b_head_user", "send", 403),
    ],
)
def test_forbidden_kpi_posts_change_nothing(case, who, action, status):
    before = (KpiSheet.objects.get().status, KpiSheet.objects.get().version)
    response = client_for(getattr(case, who)).post(
        reverse("typical:kpi_sheet_action", args=[case.kpi.pk, action]), {}
    )
    assert response.status_code == status
    assert (KpiSheet.objects.get().status, KpiSheet.objects.get().version) == before


@pytest.mark.parametrize(
    ("who", "status"),
    [("b_staff1_user", 403), ("head_user", 403), ("hr_staff_user", 403), ("a_head_user", 404)],
)
def test_forbidden_competency_posts_change_nothing(case, who, status):
    client = client_for(getattr(case, who))
    url = reverse("typical:competency_sheet", args=[case.competency.pk])
    assert client.post(url, {"observed_integrity": ["1"]}).status_code == status
    sign = reverse("typical:competency_sheet_action", args=[case.competency.pk, "sign"])
    assert client.post(sign, {}).status_code == status
    sheet = CompetencySheet.objects.get()
    assert (sheet.status, sheet.observed) == ("draft", {})


def test_the_direct_manager_ticks_and_signs_the_competency_sheet(case):
    client = client_for(case.b_head_user)
    url = reverse("typical:competency_sheet", args=[case.competency.pk])
    page = client.get(url).content.decode()
    assert "Құзыреттер бойынша бағалау парағы" in page
    response = client.post(url, {"observed_responsibility": ["1"], "version": "1"})
    assert response.status_code == 302
    response = client.post(
        reverse("typical:competency_sheet_action", args=[case.competency.pk, "sign"]),
        {"confirm": "1"},
    )
    assert response.status_code == 302
    sheet = CompetencySheet.objects.get()
    assert (sheet.status, sheet.results["responsibility"]["result"]) == ("signed", "meets")
    page = client.get(url).content.decode()
    assert "Meets the expected result" in page


def test_a_bad_indicator_is_shown_on_the_page(case):
    client = client_for(case.b_head_user)
    url = reverse("typical:competency_sheet", args=[case.competency.pk])
    response = client.post(url, {"observed_responsibility": ["7"]})
    assert response.status_code == 400
    assert 'data-testid="form-error"' in response.content.decode()
    assert CompetencySheet.objects.get().observed == {}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_sheets_render_in_each_language(case, language):
    client = client_for(case.b_head_user)
    client.cookies["django_language"] = language
    for url in _pages(case):
        assert client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200


def test_the_schedule_is_reached_from_the_evaluations_schedule_and_links_the_roster(case):
    client = client_for(case.hr_staff_user)
    response = client.get(reverse("evaluations:schedule") + f"?year={YEAR}")
    assert response.status_code == 302
    assert response["Location"] == reverse("typical:schedule", args=[case.schedule.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="roster-link"' in page
    period = case.schedule.periods.get(kind=PeriodKind.ANNUAL)
    roster = client.get(reverse("typical:roster", args=[period.pk])).content.decode()
    assert reverse("typical:evaluation", args=[case.evaluation.pk]) in roster
    # A manager sees the rows he evaluates only.
    roster = client_for(case.a_head_user).get(reverse("typical:roster", args=[period.pk]))
    assert reverse("typical:evaluation", args=[case.evaluation.pk]) not in roster.content.decode()
    assert (
        client_for(case.outsider_user).get(reverse("typical:roster", args=[period.pk])).status_code
        == 404
    )


def test_hr_drafts_dates_consents_and_opens_through_the_pages(tw, clock):
    clock(dt.date(2018, 11, 20))
    schedule = schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=2018)
    client = client_for(tw.hr_staff_user)
    response = client.post(
        reverse("typical:schedule_date", args=[schedule.pk]), {"evaluation_date": "2018-12-14"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("typical:schedule_consent", args=[schedule.pk]),
        {"chair_name": "Төраға Т.", "agreed_on": "2018-11-20"},
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.APPROVED
    period = schedule.periods.get()
    response = client.post(reverse("typical:period_open", args=[period.pk]))
    assert response.status_code == 302
    assert evaluation_of(schedule, tw.b_staff1).status == EvaluationStatus.PENDING


def _open_button(client, schedule) -> str:
    """The schedule page's opening button text ("" when the page offers none)."""
    page = client.get(reverse("typical:schedule", args=[schedule.pk])).content.decode()
    if 'data-testid="open-period"' not in page:
        return ""
    button = page.split('data-testid="open-period">', 1)[1]
    return button.split("</button>", 1)[0].strip()


def test_the_schedule_page_offers_opening_only_while_the_service_allows_it(tw, clock):
    clock(dt.date(2018, 11, 20))
    schedule = schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=2018)
    hr, manager = client_for(tw.hr_staff_user), client_for(tw.b_head_user)
    assert _open_button(hr, schedule) == ""  # no consent yet (p.29)
    hr.post(reverse("typical:schedule_date", args=[schedule.pk]), {"evaluation_date": "2018-12-14"})
    hr.post(
        reverse("typical:schedule_consent", args=[schedule.pk]),
        {"chair_name": "Төраға Т.", "agreed_on": "2018-11-20"},
    )
    assert _open_button(hr, schedule) == "Open the annual evaluation"
    assert _open_button(manager, schedule) == ""
    hr.post(reverse("typical:period_open", args=[schedule.periods.get().pk]))
    assert _open_button(hr, schedule) == "Add newly eligible servants"
    assert _open_button(manager, schedule) == ""
    period = schedule.periods.get()
    period.status = "closed"
    period.save(update_fields=["status"])
    assert _open_button(hr, schedule) == ""


def test_a_manager_cannot_consent_or_open_through_the_pages(tw):
    schedule = schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    client = client_for(tw.b_head_user)
    response = client.post(
        reverse("typical:schedule_consent", args=[schedule.pk]),
        {"chair_name": "X", "agreed_on": "2019-12-01"},
    )
    assert response.status_code == 403
    response = client.post(reverse("typical:period_open", args=[schedule.periods.get().pk]))
    assert response.status_code == 403
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.DRAFT
    assert (
        client_for(tw.outsider_user)
        .get(reverse("typical:schedule", args=[schedule.pk]))
        .status_code
        == 404
    )


def test_the_dashboard_lists_the_sheets_each_one_has_to_act_on(case):
    home = reverse("home")
    manager = client_for(case.b_head_user).get(home).content.decode()
    assert 'data-testid="typical-tasks"' in manager
    assert reverse("typical:kpi_sheet", args=[case.kpi.pk]) in manager
    assert "Fill in and sign the KPI sheet" in manager
    # Nothing on this sheet for the superior until the direct manager has signed (the head of
    # the apparatus has sheets of his own to open, as the direct manager of the unit heads).
    sheet_url = reverse("typical:kpi_sheet", args=[case.kpi.pk])
    assert sheet_url not in client_for(case.head_user).get(home).content.decode()
    rows = {n: {"actual": "1", "achieved": True} for n in range(1, 6)}
    kpi_sheet_fill(actor=case.b_head_user, sheet_id=case.kpi.pk, rows=rows)
    kpi_sheet_sign(actor=case.b_head_user, sheet_id=case.kpi.pk)
    superior = client_for(case.head_user).get(home).content.decode()
    assert "Agree or return the KPI sheet" in superior
    assert reverse("typical:kpi_sheet", args=[case.kpi.pk]) in superior
