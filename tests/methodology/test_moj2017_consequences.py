"""The moj-2017 consequences as data (seed 001 p.41-45; EDITIONS.md §8, §9.4 M-9, M-10, M-11):
the p.45 run of consecutive calendar years, the register's kinds in ``decisions.yaml`` and the
components a training referral suggests, worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as Dec

import pytest

from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology import moj2017_workflow as flow
from bagalau.methodology.decisions import (
    check_decision,
    check_run,
    consecutive_run,
    decision_rules,
    has_decision_rules,
    rating_scale,
)

EDITION = get_edition("moj-2017")
RULES = moj2017_rules(EDITION)
U, S, E = "unsatisfactory", "satisfactory", "effective"


@pytest.mark.parametrize(
    ("annual", "year", "alert"),
    [
        ({2016: U, 2017: U}, 2017, True),
        ({2016: U, 2017: U}, 2016, False),  # the first year of the run alerts nothing yet
        ({2015: U, 2016: S, 2017: U}, 2017, False),
        ({2015: U, 2017: U}, 2017, False),  # 2016 has no annual result: the run is broken
        ({2016: E, 2017: U}, 2017, False),
        ({2016: U, 2017: U, 2018: U}, 2018, True),
    ],
    ids=["2016-2017", "first-year", "2016-satisfactory", "gap-year", "effective", "third-year"],
)
def test_p45_two_consecutive_calendar_years(annual, year, alert):
    assert flow.demotion_alert(RULES, annual, year) is alert


def test_p45_alert_years_of_a_history():
    history = {2015: U, 2016: U, 2017: U, 2018: S, 2019: U}
    assert flow.demotion_alert_years(RULES, history) == (2016, 2017)
    assert flow.demotion_alert_years(RULES, {}) == ()


def test_p45_alert_refuses_an_unknown_rating():
    with pytest.raises(MethodologyError) as caught:
        flow.demotion_alert(RULES, {2016: "proper", 2017: U}, 2017)
    assert caught.value.field == "annual[2016]"


def test_p43_training_due_three_months_after_the_approval():
    assert flow.training_due(RULES, dt.date(2017, 12, 14)) == dt.date(2018, 3, 14)
    assert flow.training_due(RULES, dt.date(2017, 11, 30)) == dt.date(2018, 2, 28)


@pytest.mark.parametrize(
    ("quarters", "points"),
    [
        # (70 + 80 + 85) / 3 = 78.33 < 80 -> 2
        ([Dec(70), Dec(80), Dec(85)], 2),
        # (80 + 79) / 2 = 79.5: below 80 under the SPEC reading (M-2) -> 2
        ([Dec(80), Dec(79)], 2),
        # (100 + 112) / 2 = 106 -> 4
        ([Dec(100), Dec(112)], 4),
    ],
)
def test_m10_quarter_points_of_the_approved_quarters(quarters, points):
    assert flow.quarter_points(RULES, quarters) == points


def test_m14_no_approved_quarter_has_no_points():
    with pytest.raises(MethodologyError) as caught:
        flow.quarter_points(RULES, [])
    assert caught.value.field == "quarters"


@pytest.mark.parametrize(
    ("points", "plan_score", "directions"),
    [(2, None, ("quarters",)), (None, Dec("2.50"), ("plan",)), (None, None, ()), (3, None, ())],
)
def test_m10_unknown_components_are_not_suggested(points, plan_score, directions):
    assert flow.training_directions(points, plan_score) == directions


def test_the_register_of_moj_2017():
    assert has_decision_rules(EDITION)
    rules = decision_rules(EDITION)
    assert [k.code for k in rules.kinds] == ["bonus", "demotion", "dismissal", "no_action"]
    assert rules.bases == ("moj_quarter", "moj_annual")
    assert [b.code for b in rating_scale(EDITION).bands] == [U, S, E, "excellent"]
    no_action = rules.kind("no_action")
    assert no_action is not None
    assert (no_action.order, no_action.reason) == (False, True)
    dismissal = rules.kind("dismissal")
    assert dismissal is not None
    assert (dismissal.order, dismissal.reason) == (True, True)


@pytest.mark.parametrize(
    ("kind", "basis", "rating"),
    [
        ("bonus", "moj_quarter", "excellent"),
        ("bonus", "moj_annual", "effective"),
        ("demotion", "moj_annual", U),
        ("no_action", "moj_annual", U),
    ],
)
def test_m9_p45_permitted(kind, basis, rating):
    assert check_decision(decision_rules(EDITION), kind, basis, rating).code == kind


@pytest.mark.parametrize(
    ("kind", "basis", "rating", "field"),
    [
        ("bonus", "moj_quarter", S, "evaluation"),
        ("demotion", "moj_quarter", U, "evaluation"),  # p.45: the year's results
        ("demotion", "moj_annual", S, "evaluation"),
        ("training", "moj_annual", U, "kind"),
    ],
)
def test_m9_p45_refused(kind, basis, rating, field):
    with pytest.raises(MethodologyError) as caught:
        check_decision(decision_rules(EDITION), kind, basis, rating)
    assert caught.value.field == field


def test_p45_the_run_behind_a_demotion():
    demotion = decision_rules(EDITION).kind("demotion")
    assert demotion is not None
    check_run(demotion, {2016: U, 2017: U}, 2017)
    with pytest.raises(MethodologyError) as caught:
        check_run(demotion, {2015: U, 2016: S, 2017: U}, 2017)
    assert caught.value.field == "evaluation"
    bonus = decision_rules(EDITION).kind("bonus")
    assert bonus is not None
    check_run(bonus, {2017: E}, 2017)  # one year: no run asked
    assert consecutive_run({2016: U, 2017: U}, 2017, (U,), 2)
    assert not consecutive_run({2017: U}, 2017, (U,), 2)
