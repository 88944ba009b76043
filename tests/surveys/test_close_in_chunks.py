"""Closing counts the ballots `aggregation.CHUNK` evaluatees at a time (issue 12: the whole
campaign's opened ballots and totals no longer held at once): with one evaluatee per chunk the
reports are the calculator's on the same answers, a withheld evaluatee keeps a count only, and
no ballot outlives the closing."""

import random

import pytest

from bagalau.surveys import aggregation, reports
from bagalau.surveys.models import AnswerTotal, Ballot, LowestCompetency, ResponseTally
from tests.surveys.conftest import form_codes
from tests.surveys.test_reports import calc


@pytest.fixture
def one_at_a_time(monkeypatch):
    monkeypatch.setattr(aggregation, "CHUNK", 1)


def test_each_evaluatee_counted_in_its_own_chunk_gets_the_calculators_report(one_at_a_time, survey):
    survey.open()
    rng = random.Random(12)
    given = []
    for key in ("a_head", "a_staff2", "b_staff1"):
        values = {c: [rng.choice([2, 3, 4, 5]) for _ in range(3)] for c in form_codes("staff")}
        survey.submit(key, "a_staff1", values)
        given.append(("manager" if key == "a_head" else "peer", values))
    survey.submit("b_staff1", "hr_staff", {c: [3, 3, 3] for c in form_codes("staff")})
    survey.close()

    result = reports.report_for(survey.target("a_staff1")).result
    expected = calc("staff", given)
    assert result is not None
    assert {c: str(v) for c, v in result.competencies.items()} == expected["competencies"]
    assert list(result.lowest) == expected["lowest"]
    assert result.respondents == 3
    stored = LowestCompetency.objects.filter(target=survey.target("a_staff1")).order_by("rank")
    assert [row.competency for row in stored] == expected["lowest"]

    withheld = survey.target("hr_staff")
    assert ResponseTally.objects.get(target=withheld).responses == 1
    assert not AnswerTotal.objects.filter(target=withheld).exists()
    campaign = survey.campaign
    assert ResponseTally.objects.filter(target__campaign=campaign).count() == (
        campaign.targets.count()
    )
    assert not Ballot.objects.filter(target__campaign=campaign).exists()
