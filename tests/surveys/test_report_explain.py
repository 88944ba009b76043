"""Explain this score for the 360 report (issue 14 item 5): the released report walks from the
anonymous totals through the rules of seed 002 (the respondents counted together, p.33, p.35;
the anonymity threshold, p.35; half-up rounding; each competency's mean; the overall score; the
lowest three, p.36; the self-assessment beside, never counted) to its numbers, each step citing
its paragraph; a withheld report has no explanation, and no step names a respondent or a group's
count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from bagalau.surveys import reports
from bagalau.surveys.explain import report_explanation
from tests.surveys.conftest import answers, form_codes

#: a_staff1's respondents and their answers (the staff form, App. 6): the same three values for
#: every competency except ethics, where a_staff2 answers 1, 1, 1.
GIVEN = {"a_head": [4, 4, 3], "a_staff2": [5, 5, 5], "b_staff1": [2, 3, 3]}


@pytest.fixture
def case(survey):
    survey.open()
    for respondent, values in GIVEN.items():
        given = answers("staff", values)
        if respondent == "a_staff2":
            given["ethics"] = [1, 1, 1]
        survey.submit(respondent, "a_staff1", given)
    survey.self_assess("a_staff1", [4, 4, 3])
    survey.submit("a_head", "a_staff2", 4)  # a_staff2: one response, withheld
    survey.close()
    return survey


def steps(target, language="en"):
    explanation = report_explanation(reports.report_for(target), language)
    assert explanation is not None
    return explanation


def test_the_steps_walk_from_the_totals_to_the_report_s_numbers(case):
    """By hand: each competency 11 + 15 + 8 = 34 over 9 answers = 3.777… → 3.78; ethics
    11 + 3 + 8 = 22 / 9 = 2.444… → 2.44; overall (7 × 34/9 + 22/9) / 8 = 260/72 = 3.611… → 3.61;
    the lowest: ethics, then the first two of the form's order; the self-assessment 11/3 → 3.67."""
    explanation = steps(case.target("a_staff1"))
    codes = [step["code"] for step in explanation.steps]
    competencies = len(form_codes("staff"))
    assert codes == [
        "survey.respondents",
        "survey.groups",
        "survey.threshold",
        "survey.rounding",
        *["survey.competency"] * competencies,
        "survey.overall",
        "survey.lowest",
        *["survey.self"] * competencies,
    ]
    by_code = {step["code"]: step for step in explanation.steps}
    assert by_code["survey.groups"]["text"] == (
        "The respondents (Direct manager, Subordinate, Peer) are counted together: 3; the answers "
        "are kept only as totals per statement, with no respondent and no group, so nobody's "
        "answer can be seen"
    )
    assert by_code["survey.groups"]["cites"] == "p.33, p.35"
    assert by_code["survey.threshold"]["text"] == (
        "Anonymity threshold: a report is released only with at least 3 respondents (at most 7); "
        "3 ≥ 3, so it is released"
    )
    assert by_code["survey.threshold"]["source"] == "seed 002 p.35; SPEC §4.6"
    assert "rounded once, half up, to 2 decimals" in by_code["survey.rounding"]["text"]
    lines = {
        step["field"]: step["values"]
        for step in explanation.steps
        if step["code"] == "survey.competency"
    }
    assert lines["competencies.ethics"] == {
        "label": lines["competencies.ethics"]["label"],
        "total": "22",
        "answers": "9",
        "exact": "2.444444…",
        "score": "2.44",
    }
    assert lines["competencies.cooperation"]["total"] == "34"
    assert lines["competencies.cooperation"]["score"] == "3.78"
    overall = by_code["survey.overall"]
    assert (overall["values"]["exact"], overall["values"]["overall"]) == ("3.611111…", "3.61")
    assert explanation.overall == Decimal("3.61")
    assert by_code["survey.lowest"]["values"]["lowest"] == (
        "ethics, effective_communication, change_management"
    )
    own = [step for step in explanation.steps if step["code"] == "survey.self"]
    assert {step["values"]["score"] for step in own} == {"3.67"}
    assert "never counted" in own[0]["text"]


