"""The sheet pages: the App. 2 and App. 4 layouts, HTMX recompute of a row, errors next to the
field, the HR pages, the dashboard panels and the menu."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation, EvaluationStatus, KpiResult
from bagalau.evaluations.services.familiarisation import evaluation_acknowledge
from bagalau.evaluations.services.sheets import kpi_actuals_save
from tests.evaluations.test_sheets_cases import (
    annual_period,
    diff_case,
    kpi_case,
    rows,
    signed_diff_case,
    snapshot,
    worked_actuals,
)


@pytest.fixture
def filled(world, clock):
    clock(dt.date(2026, 4, 6))
    evaluation = kpi_case(world)
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=evaluation.pk,
        version=1,
        values=worked_actuals(evaluation),
    )
    evaluation.refresh_from_db()
    return evaluation


def login(client, user):
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def test_the_kpi_sheet_is_laid_out_like_app_2(client, world, filled):
    login(client, world.deputy_user)
    with translation.override("en"):
        response = client.get(url("sheet", filled.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "KPI evaluation sheet",
        "Әлиев Арман",
        "Қаралған өтініштер",
        "97.00",
        "4.75–4.99",
        "4.85",
        "66.67",
        "3.25–3.49",
        "The sum of the KPI scores divided by the number of KPIs",
        'data-testid="quarter-score">2.73<',
        "Performs functional duties satisfactorily",
        "Save and sign",
        "hx-post",
    ):
        assert text in page, text
    assert AuditEntry.objects.filter(action="view", object_id=str(filled.pk)).count() == 1


def test_the_rating_text_follows_the_viewers_language(client, world, filled):
    login(client, world.deputy_user)
    client.cookies["bagalau_language"] = "kk"
    page = client.get(url("sheet", filled.pk)).content.decode()
    assert "Функционалдық міндеттерін қанағаттанарлық түрде атқарады" in page
    client.cookies["bagalau_language"] = "ru"
    page = client.get(url("sheet", filled.pk)).content.decode()
    assert "Функциональные обязанности исполняет удовлетворительно" in page


def test_htmx_recomputes_a_row_and_the_total_without_saving(client, world, filled):
    login(client, world.deputy_user)
    first, second, third = rows(filled)
    before = snapshot(filled)
    data = {f"score_{first.pk}": "4.99", f"score_{second.pk}": "", f"score_{third.pk}": ""}
    response = client.post(url("sheet_kpi_row", filled.pk, first.pk), data, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="kpi-feedback-{first.pk}"' in page
    assert "4.75–4.99" in page
    assert 'hx-swap-oob="true"' in page
    assert 'data-testid="quarter-score">2.77<' in page  # (4.99 + 3.33 + 0) / 3 = 2.7733
    data[f"score_{first.pk}"] = "4.50"
    page = client.post(
        url("sheet_kpi_row", filled.pk, first.pk), data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "outside the range 4.75-4.99" in page
    assert 'data-testid="quarter-score">—<' in page
    before["changes"] = snapshot(filled)["changes"]
    assert snapshot(filled) == before


def test_saving_a_score_outside_the_range_shows_the_error_next_to_the_row(client, world, filled):
    login(client, world.deputy_user)
    first, second, third = rows(filled)
    before = snapshot(filled)
    response = client.post(
        url("sheet_kpi_save", filled.pk),
        {
            "version": filled.version,
            f"score_{first.pk}": "4.50",
            f"score_{second.pk}": "3.40",
            f"score_{third.pk}": "",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "outside the range 4.75-4.99" in page
    assert 'value="4.50"' in page  # what was typed stays
    assert 'value="3.40"' in page
    assert snapshot(filled) == before


def test_errors_are_translated(client, world, filled):
    login(client, world.deputy_user)
    first = rows(filled)[0]
    client.cookies["bagalau_language"] = "ru"
    response = client.post(
        url("sheet_kpi_save", filled.pk), {"version": filled.version, f"score_{first.pk}": "4.50"}
    )
    assert response.status_code == 400
    with translation.override("ru"):
        from django.utils.translation import gettext

        expected = gettext(
            "the score %(score)s is outside the range %(low)s-%(high)s allowed for "
            "%(percent)s%% achievement (App. 3)"
        ) % {"score": "4.50", "low": "4.75", "high": "4.99", "percent": "97.00"}
    assert expected in response.content.decode()


def test_save_and_sign_in_one_step(client, world, filled, clock):
    clock(dt.date(2026, 4, 8))
    login(client, world.deputy_user)
    first, second, third = rows(filled)
    response = client.post(
        url("sheet_kpi_save", filled.pk),
        {"version": filled.version, f"score_{first.pk}": "4.90", "sign": "on", "confirm": "1"},
    )
    assert response.status_code == 302
    filled.refresh_from_db()
    assert (filled.status, str(filled.score), filled.rating) == ("signed", "2.74", "satisfactory")
    page = client.get(url("sheet", filled.pk)).content.decode()
    assert "Save and sign" not in page  # read-only once signed
    assert "10.04.2026" in page  # familiarisation due


def test_a_refused_signature_keeps_nothing_of_the_save(client, world, clock):
    clock(dt.date(2026, 4, 8))
    staff = diff_case(world)
    login(client, world.a_head_user)
    before = snapshot(staff)
    response = client.post(
        url("sheet_differentiation_save", staff.pk),
        {
            "version": 1,
            "score_quality": "5",
            "score_timeliness": "4",
            "score_initiative": "4",
            "score_discipline": "3",
            "justification": "",
            "sign": "on",
        },
    )
    assert response.status_code == 400
    assert "Give the justification" in response.content.decode()
    assert snapshot(staff) == before


def test_a_stale_form_gets_409_and_shows_the_stored_values(client, world, filled):
    login(client, world.deputy_user)
    first = rows(filled)[0]
    assert (
        client.post(
            url("sheet_kpi_save", filled.pk), {"version": 2, f"score_{first.pk}": "4.90"}
        ).status_code
        == 302
    )
    response = client.post(
        url("sheet_kpi_save", filled.pk), {"version": 2, f"score_{first.pk}": "4.80"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this sheet" in page
    assert 'value="4.90"' in page
    assert 'name="version" value="3"' in page
    assert KpiResult.objects.get(pk=first.pk).score == D("4.90")


def test_the_differentiation_sheet_is_laid_out_like_app_4(client, world):
    staff = diff_case(world)
    login(client, world.a_head_user)
    client.cookies["bagalau_language"] = "kk"
    page = client.get(url("sheet", staff.pk)).content.decode()
    for text in (
        "Функционалдық міндеттерді орындау сапасы",
        "Негізделген ескертулер мен шағымдардың болмауы",
        "Еңбек тәртібін сақтау",
        'name="score_quality"',
        'name="justification_discipline"',
        'name="justification"',
        '<option value="0">0</option>',
        '<option value="5">5</option>',
    ):
        assert text in page, text
    client.cookies["bagalau_language"] = "en"
    response = client.post(
        url("sheet_differentiation_save", staff.pk),
        {
            "version": 1,
            "score_quality": "5",
            "score_timeliness": "4",
            "score_initiative": "4",
            "score_discipline": "7",
            "justification": "x",
        },
    )
    assert response.status_code == 400
    assert "whole points from 0 to 5" in response.content.decode()
    response = client.post(
        url("sheet_differentiation_save", staff.pk),
        {
            "version": 1,
            "score_quality": "5",
            "score_timeliness": "4",
            "score_initiative": "4",
            "score_discipline": "3",
            "justification_quality": "Ескерту жоқ",
            "justification": "Жақсы",
        },
    )
    assert response.status_code == 302
    client.cookies["bagalau_language"] = "kk"
    page = client.get(url("sheet", staff.pk)).content.decode()
    assert 'data-testid="quarter-score">4.00<' in page
    assert "Функционалдық міндеттерін тиімді атқарады" in page


def test_the_servant_sees_no_draft_and_acknowledges_the_signed_result(client, world, clock):
    clock(dt.date(2026, 4, 9))
    login(client, world.a_staff1_user)
    draft = diff_case(world, number=2)
    page = client.get(url("sheet", draft.pk)).content.decode()
    assert "has not signed the sheet yet" in page
    signed = signed_diff_case(world)
    page = client.get(url("sheet", signed.pk)).content.decode()
    assert 'data-testid="result-score">4.00<' in page
    assert 'data-testid="familiarisation-due">14.04.2026<' in page
    assert f'action="{url("sheet_acknowledge", signed.pk)}"' in page
    response = client.post(url("sheet_acknowledge", signed.pk))
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.status == EvaluationStatus.ACKNOWLEDGED
    page = client.get(url("sheet", signed.pk)).content.decode()
    assert 'data-testid="calibration-due">16.04.2026<' in page
    response = client.post(url("sheet_acknowledge", signed.pk))
    assert response.status_code == 400


def test_the_hr_actuals_page_shows_no_scores(client, world, filled):
    login(client, world.hr_staff_user)
    response = client.get(url("sheet_actuals", filled.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Қаралған өтініштер" in page
    assert 'value="38.8"' in page
    assert 'data-testid="actuals-due">03.04.2026' in page
    for secret in ("97.00", "4.85", "4.75", "quarter-score", "rating-"):
        assert secret not in page, secret
    assert AuditEntry.objects.filter(action="view_actuals", object_id=str(filled.pk)).exists()
    first, second, third = rows(filled)
    response = client.post(
        url("sheet_actuals", filled.pk),
        {
            "version": 2,
            f"actual_{first.pk}": "40",
            f"actual_{second.pk}": "-2",
            f"actual_{third.pk}": "yes",
        },
    )
    assert response.status_code == 400
    assert "cannot be negative" in response.content.decode()
    assert KpiResult.objects.get(pk=first.pk).actual_value == D("38.8")
    response = client.post(
        url("sheet_actuals", filled.pk),
        {
            "version": 2,
            f"actual_{first.pk}": "40",
            f"actual_{second.pk}": "2",
            f"actual_{third.pk}": "yes",
        },
    )
    assert response.status_code == 302
    assert KpiResult.objects.get(pk=third.pk).actual_achieved is True
    response = client.post(url("sheet_actuals", filled.pk), {"version": 2})
    assert response.status_code == 409


def test_seed_002_has_no_refusal_act_form(client, world, clock):
    clock(dt.date(2026, 4, 14))
    signed = signed_diff_case(world)
    login(client, world.hr_staff_user)
    page = client.get(url("sheet_refusal", signed.pk)).content.decode()
    assert 'data-testid="no-refusal-act"' in page
    assert "<form" not in page.split("<main", 1)[-1]
    response = client.post(
        url("sheet_refusal", signed.pk),
        {"text": "Бас тартты", "witness_1": world.a_staff2.pk, "witness_2": world.b_staff1.pk},
    )
    assert response.status_code == 400
    assert "no refusal act" in response.content.decode()
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.SIGNED


def test_the_refusal_act_form(client, world, clock, with_refusal_act):
    clock(dt.date(2026, 4, 14))
    signed = signed_diff_case(world)
    login(client, world.hr_staff_user)
    page = client.get(url("sheet_refusal", signed.pk)).content.decode()
    assert "4.00" not in page
    assert "effective" not in page
    response = client.post(
        url("sheet_refusal", signed.pk),
        {"text": "Бас тартты", "witness_1": world.a_staff2.pk, "witness_2": world.a_staff2.pk},
    )
    assert response.status_code == 400
    assert "two different witnesses" in response.content.decode()
    response = client.post(
        url("sheet_refusal", signed.pk),
        {"text": "Бас тартты", "witness_1": world.a_staff2.pk, "witness_2": world.b_staff1.pk},
    )
    assert response.status_code == 302
    assert Evaluation.objects.get(pk=signed.pk).status == EvaluationStatus.REFUSED


def test_service_record_consequences_and_annual_pages(
    client, world, clock, django_capture_on_commit_callbacks
):
    clock(dt.date(2027, 1, 5))
    signed = signed_diff_case(world)
    evaluation_acknowledge(actor=world.a_staff1_user, evaluation_id=signed.pk)
    from bagalau.evaluations.services.familiarisation import evaluations_finalize_expired

    evaluations_finalize_expired(today=dt.date(2027, 2, 1))
    login(client, world.a_staff1_user)
    page = client.get(url("service_record")).content.decode()
    assert "4.00" in page
    login(client, world.hr_head_user)
    page = client.get(url("service_record_of", world.a_staff1.pk)).content.decode()
    assert "4.00" in page
    page = client.get(url("consequences", signed.period.pk)).content.decode()
    assert "Бекова Айгүл" in page
    year = annual_period(world)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("annual_results", year.pk)).status_code == 302
    page = client.get(url("annual_results", year.pk)).content.decode()
    assert "4.00" in page
    login(client, world.hr_staff_user)
    page = client.get(url("annual_results", year.pk)).content.decode()
    assert "Бекова Айгүл" in page
    assert "4.00" not in page
    page = client.get(url("result_periods")).content.decode()
    assert url("annual_results", year.pk) in page


def test_dashboard_panels_and_the_menu(client, world, filled, clock):
    clock(dt.date(2026, 4, 9))
    login(client, world.deputy_user)
    page = client.get(reverse("home")).content.decode()
    assert 'id="panel-sheets-to-fill"' in page
    assert "Әлиев Арман" in page
    assert url("sheets_home") in page
    login(client, world.hr_staff_user)
    second = kpi_case(world, number=2)
    page = client.get(reverse("home")).content.decode()
    assert url("sheet_actuals", second.pk) in page
    signed_diff_case(world)
    login(client, world.a_staff1_user)
    page = client.get(reverse("home")).content.decode()
    assert 'id="panel-my-results"' in page
    page = client.get(url("sheets_home")).content.decode()
    assert "4.00" in page
    page = client.get(url("my_results")).content.decode()
    assert "4.00" in page
    login(client, world.outsider_user)
    page = client.get(reverse("home")).content.decode()
    assert url("sheets_home") not in page
