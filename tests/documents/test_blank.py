"""Blank App. 2 and App. 4 forms to fill in on paper (seed 002 p.3, p.29): laid out like the
filled forms, the servant's KPIs and planned values printed, the score cells empty, App. 3 on the
next page; for the evaluator and the HR service only, and only while the sheet is unsigned.

Each test keeps its PDF under tests/artifacts/paper/ (git-ignored) to look at as PNG
(`pdftoppm -png -r 60`).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.evaluations.models import EvaluationStatus, KpiResult, Method
from bagalau.evaluations.services.common import kpi_results_sync
from bagalau.plans.models import Direction
from tests.documents.conftest import pdf_text
from tests.factories import EvaluationFactory, KpiFactory, WorkPlanFactory

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "paper"

KPI_NAMES = [
    "Сот актілерін уақытында жариялау",
    "Өтініштерді қарау мерзімі",
    "Құқықтық сараптамалар саны",
    "Ведомстволық тізілімді енгізу",
    "Әдістемелік ұсынымдар әзірлеу",
]


def keep(name: str, content: bytes) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(content)


def pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def kpi_blank_case(world, quarters, count: int):
    """a_head's Q2 2026 KPI sheet, pending, with `count` KPIs planned (the 2nd decreasing, the
    4th binary) and HR's actual value of the first KPI already entered (10.5)."""
    plan = WorkPlanFactory(
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        approver=world.head,
    )
    for number in range(1, count + 1):
        KpiFactory(
            plan=plan,
            number=number,
            name=KPI_NAMES[number - 1],
            unit=["%", "күн", "дана", "иә/жоқ", "дана"][number - 1],
            direction=[Direction.INCREASE, Direction.DECREASE, Direction.INCREASE][number - 1]
            if number <= 3
            else (Direction.BINARY if number == 4 else Direction.INCREASE),
            plan_q1=D(10 * number),
            plan_q2=D(10 * number + 3),
            plan_q3=D(10 * number + 6),
            plan_q4=None,
        )
    evaluation = EvaluationFactory(
        period=quarters[2],
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        method=Method.KPI,
    )
    kpi_results_sync(evaluation=evaluation)
    first = KpiResult.objects.get(evaluation=evaluation, kpi__number=1)
    first.actual_value = D("10.5")
    first.save()
    return evaluation


@pytest.fixture
def diff_blank(world, quarters):
    return EvaluationFactory(
        period=quarters[2],
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        evaluator=world.a_head,
        method=Method.DIFFERENTIATION,
    )


def blank_url(evaluation, lang=""):
    suffix = f"?lang={lang}" if lang else ""
    return f"/documents/evaluations/{evaluation.pk}/blank.pdf{suffix}"


def download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return response


@pytest.mark.parametrize("count", [1, 3, 5])
def test_the_kpi_blank_prints_the_servant_the_kpis_and_empty_score_cells(
    client, world, quarters, count
):
    evaluation = kpi_blank_case(world, quarters, count)
    response = download(client, world.hr_staff_user, blank_url(evaluation))
    keep(f"app2-blank-{count}-kpis-kk.pdf", response.content)
    text = pdf_text(response.content)
    first, *rest = pages(response.content)
    for heading in (
        "2-қосымша",
        "НМИ бойынша бағалау парағы",
        "(бағаланатын адамның Т.А.Ә., лауазымы)",
        "Жоспарлы мәні",
        "Нақты мәні",
        "НМИ пайыздық іске асуы",
        "Қорытынды бағалау",
        "Бағаланатын адам",
        "Бағалайтын адам",
        "Қағаз тасымалдағышта",
    ):
        assert heading in text, heading
    assert "Әлиев Арман" in text
    assert "2026 жылғы 2-тоқсан" in text
    assert f"бағалау № {evaluation.pk}" in text
    for name in KPI_NAMES[:count]:
        assert name in text, name
    for name in KPI_NAMES[count:]:
        assert name not in text, name
    # the planned values of Q1-Q3 of each KPI (10n, 10n+3, 10n+6); Q4 plans none
    for number in range(1, count + 1):
        for value in (10 * number, 10 * number + 3, 10 * number + 6):
            assert str(value) in first, (number, value)
    assert "10.5" in first  # HR's actual value of KPI 1
    # the score cells are empty: no score, no percent, no result on the form
    for absent in ("5.00", "105.00", "%)", "ЖОБА"):
        assert absent not in first, absent
    # the divisor of the final score is the number of KPIs; the four ratings to tick
    assert f": {count})" in text
    assert text.count("☐") == 4
    assert "Функционалдық міндеттерін тиімді атқарады" in text
    # App. 3 on its own page, rows from the engine's table
    app3 = rest[-1]
    assert "3-қосымша" in app3
    assert "Нысаналы мақсатты индикаторды іске асыру пайызына байланысты" in app3
    assert "100 және одан жоғары" in app3
    assert "95–99.99" in app3
    assert "4.75–4.99" in app3
    assert "40–44.99" in app3  # the seed's "40-44,49" read as 40-44.99 (SPEC §4.4)
    assert "0.00–0.24" in app3
    assert "Әлиев" not in app3


def test_a_binary_kpi_prints_whether_it_was_achieved_once_hr_entered_it(client, world, quarters):
    evaluation = kpi_blank_case(world, quarters, 4)
    row = KpiResult.objects.get(evaluation=evaluation, kpi__number=4)
    row.actual_achieved = True
    row.save()
    text = pages(download(client, world.deputy_user, blank_url(evaluation)).content)[0]
    assert " иә " in f" {text} ".replace("\n", " ")


