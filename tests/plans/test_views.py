"""The work plan pages: the App. 1 layout, inline KPI rows (HTMX), workflow buttons only for who
may use them, and the permission matrix of every view (refusals change nothing)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.plans.models import PlanChange, PlanStatus, WorkPlan
from bagalau.plans.services import kpi_update, plan_change_open
from tests.plans.helpers import SEES, kpi_data, open_plan, person, plan_in, snapshot

PEOPLE = [
    "anonymous",
    "outsider",
    "servant",
    "evaluator",
    "approver",
    "hr",
    "other_manager",
    "apparatus_head",
]
HX = {"HTTP_HX_REQUEST": "true"}


def client_for(w, who: str) -> Client:
    client = Client()
    user = person(w, who)
    if user is not None:
        client.force_login(user)
    return client


def kpi_post(version: int, **overrides) -> dict:
    values = {
        "version": version,
        "name": "Шағымдарды қарау мерзімі",
        "source": "Стратегиялық жоспар, 3-көрсеткіш",
        "unit": "күн",
        "direction": "decrease",
        "plan_q1": "15",
        "plan_q2": "14",
        "plan_q3": "",
        "plan_q4": "12",
        "deadline": "2026-12-25",
        "key_result": "Шағымдар тезірек қаралады",
    }
    values.update(overrides)
    return values


# --- what the pages show ------------------------------------------------------------------------


def test_the_plan_page_is_laid_out_as_app_1(pw):
    plan = plan_in(pw, PlanStatus.DRAFT)
    client = client_for(pw, "servant")
    client.cookies["bagalau_language"] = "kk"  # the form as printed, in Kazakh
    response = client.get(reverse("plans:detail", args=[plan.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Жеке жұмыс жоспары",
        "«БЕКІТЕМІН»",
        "Қызметшінің тегі, аты, әкесінің аты",
        "Сейітов Ержан Қанатұлы",
        "Сектор меңгерушісі",
        "Шарттар секторы",
        "№ р/р",
        "НМИ атауы",
        # App. 1's column as the form words it: seed 002 lines 313 and 315 ("… қай көрсет
        # кішіне" / "н немесе …") join into "көрсеткішінен", parallel to "құжатынан"
        "«А» корпусы қызметшісі келісімінің қай көрсеткішінен немесе мемлекеттік жоспарлау"
        " жүйесінің құжатынан түйінделеді",
        "Өлшем бірлігі",
        "Жоспарлы мәні",
        "4-тоқсан",
        "Қол жеткізу мерзімі",
        "Түйінді нәтиже",
        "НМИ 3",
        "19.01.2026",
        # the achievement date of each quarter (App. 1 "Қол жеткізу мерзімі", 4 columns)
        "31.03.2026",
        "30.06.2026",
        "30.09.2026",
        "31.12.2026",
    ):
        assert text in html, text
    assert html.count('<th class="num" lang="kk">1-тоқсан</th>') == 2
    assert reverse("documents:work_plan_pdf", args=[plan.pk]) in html
    # The servant sees the plan but no button, and cannot edit.
    assert 'data-testid="do-' not in html
    assert 'data-testid="kpi-add"' not in html


@pytest.mark.parametrize(
    ("status", "who", "buttons"),
    [
        (PlanStatus.DRAFT, "evaluator", {"send_to_hr"}),
        (PlanStatus.DRAFT, "hr", set()),
        (PlanStatus.SENT_TO_HR, "hr", {"hr_agree", "hr_return"}),
        (PlanStatus.SENT_TO_HR, "evaluator", set()),
        (PlanStatus.HR_AGREED, "evaluator", {"submit"}),
        (PlanStatus.HR_AGREED, "hr", {"hr_return"}),
        (PlanStatus.SUBMITTED, "approver", {"approve", "return"}),
        (PlanStatus.SUBMITTED, "apparatus_head", set()),
        (PlanStatus.APPROVED, "hr", {"post"}),
        (PlanStatus.APPROVED, "approver", set()),
    ],
)
def test_workflow_buttons_only_for_who_may_use_them(pw, status, who, buttons):
    plan = plan_in(pw, status)
    html = client_for(pw, who).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    shown = {
        a
        for a in ("send_to_hr", "hr_agree", "hr_return", "submit", "approve", "return", "post")
        if f'data-testid="do-{a}"' in html
    }
    assert shown == buttons


def test_due_dates_are_shown_and_overdue_marked(pw, clock):
    plan = plan_in(pw, PlanStatus.SUBMITTED)
    clock(dt.date(2026, 1, 20))
    html = client_for(pw, "approver").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'class="overdue" data-testid="draft-due">19.01.2026' in html

    clock(dt.date(2026, 1, 14))
    plan.refresh_from_db()
    client_for(pw, "approver").post(
        reverse("plans:transition", args=[plan.pk, "approve"]), {"version": plan.version}
    )
    clock(dt.date(2026, 1, 22))
    html = client_for(pw, "hr").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'class="overdue" data-testid="posting-due">21.01.2026' in html


def test_the_return_comment_and_the_history_are_shown(pw):
    plan = plan_in(pw, PlanStatus.RETURNED)
    html = client_for(pw, "evaluator").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Нақтылаңыз" in html

    approved = plan_in_approved_with_change(pw, plan)
    html = (
        client_for(pw, "servant").get(reverse("plans:detail", args=[approved.pk])).content.decode()
    )
    assert "Аппарат басшысының № 7 өкімі" in html
    assert "The apparatus&#x27;s structure changed" in html
    assert "<del>40</del>" in html
    assert "<ins>45</ins>" in html


def plan_in_approved_with_change(w, plan: WorkPlan) -> WorkPlan:
    from bagalau.plans.services import plan_approve, plan_hr_agree, plan_send_to_hr, plan_submit

    plan = plan_send_to_hr(actor=w.a_head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_hr_agree(actor=w.hr_staff_user, plan_id=plan.pk, version=plan.version)
    plan = plan_submit(actor=w.a_head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_approve(actor=w.deputy_user, plan_id=plan.pk, version=plan.version)
    plan_change_open(
        actor=w.a_head_user,
        plan_id=plan.pk,
        version=plan.version,
        ground="structure",
        reference="Аппарат басшысының № 7 өкімі",
    )
    plan.refresh_from_db()
    kpi = plan.kpis.get(number=1)
    kpi_update(
        actor=w.a_head_user,
        plan_id=plan.pk,
        version=plan.version,
        kpi_id=kpi.pk,
        data=kpi_data(name="НМИ 1", plan_q4=45),
    )
    plan.refresh_from_db()
    return plan


def test_the_list_has_a_tab_per_part(pw, clock):
    plan_in(pw, PlanStatus.SUBMITTED)
    url = reverse("plans:list")

    mine = client_for(pw, "servant").get(url).content.decode()
    assert "Сейітов Ержан Қанатұлы" in mine
    assert "?tab=mine" in mine
    assert "?tab=draft" not in mine

    drafts = client_for(pw, "evaluator").get(url, {"tab": "draft"}).content.decode()
    assert "Сейітов Ержан Қанатұлы" in drafts

    approve = client_for(pw, "approver").get(url, {"tab": "approve"}).content.decode()
    assert "Сейітов Ержан Қанатұлы" in approve

    clock(dt.date(2026, 1, 20))
    overview = client_for(pw, "hr").get(url, {"tab": "overview"}).content.decode()
    assert "Сейітов Ержан Қанатұлы" in overview
    assert 'class="overdue"' in overview
    assert reverse("plans:initiate") in overview
    opening = overview.split(reverse("plans:initiate"), 1)[1].split("</form>", 1)[0]
    assert re.search(r'<label for="id_year">[^<]+</label>\s*<input[^>]*id="id_year"', opening)

    # Another unit's manager has no plan to see here (and no menu entry).
    other = client_for(pw, "other_manager").get(url).content.decode()
    assert "Сейітов" not in other
    assert f'href="{url}"' not in other


def test_the_list_partial_for_htmx(pw):
    plan_in(pw, PlanStatus.DRAFT)
    response = client_for(pw, "hr").get(reverse("plans:list"), {"tab": "overview"}, **HX)
    html = response.content.decode()
    assert html.startswith('<section class="card" id="plan-table">')
    assert "<html" not in html


def test_menu_entry_and_dashboard_panel(pw):
    plan = open_plan(pw)
    home = client_for(pw, "evaluator").get(reverse("home")).content.decode()
    assert f'href="{reverse("plans:list")}"' in home
    assert "Draft the KPIs" in home
    assert reverse("plans:detail", args=[plan.pk]) in home

    hr_home = client_for(pw, "hr").get(reverse("home")).content.decode()
    assert f'href="{reverse("plans:list")}"' in hr_home  # HR sees the menu even before plans

    other = client_for(pw, "other_manager").get(reverse("home")).content.decode()
    assert reverse("plans:detail", args=[plan.pk]) not in other


# --- inline KPI rows ----------------------------------------------------------------------------


def test_htmx_add_form_is_a_table_row(pw):
    plan = open_plan(pw)
    response = client_for(pw, "evaluator").get(reverse("plans:kpi_add", args=[plan.pk]), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<tr class="kpi-form-row kpi-form" id="kpi-form-new">')
    assert 'name="due_q1"' in html
    assert 'name="plan_q1"' in html


def test_htmx_add_swaps_the_plan_body_in(pw):
    plan = open_plan(pw)
    response = client_for(pw, "evaluator").post(
        reverse("plans:kpi_add", args=[plan.pk]), kpi_post(plan.version), **HX
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#plan-body"
    html = response.content.decode()
    assert html.startswith('<div id="plan-body">')
    assert "Шағымдарды қарау мерзімі" in html
    plan.refresh_from_db()
    assert plan.version == 2
    assert f'name="version" value="{plan.version}"' in html  # fresh version for the next write
    kpi = plan.kpis.get()
    assert (kpi.plan_q3, kpi.direction) == (None, "decrease")


def test_htmx_errors_come_back_in_the_row(pw):
    plan = open_plan(pw)
    before = snapshot()
    response = client_for(pw, "evaluator").post(
        reverse("plans:kpi_add", args=[plan.pk]),
        kpi_post(plan.version, deadline="2027-02-01"),
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<tr")
    assert 'class="field-error"' in html
    assert "31.12.2026" in html
    assert snapshot() == before


def test_binary_kpi_from_checkboxes(pw):
    plan = open_plan(pw)
    client_for(pw, "evaluator").post(
        reverse("plans:kpi_add", args=[plan.pk]),
        kpi_post(plan.version, direction="binary", plan_q1="99", due_q2="on", due_q4="on"),
    )
    kpi = plan.kpis.get()
    assert [kpi.planned(q) for q in (1, 2, 3, 4)] == [None, 1, None, 1]


def test_the_sixth_kpi_is_refused_in_the_page(pw):
    plan = plan_in(pw, PlanStatus.DRAFT, kpis=5)
    html = client_for(pw, "evaluator").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="kpi-add"' not in html
    before = snapshot()
    response = client_for(pw, "evaluator").post(
        reverse("plans:kpi_add", args=[plan.pk]), kpi_post(plan.version)
    )
    assert response.status_code == 400
    assert "at most 5 KPIs" in response.content.decode()
    assert snapshot() == before


def test_a_stale_form_is_a_conflict_in_the_page(pw):
    plan = plan_in(pw, PlanStatus.DRAFT)
    kpi = plan.kpis.get(number=1)
    before = snapshot()
    response = client_for(pw, "evaluator").post(
        reverse("plans:kpi_edit", args=[plan.pk, kpi.pk]), kpi_post(plan.version - 1)
    )
    assert response.status_code == 409
    assert "reload it" in response.content.decode()
    assert snapshot() == before


def test_an_approved_plan_is_changed_through_the_change_form(pw):
    plan = plan_in(pw, PlanStatus.APPROVED)
    kpi = plan.kpis.get(number=1)
    evaluator = client_for(pw, "evaluator")
    page = evaluator.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="do-change"' in page
    assert 'value="functions"' in page
    assert 'value="structure"' in page
    assert reverse("plans:kpi_edit", args=[plan.pk, kpi.pk]) not in page

    before = snapshot()
    response = evaluator.post(
        reverse("plans:kpi_edit", args=[plan.pk, kpi.pk]), kpi_post(plan.version)
    )
    assert response.status_code == 400
    assert "p.25" in response.content.decode()
    response = evaluator.post(
        reverse("plans:change", args=[plan.pk]),
        {"version": plan.version, "ground": "budget", "reference": "Бұйрық"},
    )
    assert response.status_code == 400
    assert 'data-testid="ground-error"' in response.content.decode()
    response = evaluator.post(
        reverse("plans:change", args=[plan.pk]),
        {"version": plan.version, "ground": "functions", "reference": ""},
    )
    assert response.status_code == 400
    assert snapshot() == before

    response = evaluator.post(
        reverse("plans:change", args=[plan.pk]),
        {"version": plan.version, "ground": "functions", "reference": "Өкім № 3"},
    )
    assert response.status_code == 302
    change = PlanChange.objects.get()
    assert (change.ground, change.reference) == ("functions", "Өкім № 3")
    plan.refresh_from_db()
    page = evaluator.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="changing-note"' in page
    assert reverse("plans:kpi_edit", args=[plan.pk, kpi.pk]) in page
    assert 'data-testid="do-send_to_hr"' in page


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_change(pw, who):
    plan = plan_in(pw, PlanStatus.APPROVED)
    before = snapshot()
    response = client_for(pw, who).post(
        reverse("plans:change", args=[plan.pk]),
        {"version": plan.version, "ground": "structure", "reference": "Өкім № 3"},
    )
    expected = refused(who, "evaluator")
    if expected is None:
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.status == PlanStatus.CHANGING
        return
    assert_refused(response, expected)
    assert snapshot() == before


def test_return_without_comment_shows_the_error_at_the_button(pw):
    plan = plan_in(pw, PlanStatus.SUBMITTED)
    before = snapshot()
    response = client_for(pw, "approver").post(
        reverse("plans:transition", args=[plan.pk, "return"]),
        {"version": plan.version, "comment": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="action-error"' in html
    assert snapshot() == before


def test_sending_two_kpis_shows_the_rule(pw):
    plan = plan_in(pw, PlanStatus.DRAFT, kpis=2)
    response = client_for(pw, "evaluator").post(
        reverse("plans:transition", args=[plan.pk, "send_to_hr"]), {"version": plan.version}
    )
    assert response.status_code == 400
    assert "from 3 to 5 KPIs" in response.content.decode()


def test_hr_opens_the_plans_from_the_overview(pw):
    response = client_for(pw, "hr").post(reverse("plans:initiate"), {"year": 2026})
    assert response.status_code == 302
    assert WorkPlan.objects.count() == 5


# --- the permission matrix ----------------------------------------------------------------------

#: Which role may take each write, by the plan's status needed for it.
WRITES = {
    "send_to_hr": (PlanStatus.DRAFT, "evaluator"),
    "hr_agree": (PlanStatus.SENT_TO_HR, "hr"),
    "hr_return": (PlanStatus.SENT_TO_HR, "hr"),
    "submit": (PlanStatus.HR_AGREED, "evaluator"),
    "approve": (PlanStatus.SUBMITTED, "approver"),
    "return": (PlanStatus.SUBMITTED, "approver"),
    "post": (PlanStatus.APPROVED, "hr"),
}


def refused(who: str, allowed: str) -> int | None:
    """The status a person gets for a write that is `allowed`'s (None: it succeeds)."""
    if who == "anonymous":
        return 302
    if who == allowed:
        return None
    return 403 if who in SEES else 404


