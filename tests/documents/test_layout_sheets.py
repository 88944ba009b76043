"""PDF layout of the typical-2018 and moj-2017 sheets (issue 13 item 10): the last row of the form
goes with its result and signatures (never the signature block alone on a page), and no page is
nearly empty — at one, three and five rows where the form's rows vary (moj App. 1 and App. 4 hold at
most four indicators, App. 3 any number of encouraged activities), and with one, three and five
long KPI names where the form has five fixed rows (typical App. 1 and App. 2).

The PDFs are saved under tests/artifacts/layout-*.pdf to look at."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.evaluations.models import Evaluation, PeriodKind
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_open,
    annual_sheet_self_assess,
)
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_self_assess,
)
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.moj.services.work_plan import work_plan_create, work_plan_sign
from bagalau.org.models import EditionAssignment
from bagalau.plans.models import Kpi
from bagalau.typical.services.competency_sheet import (
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import kpi_sheet_fill, kpi_sheet_open, kpi_sheet_sign
from tests.documents.test_layout import pages, save
from tests.moj.conftest import mw  # noqa: F401 (a fixture)
from tests.typical.conftest import (  # `tw`: the world under sjc-2018 in 2019, a fixture
    approved_plan,
    evaluation_of,
    opened,
    tw,  # noqa: F401
)

pytestmark = pytest.mark.django_db

#: The shortest text a page may carry.
LEAST = 200
MANAGER = "Тікелей басшы"
SERVANT = "Қызметші"
LONG = (
    "Облыстық бюджеттен қаржыландырылатын мемлекеттік бағдарламалар бойынша мемлекеттік сатып "
    "алу шарттарының уақтылы жасалуын және орындалуын қамтамасыз ету, құқықтық сараптама "
    "қорытындыларын дайындау және мониторинг нәтижелерін тоқсан сайын басшылыққа ұсыну"
)


def assert_laid_out(texts: list[str], name: str, *, last_row: str, closing: tuple[str, ...]):
    """The page that carries the closing lines (result, signatures) carries the last row too, and
    no page is nearly empty."""
    signed = max(i for i, text in enumerate(texts) if all(line in text for line in closing))
    assert last_row in texts[signed], (name, signed + 1, len(texts))
    for number, text in enumerate(texts, 1):
        assert len(text) >= LEAST, (name, number, len(texts), text)


def _pdf(client, user, name: str, object_id: int) -> bytes:
    client.force_login(user)
    response = client.get(reverse(f"documents:{name}", args=[object_id]), {"lang": "kk"})
    assert response.status_code == 200, response.content[:300]
    return response.content


@pytest.fixture(params=[1, 3, 5])
def typical_sheets(request):
    """b_staff1's 2019 plan with `long` of its five KPIs named at length, both sheets signed; the
    competencies with a long list of indicators not observed in the same number."""
    long = request.param
    w = request.getfixturevalue("tw")
    schedule = opened(w)
    plan = approved_plan(w, w.b_staff1, w.b_staff1_assignment)
    plan.edition = "sjc-2018"
    plan.save(update_fields=["edition"])
    for kpi in Kpi.objects.filter(plan=plan, number__lte=long):
        kpi.name = f"{kpi.number}. {LONG}"
        kpi.save(update_fields=["name"])
    evaluation = evaluation_of(schedule, w.b_staff1)
    kpi_sheet = kpi_sheet_open(actor=w.b_head_user, evaluation_id=evaluation.pk)
    competency = competency_sheet_open(actor=w.b_head_user, evaluation_id=evaluation.pk)
    rows = {n: {"actual": f"{n}0", "achieved": n != 5} for n in range(1, 6)}
    kpi_sheet_fill(actor=w.b_head_user, sheet_id=kpi_sheet.pk, rows=rows)
    kpi_sheet_sign(actor=w.b_head_user, sheet_id=kpi_sheet.pk)
    observed = {"activity_management": [], "cooperation": [], "responsibility": []}
    competency_sheet_fill(
        actor=w.b_head_user,
        sheet_id=competency.pk,
        observed=dict(list(observed.items())[: min(long, 3)]),
    )
    competency_sheet_sign(actor=w.b_head_user, sheet_id=competency.pk)
    return w, long, plan, kpi_sheet, competency


def test_typical_sheets_keep_the_last_row_with_the_result_and_signatures(client, typical_sheets):
    w, long, plan, kpi_sheet, competency = typical_sheets
    last_kpi = Kpi.objects.get(plan=plan, number=5).name[:40]
    content = _pdf(client, w.hr_staff_user, "typical_kpi_sheet_pdf", kpi_sheet.pk)
    save(f"typical-app2-{long}", content)
    assert_laid_out(
        pages(content),
        f"typical-app2-{long}",
        last_row=last_kpi,
        closing=("Бағалау нәтижесі", MANAGER),
    )

    content = _pdf(client, w.hr_staff_user, "work_plan_pdf", plan.pk)
    save(f"typical-app1-{long}", content)
    assert_laid_out(pages(content), f"typical-app1-{long}", last_row=last_kpi, closing=(MANAGER,))

    content = _pdf(client, w.hr_staff_user, "typical_competency_sheet_pdf", competency.pk)
    save(f"typical-app3-{long}", content)
    texts = pages(content)
    sheet = [text for text in texts if "мінез-құлық индикаторлары" not in text]
    assert_laid_out(sheet, f"typical-app3-{long}", last_row="11", closing=("*Лауазымдық", MANAGER))


@pytest.mark.parametrize(
    "texts",
    [
        ["5. Соңғы НМИ " * 30, "Бағалау нәтижесі Тікелей басшы " * 10],
        ["1. НМИ " * 30, "5. Соңғы НМИ Бағалау нәтижесі Тікелей басшы"],
    ],
    ids=["signatures-alone", "nearly-empty-last-page"],
)
def test_the_check_refuses_a_lonely_signature_page_and_a_nearly_empty_one(texts):
    with pytest.raises(AssertionError):
        assert_laid_out(
            texts, "made-up", last_row="5. Соңғы", closing=("Бағалау нәтижесі", MANAGER)
        )


def _indicators(count: int) -> list[dict[str, object]]:
    """`count` long indicators of an App. 1 plan, at least half of them measurable (p.8)."""
    return [
        {
            "name": f"{number}. {LONG}",
            "expected_result": f"{LONG} ({number})",
            "measurable": number <= (count + 1) // 2,
        }
        for number in range(1, count + 1)
    ]


@pytest.fixture
def moj_year(request):
    """2017 under moj-2017 all year, every period opened; b_staff1's plan filed."""
    w = request.getfixturevalue("mw")  # the world under moj-2017 (tests/moj)
    EditionAssignment.objects.filter(organisation=w.org).update(valid_from=dt.date(2017, 1, 1))
    catalogue_choose(actor=w.admin_user, organisation=w.org, catalogue="territorial")
    w.schedule = moj_schedule_draft(actor=w.hr_staff_user, organisation=w.org, year=2017)
    for period in w.schedule.periods.all():
        moj_period_open(actor=w.hr_staff_user, period_id=period.pk)
    return w