def test_the_page_shows_the_explanation_and_never_a_respondent(case, client):
    w = case.w
    target = case.target("a_staff1")
    for user in (w.a_staff1_user, w.a_head_user, w.hr_head_user):
        client.force_login(user)
        page = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
        assert 'data-testid="explain"' in page
        section = page.split('data-testid="explain"')[1].split("</details>")[0]
        assert section.count('data-testid="explain-step"') == 4 + 8 + 2 + 8
        assert "3.611111… → 3.61" in section
        for key in GIVEN:
            servant = getattr(w, key)
            assert servant.full_name not in section
            assert servant.last_name not in section
        # no group's count: the groups are named together with the total only
        assert "Direct manager, Subordinate, Peer) are counted together: 3;" in section


def test_a_withheld_report_has_no_explanation(case, client):
    w = case.w
    withheld = reports.report_for(case.target("a_staff2"))
    assert withheld.released is False
    assert report_explanation(withheld, "en") is None
    client.force_login(w.hr_head_user)  # who may see the count of a withheld report
    page = client.get(reverse("surveys:report", args=[case.target("a_staff2").pk]))
    assert 'data-testid="explain"' not in page.content.decode()


def test_no_explanation_while_the_survey_is_open(survey):
    survey.open()
    for respondent in GIVEN:
        survey.submit(respondent, "a_staff1", 4)
    assert report_explanation(reports.report_for(survey.target("a_staff1")), "en") is None


def test_without_a_self_assessment_the_last_step_says_so(survey):
    survey.open()
    for respondent, values in GIVEN.items():
        survey.submit(respondent, "a_staff1", answers("staff", values))
    survey.close()
    explanation = steps(survey.target("a_staff1"))
    assert explanation.steps[-1]["code"] == "survey.no_self"
    assert explanation.steps[-1]["cites"] == "p.35"


def test_the_explanation_is_in_the_reader_s_language(case, client):
    target = case.target("a_staff1")
    client.force_login(case.w.a_staff1_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    page = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
    assert "Жасырындық шегі" in page
    assert "35-тармақ" in page
    kk = steps(target, "ru")
    assert kk.steps[2]["text"].startswith("Порог анонимности")
    assert kk.steps[2]["cites"] == "п. 35"


def test_who_may_not_read_the_report_sees_no_explanation(case, client):
    target = case.target("a_staff1")
    for user, status in (
        (case.w.hr_staff_user, 403),  # HR staff see the progress, never results (p.20)
        (case.w.b_staff1_user, 404),
        (case.w.outsider_user, 404),
    ):
        client.force_login(user)
        response = client.get(reverse("surveys:report", args=[target.pk]))
        assert response.status_code == status, user.username
        assert b"explain-step" not in response.content


def test_the_api_gives_the_same_steps(case, client):
    target = case.target("a_staff1")
    url = f"/api/v1/surveys/reports/{target.pk}/explain/"
    assert client.get(url).status_code == 403  # anonymous
    client.force_login(case.w.a_staff1_user)
    answer = client.get(url, {"lang": "ru"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["target"], body["overall"], body["respondents"]) == (target.pk, "3.61", 3)
    assert body["steps"] == steps(target, "ru").steps
    bad = client.get(url, {"lang": "de"})
    assert (bad.status_code, bad.json()["error"]["field"]) == (400, "lang")
    withheld = case.target("a_staff2")
    client.force_login(case.w.hr_head_user)
    assert client.get(f"/api/v1/surveys/reports/{withheld.pk}/explain/").status_code == 404
    client.force_login(case.w.hr_staff_user)
    assert client.get(url).status_code == 403
    client.force_login(case.w.outsider_user)
    assert client.get(url).status_code == 404
