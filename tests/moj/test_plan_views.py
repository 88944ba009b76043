"""The pages of the App. 1 work plan and the App. 4 annual sheet, and their PDFs: a plan and a
year through the forms; who sees each page and who may post each step (refused: nothing
changed); the PDFs carry the forms' Kazakh titles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.moj.models import AnnualSheet, AnnualSheetStatus, WorkPlan, WorkPlanStatus
from bagalau.moj.services.annual_sheet import annual_sheet_agree, annual_sheet_open
from bagalau.moj.services.work_plan import work_plan_create, work_plan_sign
from tests.documents.conftest import pdf_text
from tests.moj.test_annual_sheet import PLAN, annual_of, approve, marks
from tests.moj.test_annual_sheet import year as year  # noqa: F401  (fixture)
from tests.moj.test_api import EVERYONE

pytestmark = pytest.mark.django_db


def client(w, who) -> Client:
    c = Client()
    if who is not None:
        c.force_login(getattr(w, f"{who}_user"))
    return c


ROWS = {
    "ind_0_name": "Draft 3 bills",
    "ind_0_expected_result": "3 bills sent",
    "ind_0_measurable": "on",
    "ind_1_name": "Advise the units",
    "ind_1_expected_result": "Advice given",
}


def test_a_plan_through_the_pages(mw):
    servant, manager = client(mw, "b_staff1"), client(mw, "b_head")
    assert b'data-testid="plan-create"' in servant.get("/moj/work-plans/").content
    bad = servant.post(
        "/moj/work-plans/new/",
        {"servant": mw.b_staff1.pk, "year": 2017, **ROWS, "ind_1_expected_result": ""},
    )
    assert bad.status_code == 400
    assert b'data-testid="plan-error"' in bad.content
    assert not WorkPlan.objects.exists()
    made = servant.post("/moj/work-plans/new/", {"servant": mw.b_staff1.pk, "year": 2017, **ROWS})
    assert made.status_code == 302
    plan = WorkPlan.objects.get()
    base = f"/moj/work-plans/{plan.pk}"
    half = manager.post(f"{base}/edit/", {"version": 1, **ROWS, "ind_0_measurable": ""})
    assert half.status_code == 400  # 0 of 2 measurable
    assert servant.post(f"{base}/sign/").status_code == 302
    assert manager.post(f"{base}/sign/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == WorkPlanStatus.FILED
    page = client(mw, "hr_staff").get(f"{base}/").content.decode()
    assert "Draft 3 bills" in page
    assert 'data-testid="history"' in page
    amended = manager.post(f"{base}/amend/", {"version": plan.version, "reason": "New law"})
    assert amended.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.revision) == (WorkPlanStatus.DRAFT, 2)


READ_DRAFT = {who: 404 for who in EVERYONE} | {"b_head": 200, "b_staff1": 200}
READ_FILED = READ_DRAFT | {"hr_staff": 200, "hr_head": 200}
#: Signing a draft: the servant; the manager sees it and is refused (the servant signs first).
SIGN = {who: 404 for who in EVERYONE} | {"b_head": 403, "b_staff1": 302}


@pytest.mark.parametrize("who", [None, *EVERYONE])
def test_the_plan_pages_matrix(mw, who):
    plan = work_plan_create(
        actor=mw.b_staff1_user, servant_id=mw.b_staff1.pk, year=2017, indicators=PLAN[:2]
    )
    base = f"/moj/work-plans/{plan.pk}"
    if who is None:
        for url in ("/moj/work-plans/", f"{base}/"):
            assert client(mw, None).get(url).status_code == 302
        assert client(mw, None).post(f"{base}/sign/").status_code == 302
        plan.refresh_from_db()
        assert plan.status == WorkPlanStatus.DRAFT
        return
    assert client(mw, who).get("/moj/work-plans/").status_code == 200
    assert client(mw, who).get(f"{base}/").status_code == READ_DRAFT[who]
    signed = client(mw, who).post(f"{base}/sign/")
    assert signed.status_code == SIGN[who]
    plan.refresh_from_db()
    assert (plan.status == WorkPlanStatus.SERVANT_SIGNED) is (SIGN[who] == 302)
    if plan.status == WorkPlanStatus.DRAFT:
        work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)
    assert client(mw, who).get(f"{base}/").status_code == READ_FILED[who]
    printed = client(mw, who).get(f"/documents/moj/work-plans/{plan.pk}/app1.pdf")
    assert printed.status_code == READ_FILED[who]


def test_a_plan_for_someone_not_ones_own_nor_a_report_is_refused(mw):
    made = client(mw, "a_head").post(
        "/moj/work-plans/new/", {"servant": mw.b_staff1.pk, "year": 2017, **ROWS}
    )
    assert made.status_code == 400
    assert not WorkPlan.objects.exists()


def test_the_year_through_the_pages_says_the_formula_is_a_reconstruction(year):  # noqa: F811
    manager, servant, hr = (
        client(year, "b_head"),
        client(year, "b_staff1"),
        client(year, "hr_staff"),
    )
    listing = manager.get("/moj/work-plans/").content.decode()
    assert 'data-testid="annual-open"' in listing
    evaluation = annual_of(year, year.b_staff1)
    assert manager.post(f"/moj/evaluations/{evaluation.pk}/annual-sheet/").status_code == 302
    sheet = AnnualSheet.objects.get()
    base = f"/moj/annual-sheets/{sheet.pk}"
    bad = servant.post(f"{base}/self_assess/", {"version": 1, "mark_0_points": 5})
    assert bad.status_code == 400
    assert b'data-testid="sheet-error"' in bad.content
    marks_ok = {f"mark_{i}_points": p for i, p in enumerate((5, 5, 4))}
    assert servant.post(f"{base}/self_assess/", {"version": 1, **marks_ok}).status_code == 302
    agreed = {f"mark_{i}_points": p for i, p in enumerate((4, 5, 3))}
    assert manager.post(f"{base}/agree/", {"version": 2, **agreed}).status_code == 302
    asked = servant.post(f"{base}/confirm/")  # issue 13 item 4: confirmed first
    assert b'data-testid="confirm-summary"' in asked.content
    assert servant.post(f"{base}/confirm/", {"confirm": "1"}).status_code == 302
    early = hr.post(f"{base}/compute/")
    assert early.status_code == 400  # no approved quarter (M-14)
    assert b'data-testid="sheet-error"' in early.content
    sheet.refresh_from_db()
    assert sheet.status == AnnualSheetStatus.CONFIRMED
    approve(year, q1=112, q2=98, q3=131)
    assert hr.post(f"{base}/compute/").status_code == 302
    page = servant.get(f"{base}/").content.decode()
    assert 'data-testid="reconstruction"' in page
    assert "113.67" in page
    assert 'data-testid="explain"' in page
    assert annual_of(year, year.b_staff1).score == Decimal("4.0")


READ_SHEET = {who: 404 for who in EVERYONE} | {
    who: 200 for who in ["hr_staff", "hr_head", "head", "b_head", "b_staff1"]
}
#: Computing: HR only, once the sheet is confirmed or refused.
COMPUTE = {who: (403 if READ_SHEET[who] == 200 else 404) for who in EVERYONE} | {
    "hr_staff": 302,
    "hr_head": 302,
}


@pytest.mark.parametrize("who", [None, *EVERYONE])
def test_the_annual_sheet_pages_matrix(year, who):  # noqa: F811
    sheet = annual_sheet_open(
        actor=year.hr_staff_user, evaluation_id=annual_of(year, year.b_staff1).pk
    )
    annual_sheet_agree(actor=year.b_head_user, sheet_id=sheet.pk, marks=marks(4, 4, 4))
    from bagalau.moj.services.annual_sheet import annual_sheet_confirm

    annual_sheet_confirm(actor=year.b_staff1_user, sheet_id=sheet.pk)
    approve(year, q1=100)
    base = f"/moj/annual-sheets/{sheet.pk}"
    pdf = f"/documents/moj/annual-sheets/{sheet.pk}/app4.pdf"
    if who is None:
        assert client(year, None).get(f"{base}/").status_code == 302
        assert client(year, None).post(f"{base}/compute/").status_code == 302
        assert client(year, None).get(pdf).status_code == 302
    else:
        assert client(year, who).get(f"{base}/").status_code == READ_SHEET[who]
        assert client(year, who).get(pdf).status_code == READ_SHEET[who]
        assert client(year, who).post(f"{base}/compute/").status_code == COMPUTE[who]
    evaluation = Evaluation.objects.get(pk=sheet.evaluation_id)
    computed = COMPUTE.get(who) == 302
    assert (evaluation.status == EvaluationStatus.BEFORE_COMMISSION) is computed


def test_the_pdfs_carry_the_forms_kazakh_titles(year):  # noqa: F811
    sheet = annual_sheet_open(
        actor=year.hr_staff_user, evaluation_id=annual_of(year, year.b_staff1).pk
    )
    annual_sheet_agree(actor=year.b_head_user, sheet_id=sheet.pk, marks=marks(4, 5, 3))
    servant = client(year, "b_staff1")
    plan = pdf_text(servant.get(f"/documents/moj/work-plans/{year.plan.pk}/app1.pdf").content)
    assert "жеке жұмыс жоспары" in plan
    assert "Draft 3 bills" in plan
    assert "Нысаналы көрсеткіштер" in plan
    filled = pdf_text(servant.get(f"/documents/moj/annual-sheets/{sheet.pk}/app4.pdf").content)
    assert "Бағалау парағы" in filled
    assert "Жеке жоспарды орындау бағасы: 4.00" in filled
    assert "2-ден 5-ке дейін" in filled
    blank1 = pdf_text(servant.get("/documents/moj/blank/app1.pdf").content)
    assert "Нысаналы көрсеткіш 4" in blank1
    blank4 = pdf_text(servant.get("/documents/moj/blank/app4.pdf").content)
    assert "4 мақсаттық көрсеткіштің нәтижесі" in blank4
    assert client(year, None).get("/documents/moj/blank/app4.pdf").status_code == 302


def test_the_open_button_of_an_annual_sheet_is_offered_only_to_who_may_open_it(year):
    """HR and the evaluator open the App. 4 sheet (p.29): b_head sees the button on b_staff1's
    year, not on his own (the head of the apparatus evaluates him); b_staff1 sees none, and the
    post he is not offered is refused with nothing opened."""
    opens = 'data-testid="annual-open"'
    mine, theirs = annual_of(year, year.b_head), annual_of(year, year.b_staff1)
    page = client(year, "b_head").get("/moj/work-plans/").content.decode()
    assert f"/moj/evaluations/{theirs.pk}/annual-sheet/" in page
    assert f"/moj/evaluations/{mine.pk}/annual-sheet/" not in page
    assert page.count(opens) == 1
    servant = client(year, "b_staff1")
    assert opens not in servant.get("/moj/work-plans/").content.decode()
    assert servant.post(f"/moj/evaluations/{theirs.pk}/annual-sheet/").status_code == 403
    assert not AnnualSheet.objects.exists()
    hr = client(year, "hr_staff").get("/moj/work-plans/").content.decode()
    assert hr.count(opens) == Evaluation.objects.filter(period=theirs.period).count()
