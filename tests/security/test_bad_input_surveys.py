"""The bad-input catalogue of the 360 survey (issue 8, item 5), run like the rest of the catalogue
(tests/security/test_bad_input_catalogue.py): the campaign, the respondents' lists, the answers
(self-assessment and paper entry) on the pages and in the API. Each case: the refusal it names,
the field at fault, no server error and no write at all.

Numbers typed with "²" (a digit to str.isdigit(), not to int()) or "٤" (4 to int()), dates outside
2000–2100, text over its bound, bodies nested too deep, and removing a respondent already asked
while the survey is open (removing one could tell HR whether they answered, p.35 / threat model).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bagalau.surveys.paper import target_mark_paper_returns
from tests.security.test_bad_input_catalogue import FOUR, LONG, NUL, YEAR, Case, run_case
from tests.surveys.conftest import TODAY, Survey, form_codes

API = "/api/v1/surveys"
SQUARED = "²"  # SUPERSCRIPT TWO: "²".isdigit() is True, int("²") raises ValueError
STAFF = form_codes("staff")  # a_staff1's form (App. 6)
FIRST = STAFF[0]


def _draft(w: Any, clock: Any) -> SimpleNamespace:
    survey = Survey(w, clock)
    survey.draft()
    return SimpleNamespace(w=w, campaign=survey.campaign, target=survey.target("a_staff1"))


def _open(w: Any, clock: Any) -> SimpleNamespace:
    survey = Survey(w, clock)
    survey.open()
    return SimpleNamespace(w=w, campaign=survey.campaign, target=survey.target("a_staff1"))


def _paper(w: Any, clock: Any) -> SimpleNamespace:
    """Open, and b_staff1 returned a paper questionnaire about a_staff1 (one awaits entry)."""
    prepared = _open(w, clock)
    target_mark_paper_returns(
        actor=w.hr_staff_user, target_id=prepared.target.pk, respondent_ids=[w.b_staff1.pk]
    )
    return prepared


def answers_with(first: Any) -> dict[str, list[Any]]:
    """A complete App. 6 answer set whose first answer is `first`."""
    return {code: [first if code == FIRST else 4, 4, 4] for code in STAFF}


def posted_answers(first: Any, name: str = "a_{code}_{index}") -> dict[str, Any]:
    """The same answers as a page posts them, confirmed."""
    data: dict[str, Any] = {"confirm": "1"}
    for code in STAFF:
        for index in range(3):
            value = first if (code, index) == (FIRST, 0) else "4"
            data[name.format(code=code, index=index)] = value
    return data


def respondents_body(p: Any, *keys: str, **values: Any) -> dict[str, Any]:
    return {"respondents": [getattr(p.w, key).pk for key in keys], **values}


CAMPAIGNS = f"{API}/campaigns/"
ANSWER = f"answers.{FIRST}[0]"

CASES = [
    # --- the campaign ----------------------------------------------------------------------------
    Case(
        "survey-year-arabic",
        "hr_staff",
        lambda o: CAMPAIGNS,
        lambda o: {"year": YEAR},
        field="year",
    ),
    Case(
        "survey-year-superscript",
        "hr_staff",
        lambda o: CAMPAIGNS,
        lambda o: {"year": f"202{SQUARED}"},
        field="year",
    ),
    Case(
        "survey-year-huge",
        "hr_staff",
        lambda o: CAMPAIGNS,
        lambda o: {"year": 10**12},
        field="year",
    ),
    Case(
        "survey-deadline-9999",
        "hr_staff",
        lambda o: CAMPAIGNS,
        lambda o: {"year": 2026, "deadline": "9999-12-31"},
        field="deadline",
    ),
    Case(
        "survey-deadline-arabic",
        "hr_staff",
        lambda o: CAMPAIGNS,
        lambda o: {"year": 2026, "deadline": "٢٠٢٧-٠١-٠٨"},
        field="deadline",
    ),
    Case(
        "survey-organisation-arabic",
        "hr_staff",
        lambda o: CAMPAIGNS,
        lambda o: {"year": 2026, "organisation_id": FOUR},
        field="organisation_id",
    ),
    Case(
        "survey-body-nested-1000",
        "hr_staff",
        lambda o: CAMPAIGNS,
        lambda o: '{"year": ' + "[" * 1000 + "]" * 1000 + "}",
        raw=True,
    ),
    Case(
        "survey-move-deadline-1999",
        "hr_staff",
        lambda p: f"{CAMPAIGNS}{p.campaign.pk}/deadline/",
        lambda p: {"deadline": "1999-12-31"},
        field="deadline",
        prepare=_draft,
    ),
    Case(
        "survey-campaign-id-arabic",
        "hr_staff",
        lambda o: f"{CAMPAIGNS}{FOUR}/",
        method="get",
        status=404,
    ),
    # --- respondents -----------------------------------------------------------------------------
    Case(
        "survey-respondent-arabic",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/respondents/",
        lambda p: {"respondents": [FOUR, p.w.a_head.pk, p.w.a_staff2.pk]},
        method="put",
        field="respondents.0",
        prepare=_draft,
    ),
    Case(
        "survey-respondent-superscript",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/respondents/",
        lambda p: {"respondents": [SQUARED, p.w.a_head.pk, p.w.a_staff2.pk]},
        method="put",
        field="respondents.0",
        prepare=_draft,
    ),
    Case(
        "survey-respondents-reason-1001",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/respondents/",
        lambda p: respondents_body(
            p, "a_staff2", "b_staff1", "b_head", no_manager_reason="с" * 1001
        ),
        method="put",
        field="no_manager_reason",
        prepare=_draft,
    ),
    Case(
        "survey-respondents-version-superscript",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/respondents/",
        lambda p: respondents_body(p, "a_head", "a_staff2", "b_staff1", version=SQUARED),
        method="put",
        field="version",
        prepare=_draft,
    ),
    Case(
        "survey-respondent-locked-removed",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/respondents/",
        lambda p: respondents_body(p, "a_head", "a_staff2", "b_head"),
        method="put",
        field="respondents",
        prepare=_open,
    ),
    Case(
        "survey-feedback-note-5000",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/feedback/",
        lambda p: {"given_on": "2027-01-20", "note": LONG},
        field="note",
        prepare=_draft,
    ),
    Case(
        "survey-respondents-reason-nul",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/respondents/",
        lambda p: respondents_body(p, "a_staff2", "b_staff1", "b_head", no_manager_reason=NUL),
        method="put",
        field="no_manager_reason",
        prepare=_draft,
    ),
    Case(
        "survey-feedback-given-9999",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/feedback/",
        lambda p: {"given_on": "9999-12-31"},
        field="given_on",
        prepare=_draft,
    ),
    Case(
        "survey-feedback-version-arabic",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/feedback/",
        lambda p: {"given_on": "2027-01-20", "version": FOUR},
        field="version",
        prepare=_draft,
    ),
    # --- answers: the self-assessment ------------------------------------------------------------
    Case(
        "survey-answer-superscript",
        "a_staff1",
        lambda p: f"{API}/self/{p.target.pk}/submit/",
        lambda p: {"answers": answers_with(SQUARED)},
        field=ANSWER,
        prepare=_open,
    ),
    Case(
        "survey-answer-arabic",
        "a_staff1",
        lambda p: f"{API}/self/{p.target.pk}/submit/",
        lambda p: {"answers": answers_with(FOUR)},
        field=ANSWER,
        prepare=_open,
    ),
    Case(
        "survey-answer-huge",
        "a_staff1",
        lambda p: f"{API}/self/{p.target.pk}/submit/",
        lambda p: {"answers": answers_with("9" * 5000)},
        field=ANSWER,
        prepare=_open,
    ),
    Case(
        "survey-draft-superscript",
        "a_staff1",
        lambda p: f"{API}/self/{p.target.pk}/draft/",
        lambda p: {"answers": {FIRST: [SQUARED]}},
        method="put",
        field=ANSWER,
        prepare=_open,
    ),
    Case(
        "survey-answers-nested-1000",
        "a_staff1",
        lambda p: f"{API}/self/{p.target.pk}/submit/",
        lambda p: '{"answers": ' + "[" * 1000 + "]" * 1000 + "}",
        raw=True,
        prepare=_open,
    ),
    # --- answers: paper questionnaires -----------------------------------------------------------
    Case(
        "survey-paper-returns-arabic",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/paper/returns/",
        lambda p: {"respondents": [FOUR]},
        field="respondents.0",
        prepare=_open,
    ),
    Case(
        "survey-paper-returns-superscript",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/paper/returns/",
        lambda p: {"respondents": [SQUARED]},
        field="respondents.0",
        prepare=_open,
    ),
    Case(
        "survey-paper-answer-superscript",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/paper/",
        lambda p: {"questionnaires": [answers_with(SQUARED)]},
        field=f"questionnaires[0].{ANSWER}",
        prepare=_paper,
    ),
    Case(
        "survey-paper-answer-arabic",
        "hr_staff",
        lambda p: f"{API}/targets/{p.target.pk}/paper/",
        lambda p: {"questionnaires": [answers_with(FOUR)]},
        field=f"questionnaires[0].{ANSWER}",
        prepare=_paper,
    ),
    # --- the pages -------------------------------------------------------------------------------
    Case(
        "page-survey-year-arabic",
        "hr_staff",
        lambda o: "/surveys/campaigns/new/",
        lambda o: {"year": YEAR},
        field="year",
        page=True,
        extra={"form": "create_form"},
    ),
    Case(
        "page-survey-year-superscript",
        "hr_staff",
        lambda o: "/surveys/campaigns/new/",
        lambda o: {"year": f"202{SQUARED}"},
        field="year",
        page=True,
        extra={"form": "create_form"},
    ),
    Case(
        "page-survey-deadline-9999",
        "hr_staff",
        lambda o: "/surveys/campaigns/new/",
        lambda o: {"year": "2026", "deadline": "9999-12-31"},
        field="deadline",
        page=True,
        extra={"form": "create_form"},
    ),
    Case(
        "page-survey-move-deadline-arabic",
        "hr_staff",
        lambda p: f"/surveys/campaigns/{p.campaign.pk}/deadline/",
        lambda p: {"deadline": "٢٠٢٧-٠١-٠٨"},
        field="deadline",
        page=True,
        prepare=_draft,
        extra={"form": "deadline_form"},
    ),
    Case(
        "page-survey-respondent-superscript",
        "hr_staff",
        lambda p: f"/surveys/targets/{p.target.pk}/respondents/",
        lambda p: {"respondents": [SQUARED, p.w.a_head.pk, p.w.a_staff2.pk]},
        field="respondents",
        page=True,
        prepare=_draft,
    ),
    Case(
        "page-survey-respondent-arabic",
        "hr_staff",
        lambda p: f"/surveys/targets/{p.target.pk}/respondents/",
        lambda p: {"respondents": [FOUR, p.w.a_head.pk, p.w.a_staff2.pk]},
        field="respondents",
        page=True,
        prepare=_draft,
    ),
    Case(
        "page-survey-respondents-reason-1001",
        "hr_staff",
        lambda p: f"/surveys/targets/{p.target.pk}/respondents/",
        lambda p: respondents_body(
            p, "a_staff2", "b_staff1", "b_head", no_manager_reason="с" * 1001
        ),
        field="no_manager_reason",
        page=True,
        prepare=_draft,
    ),
    Case(
        "page-survey-respondent-locked-removed",
        "hr_staff",
        lambda p: f"/surveys/targets/{p.target.pk}/respondents/",
        lambda p: respondents_body(p, "a_head", "a_staff2", "b_head"),
        field="respondents",
        page=True,
        prepare=_open,
    ),
    Case(
        "page-survey-feedback-note-5000",
        "hr_staff",
        lambda p: f"/surveys/targets/{p.target.pk}/feedback/",
        lambda p: {f"t{p.target.pk}-given_on": "2027-01-20", f"t{p.target.pk}-note": LONG},
        page=True,
        prepare=_draft,
        extra={"via": "messages", "message": "Give the date the feedback was given."},
    ),
    Case(
        "page-survey-answer-superscript",
        "a_staff1",
        lambda p: f"/surveys/self/{p.target.pk}/",
        lambda p: posted_answers(SQUARED),
        field=ANSWER,
        page=True,
        prepare=_open,
        extra={"via": "context"},
    ),
    Case(
        "page-survey-answer-arabic",
        "a_staff1",
        lambda p: f"/surveys/self/{p.target.pk}/",
        lambda p: posted_answers(FOUR),
        field=ANSWER,
        page=True,
        prepare=_open,
        extra={"via": "context"},
    ),
    Case(
        "page-survey-paper-answer-superscript",
        "hr_staff",
        lambda p: f"/surveys/targets/{p.target.pk}/paper/",
        lambda p: {"action": "enter", **posted_answers(SQUARED, "p0_{code}_{index}")},
        field=f"questionnaires[0].{ANSWER}",
        page=True,
        prepare=_paper,
        extra={"via": "context"},
    ),
    Case(
        "page-survey-paper-returns-superscript",
        "hr_staff",
        lambda p: f"/surveys/targets/{p.target.pk}/paper/",
        lambda p: {"action": "returns", "respondents": [SQUARED]},
        field="respondents",
        page=True,
        prepare=_open,
        extra={"form": "returns"},
    ),
]


def test_the_survey_cases_are_many_and_their_ids_unique():
    from tests.security.test_bad_input_catalogue import CASES as REST

    assert len(CASES) >= 30
    assert len({case.id for case in [*REST, *CASES]}) == len(REST) + len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_survey_input_is_refused_without_a_server_error_or_a_partial_write(
    world, clock, case
):
    clock(TODAY)
    run_case(world, clock, case)