def assert_refused(response, expected: int) -> None:
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_detail(pw, who):
    plan = plan_in(pw, PlanStatus.DRAFT)
    before = snapshot()
    response = client_for(pw, who).get(reverse("plans:detail", args=[plan.pk]))
    if who == "anonymous":
        assert_refused(response, 302)
    else:
        assert response.status_code == (200 if who in SEES else 404)
    assert snapshot() == before


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_list(pw, who):
    plan_in(pw, PlanStatus.DRAFT)
    response = client_for(pw, who).get(reverse("plans:list"), {"tab": "overview"})
    if who == "anonymous":
        assert_refused(response, 302)
        return
    assert response.status_code == 200
    assert ("Сейітов" in response.content.decode()) == (who in SEES)


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_initiate(pw, who):
    before = snapshot()
    response = client_for(pw, who).post(reverse("plans:initiate"), {"year": 2026})
    if who == "hr":
        assert response.status_code == 302
        assert WorkPlan.objects.count() == 5
        return
    assert_refused(response, 302 if who == "anonymous" else 403)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_kpi_add(pw, who, method):
    plan = plan_in(pw, PlanStatus.DRAFT)
    before = snapshot()
    url = reverse("plans:kpi_add", args=[plan.pk])
    client = client_for(pw, who)
    response = client.get(url) if method == "get" else client.post(url, kpi_post(plan.version))
    expected = refused(who, "evaluator")
    if expected is None:
        assert response.status_code == (200 if method == "get" else 302)
        assert plan.kpis.count() == (3 if method == "get" else 4)
        return
    assert_refused(response, expected)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_kpi_edit(pw, who, method):
    plan = plan_in(pw, PlanStatus.DRAFT)
    kpi = plan.kpis.get(number=1)
    before = snapshot()
    url = reverse("plans:kpi_edit", args=[plan.pk, kpi.pk])
    client = client_for(pw, who)
    response = client.get(url) if method == "get" else client.post(url, kpi_post(plan.version))
    expected = refused(who, "evaluator")
    if expected is None:
        assert response.status_code == (200 if method == "get" else 302)
        return
    assert_refused(response, expected)
    assert snapshot() == before


