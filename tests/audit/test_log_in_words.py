"""The audit log speaks the reader's language (issue 13 item 3): the action's name, the object's
kind and current name with a link to its page, the person's name, field labels instead of paths
and old -> new in words — never a raw code, a dotted model name or a login; the filters offer
people, actions and kinds by name; the page's queries do not grow with its entries."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.audit.services import audit_log
from bagalau.evaluations.models import EvaluationStatus
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory, WorkPlanFactory

CODES = ("sign", "hr_agree", "kpi_add", "export_results", "mystery_code")


@pytest.fixture
def logged(world):
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    )
    evaluation = EvaluationFactory(
        period=period,
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        evaluator=world.a_head,
        status=EvaluationStatus.SIGNED,
        score=D("3.75"),
        rating="proper",
    )
    audit_log(
        actor=world.a_head_user,
        action="sign",
        obj=evaluation,
        summary="",  # the page names the object itself
        changes={
            "status": ("pending", "signed"),
            "score": (None, D("3.75")),
            "kpis[1].score": ("4.00", "3.50"),
            "scores.quality": (3, 4),
            "signed_at": (None, "2026-04-08 10:15:00+05:00"),
            "due_date": ("2026-04-10", "2026-04-20"),
            "version": (1, 2),
        },
    )
    plan = WorkPlanFactory(
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        approver=world.head,
    )
    audit_log(actor=world.hr_staff_user, action="hr_agree", obj=plan)
    audit_log(actor=world.deputy_user, action="kpi_add", obj=plan)
    audit_log(actor=world.hr_head_user, action="export_results", obj=period)
    audit_log(actor=None, action="mystery_code", obj=world.org)
    world.evaluation, world.plan, world.period = evaluation, plan, period
    return world


def page(client, user, language="en", **params):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("audit:log"), params)


def _cells(html: str) -> str:
    """The text of the entries table, tags and attributes removed."""
    table = html[html.index('id="entries"') :]
    return re.sub(r"<[^>]+>", " ", table)


def test_entries_are_in_words(client, logged):
    response = page(client, logged.hr_head_user)
    rows = {row.entry.action: row for row in response.context["rows"]}
    sign = rows["sign"]
    assert (sign.actor, sign.action, sign.kind) == (logged.a_head.full_name, "signed", "evaluation")
    assert sign.url == reverse("evaluations:sheet", args=[logged.evaluation.pk])
    assert sign.name == str(logged.evaluation)
    changes = {change.label: (change.old, change.new) for change in sign.changes}
    assert changes == {
        "status": ("Awaiting the evaluator", "Signed by the evaluator"),
        "score": ("—", "3.75"),
        "KPI 2 · score": ("4.00", "3.50"),
        "score · Quality of performing functional duties": ("3", "4"),
        "signed": ("—", "08.04.2026 10:15"),
        "due": ("10.04.2026", "20.04.2026"),
    }
    assert rows["hr_agree"].action == "HR agreed the work plan"
    assert rows["hr_agree"].url == reverse("plans:detail", args=[logged.plan.pk])
    assert rows["export_results"].action == "downloaded the results"
    assert (rows["mystery_code"].action, rows["mystery_code"].actor) == (
        "other action",
        "the system",
    )


def test_no_raw_code_dotted_model_name_path_or_login_is_shown(client, logged):
    text = _cells(page(client, logged.hr_head_user).content.decode())
    for raw in (*CODES, "evaluations.evaluation", "plans.workplan", "kpis[1]", "quality"):
        assert not re.search(rf"(?<![\w.]){re.escape(raw)}(?![\w\[])", text), raw
    for login in ("a_head", "hr_staff", "deputy", "hr_head"):
        assert not re.search(rf"\b{login}\b", text)


def test_the_log_speaks_kazakh(client, logged):
    response = page(client, logged.hr_head_user, "kk")
    rows = {row.entry.action: row for row in response.context["rows"]}
    assert rows["sign"].action == "қол қойды"
    assert rows["sign"].kind == "бағалау"


def test_filters_offer_names_and_filter_by_code(client, logged):
    response = page(client, logged.hr_head_user)
    choices = response.context["choices"]
    assert ("a_head", logged.a_head.full_name) in choices["people"]
    assert ("sign", "signed") in choices["actions"]
    assert ("plans.workplan", "work plan") in choices["kinds"]
    only = page(client, logged.hr_head_user, actor="deputy").context["rows"]
    assert [row.entry.action for row in only] == ["kpi_add"]
    kinds = page(client, logged.hr_head_user, object_type="plans.workplan").context["rows"]
    assert sorted(row.entry.action for row in kinds) == ["hr_agree", "kpi_add"]


def test_the_page_s_queries_do_not_grow_with_its_entries(client, logged):
    client.force_login(logged.hr_head_user)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit:log"))
    for _ in range(20):
        audit_log(actor=logged.a_head_user, action="sign", obj=logged.evaluation)
        audit_log(actor=logged.deputy_user, action="kpi_add", obj=logged.plan)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("audit:log"))
    assert len(many.captured_queries) == len(few.captured_queries)


def _distinct_entries(world, count: int, start: int) -> None:
    """`count` entries, each about another evaluation of another year."""
    for offset in range(count):
        schedule = ScheduleFactory(
            organisation=world.org, year=start + offset, drafted_by=world.hr_staff_user
        )
        evaluation = EvaluationFactory(
            period=PeriodFactory(schedule=schedule),
            servant=world.a_staff2,
            assignment=world.a_staff2_assignment,
            evaluator=world.a_head,
        )
        # no stored summary: the page names the object itself
        audit_log(actor=world.a_head_user, action="sign", obj=evaluation, summary="")


def test_the_page_s_queries_do_not_grow_with_the_objects_it_names(client, logged):
    """Each entry names its object (an evaluation reads its servant and period): the objects
    come with what their names need, not one query each."""
    client.force_login(logged.hr_head_user)
    _distinct_entries(logged, 3, 2030)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit:log"))
    _distinct_entries(logged, 12, 2040)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("audit:log"))
    signed = [row for row in response.context["rows"] if row.entry.action == "sign"]
    assert len(signed) == 1 + 15
    assert all(row.name != row.entry.summary or not row.url for row in signed)
    assert len(many.captured_queries) == len(few.captured_queries)


def _typical_and_moj_flows():
    from bagalau.commission.models import SESSION_FLOW
    from bagalau.moj.models import (
        ANNUAL_SHEET_FLOW,
        MOJ_SCHEDULE_FLOW,
        QUARTER_SHEET_FLOW,
        WORK_PLAN_FLOW,
    )
    from bagalau.typical.models import (
        COMPETENCY_SHEET_FLOW,
        KPI_SHEET_FLOW,
        TYPICAL_SCHEDULE_FLOW,
    )

    return (
        SESSION_FLOW,
        ANNUAL_SHEET_FLOW,
        MOJ_SCHEDULE_FLOW,
        QUARTER_SHEET_FLOW,
        WORK_PLAN_FLOW,
        COMPETENCY_SHEET_FLOW,
        KPI_SHEET_FLOW,
        TYPICAL_SCHEDULE_FLOW,
    )


#: What the typical-2018 and moj-2017 services write beside their flows' steps.
TYPICAL_AND_MOJ_CODES = (
    "approve_typical",
    "return_typical",
    "submit_to_superior",
    "sign_servant",
    "sign_manager",
    "recommend",
    "to_commission",
    "notify",
    "refuse",
    "reconsider",
)


def test_every_typical_and_moj_action_has_a_name_in_each_language():
    """The steps of the typical-2018, moj-2017 and commission flows, as their services write
    them into the log, are named — never "other action" (issue 13 item 3)."""
    from django.utils import translation

    from bagalau.audit.presenting import action_label

    codes = {code for flow in _typical_and_moj_flows() for code in flow.steps}
    codes |= set(TYPICAL_AND_MOJ_CODES)
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            other = action_label("mystery_code")
            unnamed = sorted(code for code in codes if action_label(code) == other)
            assert unnamed == [], language


def test_a_moj_sheet_s_entries_read_in_words_with_a_link(client, logged):
    """A moj-2017 quarterly sheet's signature and refusal read as such, link to the sheet, and
    the page shows no raw code or dotted model name."""
    from bagalau.moj.models import QuarterSheet

    sheet = QuarterSheet.objects.create(evaluation=logged.evaluation, catalogue="territorial")
    audit_log(actor=logged.a_staff1_user, action="sign", obj=sheet)
    audit_log(actor=logged.hr_staff_user, action="refuse", obj=sheet)
    audit_log(actor=logged.hr_staff_user, action="to_commission", obj=logged.evaluation)
    response = page(client, logged.hr_head_user, object_type="moj.quartersheet")
    rows = {row.entry.action: row for row in response.context["rows"]}
    assert (rows["sign"].action, rows["refuse"].action) == ("signed", "drew up a refusal act")
    assert rows["sign"].kind == "quarterly evaluation sheet"
    assert rows["sign"].url == reverse("moj:quarter_sheet", args=[sheet.pk])
    text = _cells(page(client, logged.hr_head_user).content.decode())
    for raw in ("refuse", "to_commission", "moj.quartersheet"):
        assert not re.search(rf"(?<![\w.]){re.escape(raw)}(?![\w\[])", text), raw
    kk = page(client, logged.hr_head_user, "kk", object_type="moj.quartersheet")
    assert all(row.action != "drew up a refusal act" for row in kk.context["rows"])