@pytest.mark.parametrize("count", [1, 3, 4])
def test_moj_app1_and_app4_keep_the_last_row_with_the_signatures(client, moj_year, count):
    w = moj_year
    plan = work_plan_create(
        actor=w.b_staff1_user, servant_id=w.b_staff1.pk, year=2017, indicators=_indicators(count)
    )
    work_plan_sign(actor=w.b_staff1_user, plan_id=plan.pk)
    work_plan_sign(actor=w.b_head_user, plan_id=plan.pk)
    last_row = f"{count}. {LONG[:30]}"
    content = _pdf(client, w.hr_staff_user, "moj_work_plan_pdf", plan.pk)
    save(f"moj-app1-{count}", content)
    assert_laid_out(pages(content), f"moj-app1-{count}", last_row=last_row, closing=(MANAGER,))

    evaluation = Evaluation.objects.get(
        period__schedule=w.schedule, period__kind=PeriodKind.ANNUAL, servant=w.b_staff1
    )
    sheet = annual_sheet_open(actor=w.b_head_user, evaluation_id=evaluation.pk)
    marks = [{"points": 4, "note": LONG} for _ in range(count)]
    annual_sheet_self_assess(actor=w.b_staff1_user, sheet_id=sheet.pk, marks=marks)
    annual_sheet_agree(actor=w.b_head_user, sheet_id=sheet.pk, marks=marks)
    content = _pdf(client, w.hr_staff_user, "moj_annual_sheet_pdf", sheet.pk)
    save(f"moj-app4-{count}", content)
    assert_laid_out(pages(content), f"moj-app4-{count}", last_row=last_row, closing=(MANAGER,))


@pytest.mark.parametrize("count", [1, 3, 5])
def test_moj_app3_keeps_the_last_row_with_the_results_and_signatures(client, moj_year, count):
    w = moj_year
    evaluation = Evaluation.objects.get(
        period__schedule=w.schedule, period__number=4, servant=w.b_staff1
    )
    sheet = quarter_sheet_open(actor=w.b_head_user, evaluation_id=evaluation.pk)
    codes = ["territorial-5-01", "territorial-5-02", "territorial-5-03", "territorial-4-01"]
    codes.append("territorial-3-01")
    items = [
        {"code": code, "date": dt.date(2017, 10, 16), "evidence": f"{LONG[:120]} № {n}"}
        for n, code in enumerate(codes[:count], 1)
    ]
    quarter_sheet_self_assess(actor=w.b_staff1_user, sheet_id=sheet.pk, items=items, breaches=[])
    quarter_sheet_agree(actor=w.b_head_user, sheet_id=sheet.pk, items=items, breach_ids=[])
    content = _pdf(client, w.hr_staff_user, "moj_quarter_sheet_pdf", sheet.pk)
    save(f"moj-app3-{count}", content)
    closing = ("нәтижесі", MANAGER)
    assert_laid_out(pages(content), f"moj-app3-{count}", last_row=f"№ {count}", closing=closing)