def test_the_differentiation_blank_prints_the_parameters_with_empty_cells(
    client, world, diff_blank
):
    response = download(client, world.a_head_user, blank_url(diff_blank))
    keep("app4-blank-kk.pdf", response.content)
    text = pdf_text(response.content)
    for heading in (
        "4-қосымша",
        "Саралау әдісі бойынша бағалау параметры",
        "Бағаланатын қызметшінің Т.А.Ә.",
        "Бағалайтын қызметшінің Т.А.Ә.",
        "баллға дейін)",
        "Функционалдық міндеттерді орындау сапасы",
        "Міндеттерді орындау мерзімдерін сақтау",
        "Дербестік және бастамашылық",
        "Еңбек тәртібін сақтау",
        "Негізделген ескертулер мен шағымдардың болмауы",
        "Орташа қорытынды баға",
        "Қойылған бағаға негіздеме",
        "31-тармағы",
    ):
        assert heading in text, heading
    assert "Бекова Айгүл" in text
    assert "Әлиев Арман" in text
    assert f"бағалау № {diff_blank.pk}" in text
    assert text.count("☐") == 4
    assert "ЖОБА" not in text
    assert "4.50" not in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["Оценочный лист по КЦИ", "Оценка на бумажном носителе", "100 и выше"]),
        ("en", ["KPI evaluation sheet", "Evaluation on paper", "100 and above"]),
    ],
)
def test_the_kpi_blank_in_russian_and_english(client, world, quarters, lang, expected):
    evaluation = kpi_blank_case(world, quarters, 3)
    response = download(client, world.hr_head_user, blank_url(evaluation, lang))
    keep(f"app2-blank-3-kpis-{lang}.pdf", response.content)
    text = pdf_text(response.content)
    for phrase in expected:
        assert phrase in text, phrase
    assert "НМИ бойынша бағалау парағы" not in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["Параметры оценки методом дифференциации", "п. 31 Методики"]),
        ("en", ["Differentiation evaluation parameters", "Methodology p.31"]),
    ],
)
def test_the_differentiation_blank_in_russian_and_english(
    client, world, diff_blank, lang, expected
):
    response = download(client, world.hr_staff_user, blank_url(diff_blank, lang))
    keep(f"app4-blank-{lang}.pdf", response.content)
    text = pdf_text(response.content)
    for phrase in expected:
        assert phrase in text, phrase


def test_the_download_is_named_as_a_blank_and_audited(client, world, diff_blank):
    response = download(client, world.hr_staff_user, blank_url(diff_blank))
    assert "app4-differentiation-sheet-blank-2026-q2-" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="print_blank")
    assert entry.actor == world.hr_staff_user
    assert entry.object_id == str(diff_blank.pk)


# --- who may print it ----------------------------------------------------------------------------

REFUSED_404 = ["outsider", "other_unit_manager", "apparatus_head", "admin"]


def user_of(world, role):
    return {
        "evaluator": world.a_head_user,
        "evaluatee": world.a_staff1_user,
        "hr_staff": world.hr_staff_user,
        "hr_head": world.hr_head_user,
        "outsider": world.outsider_user,
        "other_unit_manager": world.b_head_user,
        "apparatus_head": world.head_user,
        "admin": world.admin_user,
    }[role]


def test_anonymous_is_sent_to_log_in(client, diff_blank):
    response = client.get(blank_url(diff_blank))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert (
        APIClient().get(f"/api/v1/documents/evaluations/{diff_blank.pk}/blank.pdf").status_code
        == 403
    )
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", ["evaluator", "hr_staff", "hr_head"])
def test_the_evaluator_and_the_hr_service_print_it(client, world, diff_blank, role):
    download(client, user_of(world, role), blank_url(diff_blank))
    api = APIClient()
    api.force_authenticate(user_of(world, role))
    response = api.get(f"/api/v1/documents/evaluations/{diff_blank.pk}/blank.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="print_blank").count() == 2


def test_the_evaluatee_may_not_print_it(client, world, diff_blank):
    """The servant sees the result, not the evaluator's form: 403 (he knows the sheet exists)."""
    client.force_login(world.a_staff1_user)
    assert client.get(blank_url(diff_blank)).status_code == 403
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", REFUSED_404)
def test_everyone_else_gets_404(client, world, diff_blank, role):
    client.force_login(user_of(world, role))
    assert client.get(blank_url(diff_blank)).status_code == 404
    api = APIClient()
    api.force_authenticate(user_of(world, role))
    response = api.get(f"/api/v1/documents/evaluations/{diff_blank.pk}/blank.pdf")
    assert response.status_code == 404
    assert set(response.json()["error"]) == {"field", "message"}
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (EvaluationStatus.SIGNED, "This sheet is signed"),
        (EvaluationStatus.FINAL, "This sheet is signed"),
        (EvaluationStatus.NOT_EVALUATED, "not evaluated for the period"),
    ],
)
def test_no_blank_once_signed_or_when_not_evaluated(client, world, diff_blank, status, message):
    diff_blank.status = status
    diff_blank.save()
    client.force_login(world.hr_staff_user)
    response = client.get(blank_url(diff_blank))
    assert response.status_code == 400
    assert message in response.content.decode()
    api = APIClient()
    api.force_authenticate(world.hr_staff_user)
    response = api.get(f"/api/v1/documents/evaluations/{diff_blank.pk}/blank.pdf")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "status"
    assert not AuditEntry.objects.exists()


def test_a_deferred_kpi_sheet_has_a_blank_too(client, world, quarters, clock):
    clock(dt.date(2026, 7, 20))
    evaluation = kpi_blank_case(world, quarters, 3)
    evaluation.status = EvaluationStatus.DEFERRED
    evaluation.save()
    download(client, world.deputy_user, blank_url(evaluation))
