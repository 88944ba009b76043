"""The overdue board of the HR service: its content (who must act, what, due, working days late,
by kind, per unit), its permission matrix on the page and the API, the menu entry and the
dashboard panel. No score or rating anywhere."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import Evaluation
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.notifications.due import overdue_board
from bagalau.notifications.models import Notification
from bagalau.org.models import Role
from bagalau.plans.models import PlanStatus, WorkPlan
from tests.evaluations.test_sheets_cases import quarter
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UnitFactory, UserFactory
from tests.notifications.conftest import application, client_for, plan, sheet, signed

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 4, 15)  # a Wednesday
PAGE = "/notifications/overdue/"
API = "/api/v1/notifications/overdue/"
ALLOWED = ("hr_staff", "hr_head")
REFUSED = ("outsider", "a_staff1", "a_head", "head", "admin")


@pytest.fixture
def overdue(world, clock):
    """On Wednesday 15 April 2026: four tasks overdue, one not yet due."""
    clock(TODAY)
    return {
        # a_staff1's sheet, due Friday 10 April: 13, 14, 15 April -> 3 working days late.
        "sheet": sheet(world),
        # a_staff2's result (3.87, proper), to acknowledge by Monday 13 April: 2 days late.
        "acknowledge": signed(world, familiarisation_due=dt.date(2026, 4, 13)),
        # b_staff1's calibration application, decision due Thursday 9 April: 4 days late.
        "decision": application(world, decision_due=dt.date(2026, 4, 9)),
        # b_head's approved plan, to post by Wednesday 1 April: 10 working days late.
        "plan_post": plan(world, PlanStatus.APPROVED, posting_due=dt.date(2026, 4, 1)),
        # a_staff1's Q2 sheet is due on 10 July: not overdue.
        "future": sheet(world, period=quarter(world, 2)),
    }


def result_words() -> list[str]:
    """The rating codes and their labels in every language (p.7)."""
    rules = sjc2023_rules(get_edition("sjc-2023"))
    words = []
    for band in rules.rating.bands:
        words.append(band.code)
        words.extend(band.label.get(language) for language in ("kk", "ru", "en"))
    return words


def assert_no_result(text: str) -> None:
    assert not re.search(r"(?<![\d.,])3[.,]87(?!\d)", text)
    for word in result_words():
        assert word not in text, word


def snapshot() -> tuple:
    return (
        list(Evaluation.objects.order_by("pk").values_list("pk", "status", "version")),
        list(WorkPlan.objects.order_by("pk").values_list("pk", "status", "version")),
        Notification.objects.count(),
        AuditEntry.objects.count(),
    )


# --- content -------------------------------------------------------------------------------------


def test_the_board_lists_every_overdue_task_by_kind(world, overdue):
    board = overdue_board(world.org)
    assert board.total == 4
    lines = [
        (g.kind, i.task.servant, i.task.who, i.task.due, i.days_late)
        for g in board.groups
        for i in g.items
    ]
    assert lines == [
        ("plan_post", "Қасымов Бауыржан", "HR service", dt.date(2026, 4, 1), 10),
        ("sheet", "Бекова Айгүл", "Әлиев Арман", dt.date(2026, 4, 10), 3),
        ("acknowledge", "Жанов Нұрлан", "Жанов Нұрлан", dt.date(2026, 4, 13), 2),
        ("decision", "Омарова Сәуле", "Басшы Ерлан", dt.date(2026, 4, 9), 4),
    ]


def test_the_board_page_shows_who_what_when_and_no_result(world, overdue):
    response = client_for(world, "hr_staff").get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Work plans to post",
        "Evaluation sheets to fill in",
        "Results to acknowledge",
        "Calibration applications to decide",
        "Қасымов Бауыржан",
        "Бекова Айгүл",
        "Жанов Нұрлан",
        "Омарова Сәуле",
        "Әлиев Арман",  # the evaluator who must sign
        "Басшы Ерлан",  # the head of the apparatus who must decide
        "01.04.2026",
        "10.04.2026",
        "13.04.2026",
        "09.04.2026",
    ):
        assert text in html, text
    assert 'data-testid="overdue-total">4<' in html
    assert "10.07.2026" not in html  # not due yet
    assert reverse("evaluations:schedule_roster", args=[overdue["sheet"].period_id]) in html
    assert reverse("calibration:application", args=[overdue["decision"].pk]) in html
    assert_no_result(html)


def test_the_board_filters_by_unit(world, overdue):
    client = client_for(world, "hr_head")
    html = client.get(PAGE, {"unit": world.unit_b.pk}).content.decode()
    assert "Қасымов Бауыржан" in html
    assert "Омарова Сәуле" in html
    assert "Бекова Айгүл" not in html
    assert "Жанов Нұрлан" not in html
    assert 'data-testid="overdue-total">2<' in html
    # The whole apparatus (the root and every unit under it).
    html = client.get(PAGE, {"unit": world.root.pk}).content.decode()
    assert 'data-testid="overdue-total">4<' in html
    # Another organisation's unit is ignored.
    other = UnitFactory(organisation=OrganisationFactory())
    html = client.get(PAGE, {"unit": other.pk}).content.decode()
    assert 'data-testid="overdue-total">4<' in html


def test_the_unit_filter_answers_htmx_with_the_board_only(world, overdue):
    response = client_for(world, "hr_staff").get(
        PAGE, {"unit": world.unit_a.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="overdue-board">')
    assert "<html" not in html
    assert "Бекова Айгүл" in html
    assert "Қасымов Бауыржан" not in html
    assert_no_result(html)


def test_nothing_overdue(world, clock):
    clock(TODAY)
    html = client_for(world, "hr_staff").get(PAGE).content.decode()
    assert "Nothing is overdue." in html


# --- who may see it ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(world, overdue):
    before = snapshot()
    response = client_for(world, "anonymous").get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client_for(world, "anonymous").get(API).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("who", REFUSED)
def test_only_the_hr_service_sees_the_board(world, overdue, who):
    before = snapshot()
    response = client_for(world, who).get(PAGE)
    assert response.status_code == 403
    assert "Бекова Айгүл" not in response.content.decode()
    response = client_for(world, who).get(API)
    assert response.status_code == 403
    assert response.json()["error"]["field"] == "$"
    assert snapshot() == before


@pytest.mark.parametrize("who", ALLOWED)
def test_hr_and_its_head_see_the_board(world, overdue, who):
    assert client_for(world, who).get(PAGE).status_code == 200
    assert client_for(world, who).get(API).status_code == 200


def test_another_organisations_hr_sees_only_its_own(world, overdue):
    user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=user, organisation=OrganisationFactory(), role=Role.HR)
    client = client_for(world, "anonymous")
    client.force_login(user)
    html = client.get(PAGE).content.decode()
    assert "Nothing is overdue." in html
    assert "Бекова Айгүл" not in html
    assert client.get(API).json()["total"] == 0
    assert client.get(API, {"organisation": world.org.pk}).status_code == 403


# --- the API -------------------------------------------------------------------------------------


def test_the_api_board(world, overdue):
    response = client_for(world, "hr_staff").get(API)
    body = response.json()
    assert (body["organisation"], body["unit"], body["today"], body["total"]) == (
        world.org.pk,
        None,
        "2026-04-15",
        4,
    )
    assert [(g["kind"], g["count"]) for g in body["groups"]] == [
        ("plan_post", 1),
        ("sheet", 1),
        ("acknowledge", 1),
        ("decision", 1),
    ]
    sheet_item = body["groups"][1]["items"][0]
    assert sheet_item == {
        "kind": "sheet",
        "servant": "Бекова Айгүл",
        "unit": "Legal department",
        "unit_id": world.unit_a.pk,
        "subject": sheet_item["subject"],
        "who": "Әлиев Арман",
        "due": "2026-04-10",
        "working_days_late": 3,
        "url": reverse("evaluations:schedule_roster", args=[overdue["sheet"].period_id]),
    }
    assert_no_result(response.content.decode())


def test_the_api_board_by_unit(world, overdue):
    client = client_for(world, "hr_head")
    body = client.get(API, {"unit": world.unit_b.pk}).json()
    assert (body["unit"], body["total"]) == (world.unit_b.pk, 2)
    other = UnitFactory(organisation=OrganisationFactory())
    response = client.get(API, {"unit": other.pk})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "unit"


# --- menu and dashboard --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["hr_staff", "hr_head", "a_staff1", "a_head", "head"])
def test_the_menu_entry_and_panel_are_the_hr_services(world, overdue, who):
    html = client_for(world, who).get(reverse("home")).content.decode()
    hr = who in ALLOWED
    assert (f'href="{PAGE}"' in html) == hr
    assert ('data-testid="panel-overdue"' in html) == hr
    if hr:
        assert "Evaluation sheets to fill in" in html
        assert_no_result(html.split('data-testid="panel-overdue"')[1].split("</section>")[0])


def test_no_panel_when_nothing_is_overdue(world, clock):
    clock(TODAY)
    html = client_for(world, "hr_staff").get(reverse("home")).content.decode()
    assert 'data-testid="panel-overdue"' not in html
    assert f'href="{PAGE}"' in html
