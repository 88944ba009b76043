"""The rating analytics at any size (issue 12 item 3): the evaluators' spreads come from sums
counted in the database and equal, exactly, the spreads of every score fetched one by one; the
360 gap from the totals summed per servant in the database equals the gap of their rows; and the
page takes the same number of queries with 3 or 15 more rated servants and 360 targets."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.analytics.selectors import _target_answers, analytics_read
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.methodology.analytics import analytics_rules, spread, standing_of
from bagalau.surveys.models import AnswerTotal, CampaignStatus, SelfAssessment, Target
from tests.factories import (
    AssignmentFactory,
    EvaluationFactory,
    PeriodFactory,
    PositionFactory,
    ScheduleFactory,
    ServantFactory,
    SurveyCampaignFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(world, clock):
    clock(dt.date(2026, 12, 20))
    schedule = ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    periods = [PeriodFactory(schedule=schedule, number=n) for n in (1, 2)]
    campaign = SurveyCampaignFactory(
        organisation=world.org, created_by=world.hr_staff_user, status=CampaignStatus.CLOSED
    )
    return periods, campaign


def rated(world, periods, campaign, count, rng, name):
    """`count` more servants in unit A or B, each with a sheet per quarter scored at random in
    hundredths by a_head, b_head or the deputy, and a released 360 report."""
    for n in range(count):
        unit = world.unit_a if n % 2 else world.unit_b
        servant = ServantFactory(organisation=world.org, last_name=f"{name}{n:03d}")
        assignment = AssignmentFactory(
            servant=servant, position=PositionFactory(unit=unit, category="B-4")
        )
        for period in periods:
            score = Decimal(rng.randint(0, 500)) / 100
            EvaluationFactory(
                period=period,
                servant=servant,
                assignment=assignment,
                evaluator=rng.choice([world.a_head, world.b_head, world.deputy]),
                method=Method.DIFFERENTIATION,
                status=EvaluationStatus.FINAL,
                score=score,
                rating="effective" if score >= 4 else "proper",
            )
        target = Target.objects.create(
            campaign=campaign,
            servant=servant,
            position=assignment.position,
            unit=unit,
            form="staff",
        )
        for statement in (1, 2):
            for code in ("ethics", "initiative"):
                AnswerTotal.objects.create(
                    target=target,
                    competency=code,
                    statement=statement,
                    total=rng.randint(3, 25),
                    answers=5,
                )
        SelfAssessment.objects.create(
            target=target,
            answers={"ethics": [rng.randint(1, 5), rng.randint(1, 5)]},
            submitted_on=dt.date(2026, 12, 1),
        )


def test_the_summed_spreads_are_the_spreads_of_every_score(world, year):
    periods, campaign = year
    rated(world, periods, campaign, 13, random.Random(12), "Ұпай")
    analytics = analytics_read(user=world.hr_head_user, organisation=world.org, year=2026)
    sheets = list(
        Evaluation.objects.filter(period__in=periods).values_list(
            "evaluator_id", "assignment__position__unit_id", "score"
        )
    )
    rules = analytics_rules()
    everyone = spread(score for _e, _u, score in sheets)
    expected = {}
    for evaluator in {e for e, _u, _s in sheets}:
        own = [score for e, _u, score in sheets if e == evaluator]
        units = {u for e, u, _s in sheets if e == evaluator}
        theirs = spread(score for _e, u, score in sheets if u in units)
        expected[evaluator] = standing_of(spread(own), theirs, everyone, rules)
    assert {row.evaluator.pk: row.standing for row in analytics.evaluators} == expected
    assert analytics.organisation_spread == standing_of(everyone, everyone, everyone, rules)


def test_the_gap_reads_the_totals_summed_per_servant(world, year):
    periods, campaign = year
    rated(world, periods, campaign, 5, random.Random(5), "Аралық")
    answers = _target_answers(campaign)
    summed: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for target_id, code, total, count in AnswerTotal.objects.values_list(
        "target_id", "competency", "total", "answers"
    ):
        summed[target_id][code][0] += total
        summed[target_id][code][1] += count
    assert {t: dict(a.others) for t, a in answers.items()} == {
        t: {code: tuple(pair) for code, pair in codes.items()} for t, codes in summed.items()
    }


def page_queries(world):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(world.hr_head_user)
    client.get(reverse("analytics:page"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("analytics:page"))
    assert response.status_code == 200
    return len(captured), response


def test_the_page_takes_the_same_queries_at_any_size(world, year):
    periods, campaign = year
    rng = random.Random(3)
    rated(world, periods, campaign, 3, rng, "Алғашқы")
    small, response = page_queries(world)
    assert sum(row.total for row in response.context["by_unit"]) == 6
    rated(world, periods, campaign, 15, rng, "Кейінгі")
    large, response = page_queries(world)
    assert sum(row.total for row in response.context["by_unit"]) == 36
    assert response.context["gap_groups"]
    assert large == small


def test_the_page_shows_a_page_of_units_and_of_evaluators(world, year, monkeypatch):
    """The units' and the evaluators' tables a page each, with their own page parameter; the
    pages together are the whole table and the organisation's row stays whole."""
    periods, campaign = year
    rated(world, periods, campaign, 6, random.Random(7), "Бет")
    whole = analytics_read(user=world.hr_head_user, organisation=world.org, year=2026)
    assert len(whole.by_unit) == 2
    assert len(whole.evaluators) == 3
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", 2)
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(world.hr_head_user)
    url = reverse("analytics:page")
    first = client.get(f"{url}?units_page=1&evaluators_page=1").context
    second = client.get(f"{url}?units_page=2&evaluators_page=2").context
    assert [row.label for row in first["by_unit"]] == [row.label for row in whole.by_unit]
    names = [row.name for row in first["evaluators"]] + [row.name for row in second["evaluators"]]
    assert len(first["evaluators"]) == 2
    assert names == [row.evaluator.full_name for row in whole.evaluators]
    assert first["overall"] == second["overall"] is not None
    assert first["overall"].count == whole.organisation_spread.own.count
    assert "evaluators_page=2" in client.get(url).content.decode()
    # the 360 gaps: the organisation's group on every page, the units' a page at a time
    assert len(whole.gap_groups) == 3
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", 1)
    pages = [client.get(f"{url}?gaps_page={n}").context["gap_groups"] for n in (1, 2)]
    assert [[group["label"] for group in page] for page in pages] == [
        [whole.gap_groups[0].label, whole.gap_groups[1].label],
        [whole.gap_groups[0].label, whole.gap_groups[2].label],
    ]
