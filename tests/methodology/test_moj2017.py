"""moj-2017 (seed 001, SPEC §6): quarter points, band edges, plan score, annual conversion."""

from decimal import Decimal as D

import pytest

from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017 import Weights, annual_result, plan_score, quarter_result

RULES = moj2017_rules(get_edition("moj-2017"))

QUARTERS = [
    # bonus points, breaches -> q = 100 + sum - 2 x breaches, rating (p.26-27)
    ([], 0, 100, "satisfactory"),
    ([], 10, 80, "satisfactory"),  # 80 is the lowest satisfactory
    ([], 11, 78, "unsatisfactory"),
    ([1], 11, 79, "unsatisfactory"),  # 79: below 80
    ([5], 0, 105, "satisfactory"),  # 105 inclusive
    ([5, 1], 0, 106, "effective"),  # 106 starts effective
    ([5, 5, 5, 5, 5, 5], 0, 130, "effective"),  # 130 inclusive
    ([5, 5, 5, 5, 5, 5, 1], 0, 131, "excellent"),  # 131 above 130
    ([5, 3, 1], 1, 107, "effective"),
    ([2, 2], 3, 98, "satisfactory"),
    ([], 60, -20, "unsatisfactory"),  # the formula has no floor in the seed
]


@pytest.mark.parametrize(
    ("bonus", "breaches", "score", "rating"), QUARTERS, ids=[str(q[2]) for q in QUARTERS]
)
def test_quarter_score_and_band_edges(bonus, breaches, score, rating):
    result = quarter_result(RULES, bonus, breaches)
    assert (result.score, result.rating.code) == (score, rating)


@pytest.mark.parametrize(
    ("bonus", "breaches", "field"),
    [([6], 0, "bonus[0]"), ([1, 0], 0, "bonus[1]"), ([], -1, "violations")],
)
def test_quarter_errors(bonus, breaches, field):
    with pytest.raises(MethodologyError) as caught:
        quarter_result(RULES, bonus, breaches)
    assert caught.value.field == field


PLANS = [
    (["met"], "4.00"),
    (["not_met", "exceeded"], "3.50"),
    (["met", "exceeded", "partially_met"], "4.00"),
    (["met", "met", "exceeded"], "4.33"),  # 13/3
    (["partially_met", "exceeded", "exceeded"], "4.33"),
    (["exceeded", "exceeded", "met"], "4.67"),  # 14/3
    (["not_met", "partially_met", "met", "exceeded"], "3.50"),
]


@pytest.mark.parametrize(("outcomes", "score"), PLANS, ids=["/".join(p[0]) for p in PLANS])
def test_plan_score_is_the_mean_of_outcome_points(outcomes, score):
    assert str(plan_score(RULES, outcomes)) == score


@pytest.mark.parametrize(
    ("outcomes", "field"),
    [([], "indicators"), (["met"] * 5, "indicators"), (["met", "done"], "indicators[1]")],
)
def test_plan_errors(outcomes, field):
    with pytest.raises(MethodologyError) as caught:
        plan_score(RULES, outcomes)
    assert caught.value.field == field


ANNUALS = [
    # quarters, plan -> quarter mean, points, annual score (0.5/0.5, half-up 1 decimal), rating
    ([104, 112, 98, 121], "4.33", "108.75", 4, "4.2", "effective"),  # (4 + 4.33)/2 = 4.165
    ([100, 105, 110], "4.00", "105.00", 3, "3.5", "satisfactory"),  # mean exactly 105 -> 3
    ([105, 106], "4.00", "105.50", 4, "4.0", "effective"),  # fractional mean above 105 -> 4
    ([130, 131], "5.00", "130.50", 5, "5.0", "excellent"),  # above 130 -> 5
    ([130, 130, 131], "4.50", "130.33", 5, "4.8", "effective"),  # 130.33 > 130 -> 5; 4.75
    ([79, 80], "3.00", "79.50", 2, "2.5", "unsatisfactory"),  # below 80 -> 2
    ([80, 79, 80], "3.50", "79.67", 2, "2.8", "unsatisfactory"),  # 2.75 half-up
    ([80], "3.50", "80.00", 3, "3.3", "satisfactory"),  # 3.25 half-up (half-even gives 3.2)
    ([120, 120, 121], "5.00", "120.33", 4, "4.5", "effective"),
    ([131, 140, 135, 150], "5.00", "139.00", 5, "5.0", "excellent"),
]


@pytest.mark.parametrize(
    ("quarters", "plan", "mean", "points", "score", "rating"),
    ANNUALS,
    ids=[f"{a[2]}-{a[1]}" for a in ANNUALS],
)
def test_annual_result(quarters, plan, mean, points, score, rating):
    result = annual_result(RULES, quarters, D(plan))
    assert (
        str(result.quarter_mean),
        result.quarter_points,
        str(result.score),
        result.rating.code,
    ) == (mean, points, score, rating)


def test_annual_weights_are_data_and_can_be_overridden():
    assert RULES.weights == Weights(D("0.5"), D("0.5"))
    # 0.6 x 4 + 0.4 x 4.33 = 2.4 + 1.732 = 4.132 -> 4.1
    result = annual_result(RULES, [104, 112, 98, 121], D("4.33"), Weights(D("0.6"), D("0.4")))
    assert str(result.score) == "4.1"


@pytest.mark.parametrize(
    ("quarters", "plan", "weights", "field"),
    [
        ([], "4", None, "quarters"),
        ([100] * 5, "4", None, "quarters"),
        ([100], "1.99", None, "plan_score"),
        ([100], "5.01", None, "plan_score"),
        ([100], "4.333", None, "plan_score"),
        ([100], "4", Weights(D("0.6"), D("0.6")), "weights"),
        ([100], "4", Weights(D("1.2"), D("-0.2")), "weights.quarters"),
    ],
    ids=[
        "no-quarters",
        "five-quarters",
        "plan-low",
        "plan-high",
        "plan-decimals",
        "weights-sum",
        "weights-range",
    ],
)
def test_annual_errors(quarters, plan, weights, field):
    with pytest.raises(MethodologyError) as caught:
        annual_result(RULES, quarters, D(plan), weights)
    assert caught.value.field == field


def test_both_bonus_catalogues_are_transcribed_with_their_points():
    catalogues = {c.code: c for c in RULES.catalogues}
    assert list(catalogues) == ["central", "territorial"]

    def by_points(code):
        counts = {}
        for activity in catalogues[code].activities:
            counts[activity.points] = counts.get(activity.points, 0) + 1
        return counts

    assert by_points("central") == {5: 11, 4: 10, 3: 5, 2: 2, 1: 2}
    assert by_points("territorial") == {5: 7, 4: 3, 3: 4, 2: 2, 1: 2}
    first = catalogues["central"].activities[0]
    assert first.points == 5
    assert first.label.kk.startswith("Қазақстан Республикасы Президентінің")
