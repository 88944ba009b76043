"""Rating analytics figures (bagalau.methodology.analytics) against examples computed by hand:
exact means and population spreads rounded half-up once, shares of a distribution, an
evaluator's leaning (data/analytics.yaml: at least 3 sheets, more than 1 SD of the
organisation's scores from its mean), and the 360 gap withheld under 3 servants."""

from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.methodology.analytics import (
    AnalyticsRules,
    TargetAnswers,
    analytics_rules,
    distribution,
    self_others_gap,
    shares,
    spread,
    standing,
)

RULES = AnalyticsRules(min_sheets=3, leaning_sd=D("1"), places=2, min_targets_360=3)
CODES = ["unsatisfactory", "satisfactory", "proper", "effective"]


def test_the_data_file_holds_the_thresholds():
    assert analytics_rules() == RULES


def test_spread_is_the_exact_mean_and_population_deviation():
    # 4, 5, 3: mean 4; deviations 0, 1, -1; variance 2/3; sd 0.81649… -> 0.82
    figures = spread([D("4"), D("5"), D("3")])
    assert figures.count == 3
    assert figures.mean == 4
    assert figures.variance == F(2, 3)
    assert figures.shown_sd(2) == D("0.82")
    # 3.33, 3.34: mean 3.335 rounds half-up to 3.34 (not 3.33 as banker's rounding gives)
    assert spread([D("3.33"), D("3.34")]).shown_mean(2) == D("3.34")


def test_spread_of_nothing_says_nothing():
    empty = spread([])
    assert (empty.count, empty.mean, empty.sd, empty.shown_mean(2)) == (0, None, None, None)


def test_distribution_counts_every_band_in_the_scale_order():
    ratings = ["effective", "proper", "effective", "unsatisfactory"]
    counts = distribution(ratings, CODES)
    assert list(counts) == CODES
    assert counts == {"unsatisfactory": 1, "satisfactory": 0, "proper": 1, "effective": 2}
    assert shares(counts) == {
        "unsatisfactory": D("25.0"),
        "satisfactory": D("0.0"),
        "proper": D("25.0"),
        "effective": D("50.0"),
    }
    # 1 of 3 -> 33.3 %, 2 of 3 -> 66.7 % (half-up of 66.666…)
    assert shares({"a": 1, "b": 2}) == {"a": D("33.3"), "b": D("66.7")}
    assert shares({"a": 0}) == {"a": D("0.0")}
    with pytest.raises(ValueError, match="excellent"):
        distribution(["excellent"], CODES)


def test_an_evaluator_above_one_deviation_leans_lenient():
    # organisation 3,3,3,3,5,5,5: mean 27/7; variance (4·(6/7)² + 3·(8/7)²)/7 = 336/343
    # evaluator 5,5,5: 5 - 27/7 = 8/7; (8/7)² = 64/49 = 448/343 > 336/343 -> lenient
    organisation = [D(x) for x in "3333555"]
    own = [D(5)] * 3
    result = standing(own, own, organisation, RULES)
    assert result.versus_organisation == F(8, 7)
    assert result.versus_unit == 0
    assert result.organisation.variance == F(336, 343)
    assert result.leaning == "lenient"


def test_an_evaluator_below_one_deviation_leans_severe():
    # organisation 1,1,1,4,4,4,4,4: mean 23/8, variance 135/64; evaluator 1,1,1: -15/8,
    # (15/8)² = 225/64 > 135/64 -> severe
    organisation = [D(x) for x in "11144444"]
    result = standing([D(1)] * 3, organisation, organisation, RULES)
    assert result.versus_organisation == F(-15, 8)
    assert result.organisation.variance == F(135, 64)
    assert result.leaning == "severe"


def test_within_one_deviation_is_in_line_and_two_sheets_say_nothing():
    # organisation 2,3,4,5,5,5: mean 4, variance 4/3; evaluator 5,5,5: +1, 1 < 4/3 -> in line
    organisation = [D(x) for x in "234555"]
    assert standing([D(5)] * 3, organisation, organisation, RULES).leaning == ""
    assert standing([D(5)] * 2, organisation, organisation, RULES).leaning == "few"
    # everyone gave the same score: no spread, nobody leans
    same = [D(4)] * 6
    assert standing(same[:3], same, same, RULES).leaning == ""


def test_the_360_gap_is_self_minus_others_over_enough_servants():
    # three servants rate themselves 4 (12 of 3 answers) and are rated 3 by others (30 of 10)
    target = TargetAnswers(own={"c1": (12, 3)}, others={"c1": (30, 10)})
    lower = TargetAnswers(own={"c1": (6, 3)}, others={"c1": (40, 10)})
    gaps = self_others_gap([target, target, lower], ["c1"], RULES)
    assert gaps is not None
    (gap,) = gaps
    # self (12+12+6)/9 = 10/3; others (30+30+40)/30 = 10/3; gap 0
    assert (gap.self_mean, gap.others_mean, gap.gap) == (F(10, 3), F(10, 3), 0)
    assert (gap.targets, gap.answers) == (3, 30)
    gaps = self_others_gap([target] * 3, ["c1"], RULES)
    assert gaps is not None
    assert gaps[0].gap == 1


def test_the_360_gap_is_withheld_under_the_group_threshold():
    target = TargetAnswers(own={"c1": (12, 3)}, others={"c1": (30, 10)})
    no_self = TargetAnswers(own={}, others={"c1": (30, 10)})
    assert self_others_gap([target, target], ["c1"], RULES) is None
    # a servant without a self-assessment does not count towards the group
    assert self_others_gap([target, target, no_self], ["c1"], RULES) is None


def test_standing_of_the_spreads_is_standing_of_the_scores():
    from bagalau.methodology.analytics import spread, standing_of

    own, unit = [D(1), D(2), D(9)], [D(1), D(2), D(9), D(5), D(5)]
    organisation = [*unit, D(3), D(4), D(4)]
    assert standing_of(spread(own), spread(unit), spread(organisation), RULES) == standing(
        own, unit, organisation, RULES
    )


@given(
    st.lists(
        st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)
        | st.integers(min_value=-1000, max_value=1000),
        min_size=1,
        max_size=40,
    )
)
def test_the_spread_of_decimals_is_the_exact_mean_and_variance_of_their_fractions(scores):
    values = [F(score) for score in scores]
    mean = sum(values, F(0)) / len(values)
    variance = sum(((value - mean) ** 2 for value in values), F(0)) / len(values)
    found = spread(scores)
    assert (found.count, found.mean, found.variance) == (len(values), mean, variance)