@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_kpi_remove(pw, who):
    plan = plan_in(pw, PlanStatus.DRAFT)
    kpi = plan.kpis.get(number=1)
    before = snapshot()
    response = client_for(pw, who).post(
        reverse("plans:kpi_remove", args=[plan.pk, kpi.pk]), {"version": plan.version}
    )
    expected = refused(who, "evaluator")
    if expected is None:
        assert response.status_code == 302
        assert plan.kpis.count() == 2
        return
    assert_refused(response, expected)
    assert snapshot() == before


@pytest.mark.parametrize("action", list(WRITES))
@pytest.mark.parametrize("who", PEOPLE)
def test_matrix_transitions(pw, who, action):
    status, allowed = WRITES[action]
    plan = plan_in(pw, status)
    before = snapshot()
    response = client_for(pw, who).post(
        reverse("plans:transition", args=[plan.pk, action]),
        {"version": plan.version, "comment": "Түзетіңіз"},
    )
    expected = refused(who, allowed)
    if expected is None:
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.status != status
        return
    assert_refused(response, expected)
    assert snapshot() == before


def test_an_unknown_action_is_not_found(pw):
    plan = plan_in(pw, PlanStatus.DRAFT)
    response = client_for(pw, "evaluator").post(
        reverse("plans:transition", args=[plan.pk, "delete"]), {"version": plan.version}
    )
    assert response.status_code == 404
