"""PDF layout (issue 13 item 10): every PDF the application prints, at one, three and five KPIs,
ends on a page that carries more than its signatures — no signature block alone on the last
page (App. 4), no nearly empty last page (App. 1)."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest

from bagalau.evaluations.models import EvaluationStatus, KpiResult, Method
from bagalau.plans.models import WorkPlan
from tests.browser import ARTIFACTS
from tests.documents.conftest import aware
from tests.documents.test_blank import KPI_NAMES, kpi_blank_case
from tests.factories import EvaluationFactory

SHEET = "/documents/evaluations/"
RESULT = "Бағалау нәтижесі"
EVALUATOR = "Бағалайтын адам"
PLAN_POSTED = "Ақпараттық жүйеге орналастырылды"
PROTOCOL_SIGNATURES = "Калибрлеу сессиясы қатысушыларының қолдары"


def pages(content: bytes) -> list[str]:
    """Each page's text, whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def save(name: str, content: bytes) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"layout-{name}.pdf").write_bytes(content)


def get(client, user, url: str) -> bytes:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.content


@pytest.fixture(params=[1, 3, 5])
def kpi_plan(request, world, quarters):
    """a_head's 2026 plan with 1, 3 or 5 KPIs: the pending Q2 sheet (for the blank form) and a
    signed Q1 sheet with every KPI scored."""
    count = request.param
    blank = kpi_blank_case(world, quarters, count)
    plan = WorkPlan.objects.get(servant=world.a_head, year=2026)
    evaluation = EvaluationFactory(
        period=quarters[1],
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        method=Method.KPI,
        status=EvaluationStatus.FINAL,
        score=D("4.80"),
        rating="effective",
        final_score=D("4.80"),
        final_rating="effective",
        signed_by=world.deputy_user,
        signed_at=aware(dt.date(2026, 4, 8)),
        acknowledged_at=aware(dt.date(2026, 4, 9)),
        completed_at=aware(dt.date(2026, 4, 17)),
    )
    for kpi in plan.kpis.all():
        KpiResult.objects.create(
            evaluation=evaluation,
            kpi=kpi,
            actual_value=None if kpi.direction == "binary" else D("9.6"),
            actual_achieved=True if kpi.direction == "binary" else None,
            percent=D("96.00"),
            score=D("4.80"),
        )
    return count, plan, evaluation, blank


def test_every_pdf_ends_on_a_page_with_more_than_its_signatures(
    client, world, quarters, kpi_plan, diff_case
):
    count, plan, evaluation, blank = kpi_plan
    hr = world.hr_staff_user
    diff_blank = EvaluationFactory(
        period=quarters[2],
        servant=world.a_staff2,
        assignment=world.a_staff2_assignment,
        evaluator=world.a_head,
        method=Method.DIFFERENTIATION,
    )
    sheets = {
        "kpi-sheet": get(client, world.deputy_user, f"{SHEET}{evaluation.pk}/sheet.pdf"),
        "kpi-blank": get(client, hr, f"{SHEET}{blank.pk}/blank.pdf"),
        "diff-sheet": get(
            client, world.a_staff1_user, f"{SHEET}{diff_case.evaluation.pk}/sheet.pdf"
        ),
        "diff-blank": get(client, hr, f"{SHEET}{diff_blank.pk}/blank.pdf"),
    }
    for name, content in sheets.items():
        save(f"{name}-{count}", content)
        texts = pages(content)
        signed = max(i for i, text in enumerate(texts) if EVALUATOR in text)
        # App. 2 / App. 4: the result and the signatures share a page (never signatures alone)
        assert RESULT in texts[signed], (name, count, len(texts))
        assert texts[signed].index(RESULT) < texts[signed].rindex(EVALUATOR), name

    work_plan = get(client, hr, f"/documents/plans/{plan.pk}/work-plan.pdf")
    save(f"work-plan-{count}", work_plan)
    texts = pages(work_plan)
    # App. 1: the closing lines never make a page of their own; the last KPI row goes with them
    assert PLAN_POSTED in texts[-1]
    assert KPI_NAMES[count - 1] in texts[-1], (count, len(texts))

    protocol = get(
        client, world.deputy_user, f"/documents/calibration/{diff_case.session.pk}/protocol.pdf"
    )
    save(f"protocol-{count}", protocol)
    texts = pages(protocol)
    signing = max(i for i, text in enumerate(texts) if PROTOCOL_SIGNATURES in text)
    assert len(texts[signing].split(PROTOCOL_SIGNATURES)[0]) > 300, len(texts)
