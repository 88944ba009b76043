"""The moj-2017 workflow (seed 001; EDITIONS.md §5, §8, §9 M-1…M-22, §13), worked by hand.

Days off used below: 2017-12-18/19 (16-17 December on a weekend), 2018-01-01/02, 2018-03-08/09,
2018-03-21/22/23 (Nauryz). 2018-01-07 (Orthodox Christmas) fell on a Sunday and was not moved.
Working Saturday: 2018-03-03.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as Dec
from fractions import Fraction

import pytest

from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology import moj2017_workflow as flow
from bagalau.methodology.moj2017 import annual_result, quarter_mean_points
from bagalau.methodology.moj2017_workflow import BonusEntry, BreachEntry, PlanIndicator
from bagalau.workcalendar import WorkCalendar

D = dt.date
CALENDAR = WorkCalendar()
RULES = moj2017_rules(get_edition("moj-2017"))


# --- deadlines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("appointed", "due"),
    [
        (None, D(2018, 1, 10)),
        (D(2017, 9, 4), D(2018, 1, 10)),
        (D(2018, 1, 10), D(2018, 1, 10)),
        (D(2018, 1, 11), D(2018, 1, 25)),  # 12, 15-19, 22, 23, 24, 25
        (D(2018, 3, 1), D(2018, 3, 16)),  # 2, Sat 3, 5, 6, 7, 12-16 (8 and 9 March off)
    ],
    ids=["no-appointment", "in-post", "on-10-january", "on-11-january", "on-1-march"],
)
def test_plan_due_by_10_january_or_10_wd_after_appointment(appointed, due):
    assert flow.plan_due(RULES, CALENDAR, 2018, appointed) == due


@pytest.mark.parametrize(
    ("year", "quarter", "due"),
    [
        (2018, 1, D(2018, 4, 10)),
        (2017, 2, D(2017, 7, 10)),
        (2017, 3, D(2017, 10, 10)),
        (2017, 4, D(2017, 12, 10)),  # a Sunday: a calendar date is a calendar date
    ],
)
def test_quarter_due_on_the_10th_and_q4_by_10_december(year, quarter, due):
    assert flow.quarter_due(RULES, year, quarter) == due


def test_other_deadlines():
    assert flow.annual_due(RULES, 2017) == D(2017, 12, 25)
    assert flow.notice_due(RULES, D(2017, 12, 8)) == D(2017, 11, 28)
    assert flow.notice_due(RULES, D(2018, 1, 5)) == D(2017, 12, 26)
    # 5 WD before Fri 22.12.2017: 21, 20, (19, 18 off), 15, 14, 13
    assert flow.annual_computation_due(RULES, CALENDAR, D(2017, 12, 22)) == D(2017, 12, 13)
    # 2 WD after Fri 15.12.2017: (18, 19 off) 20, 21
    assert flow.familiarisation_due(RULES, CALENDAR, D(2017, 12, 15)) == D(2017, 12, 21)
    # 10 WD after Fri 22.12.2017: 25-29, (1, 2 Jan off) 3, 4, 5, 8, 9
    assert flow.appeal_due(RULES, CALENDAR, D(2017, 12, 22)) == D(2018, 1, 9)
    assert flow.agency_report_due(RULES, D(2018, 2, 20)) == D(2018, 3, 6)  # M-12: 14 CD


@pytest.mark.parametrize(
    ("approved", "due"),
    [
        (D(2017, 12, 22), D(2018, 3, 22)),
        (D(2017, 11, 30), D(2018, 2, 28)),
        (D(2019, 11, 30), D(2020, 2, 29)),
    ],
)
def test_training_within_3_months_of_the_approval(approved, due):
    assert flow.training_due(RULES, approved) == due


def test_the_calculators_deadlines():
    dates = {"appointed": D(2018, 1, 11), "ended": D(2017, 12, 15)}
    assert flow.deadlines(RULES, CALENDAR, 2018, 1, dates) == {
        "plan_due": D(2018, 1, 25),
        "annual_due": D(2018, 12, 25),
        "quarter_due": D(2018, 4, 10),
        "familiarisation_due": D(2017, 12, 21),
    }


@pytest.mark.parametrize(
    ("quarter", "session", "warned"),
    [
        # Q3 2017: 10 WD after Tue 10.10 is Tue 24.10
        (3, D(2017, 10, 24), False),
        (3, D(2017, 10, 25), True),
        # Q4 2017: 10 WD after Sun 10.12: 11-15, (18, 19 off) 20, 21, 22, 25, 26
        (4, D(2017, 12, 26), False),
        (4, D(2017, 12, 27), True),
    ],
)
def test_m5_warns_when_the_quarter_session_is_late(quarter, session, warned):
    warning = flow.quarter_session_warning(RULES, CALENDAR, 2017, quarter, session)
    assert (warning is not None) == warned
    if warning:
        assert "more than 10 working days" in warning.message


# --- Q4 cut-off (M-4) and the quarter sheet (M-1, M-8, M-20, M-22) -------------------------------


def test_q4_counts_to_30_november_by_default():
    assert flow.quarter_window(RULES, 2017, 4) == (D(2017, 10, 1), D(2017, 11, 30))
    assert flow.quarter_window(RULES, 2017, 4, D(2017, 12, 5)) == (D(2017, 10, 1), D(2017, 12, 5))
    assert flow.quarter_window(RULES, 2018, 1) == (D(2018, 1, 1), D(2018, 3, 31))


@pytest.mark.parametrize("cutoff", [D(2017, 9, 30), D(2017, 12, 11)])
def test_a_cutoff_outside_october_to_10_december_is_refused(cutoff):
    with pytest.raises(MethodologyError) as caught:
        flow.quarter_window(RULES, 2017, 4, cutoff)
    assert caught.value.field == "q4_cutoff"


def sheet(items=(), breaches=(), catalogue="central", quarter=4, cutoff=None):
    return flow.quarter_sheet(
        RULES,
        catalogue=catalogue,
        year=2017,
        quarter=quarter,
        items=[BonusEntry(code, day) for code, day in items],
        breaches=[BreachEntry(kind, day) for kind, day in breaches],
        q4_cutoff=cutoff,
    )


SHEETS = [
    # items, breaches -> bonus points, penalty, q, rating (q = 100 + a - 2 x breaches)
    pytest.param((), (), 0, 0, 100, "satisfactory", id="nothing"),
    pytest.param(
        (("central-5-01", D(2017, 10, 3)), ("central-4-02", D(2017, 11, 20))),
        (("labour", D(2017, 11, 6)),),
        9,
        2,
        107,
        "effective",
        id="5+4-2=107",
    ),
    pytest.param(
        (("central-1-02", D(2017, 10, 2)),) * 5,
        (),
        5,
        0,
        105,
        "satisfactory",
        id="five-instances-of-one-item-105",
    ),
    pytest.param(
        (),
        (("executive", D(2017, 10, 2)),) * 11,
        0,
        22,
        78,
        "unsatisfactory",
        id="eleven-breaches-78",
    ),
]


@pytest.mark.parametrize(("items", "breaches", "bonus", "penalty", "score", "rating"), SHEETS)
def test_quarter_sheet_points_come_from_the_catalogue(
    items, breaches, bonus, penalty, score, rating
):
    result = sheet(items, breaches)
    assert (result.bonus_points, result.penalty_points) == (bonus, penalty)
    assert (result.score, result.rating.code) == (score, rating)


def test_territorial_catalogue():
    result = sheet(
        [("territorial-5-07", D(2017, 10, 9)), ("territorial-3-01", D(2017, 10, 9))],
        catalogue="territorial",
    )
    assert result.score == 108


SHEET_ERRORS = [
    pytest.param(
        {"items": [("central-5-01", D(2017, 10, 3)), ("territorial-5-07", D(2017, 10, 3))]},
        "items[1].code",
        "territorial catalogue",
        id="territorial-item-in-a-central-organisation",
    ),
    pytest.param(
        {"items": [("central-9-99", D(2017, 10, 3))]},
        "items[0].code",
        "not an item",
        id="unknown-item",
    ),
    pytest.param(
        {"items": [("central-5-01", D(2017, 12, 1))]},
        "items[0].date",
        "2017-10-01 to 2017-11-30",
        id="after-the-q4-cutoff",
    ),
    pytest.param(
        {"breaches": [("labour", D(2017, 9, 29))]},
        "breaches[0].date",
        "outside",
        id="breach-of-the-previous-quarter",
    ),
    pytest.param(
        {"breaches": [("lateness", D(2017, 10, 2))]},
        "breaches[0].kind",
        "executive, labour",
        id="unknown-breach",
    ),
    pytest.param({"catalogue": "committee"}, "catalogue", "no default", id="no-catalogue-chosen"),
]


@pytest.mark.parametrize(("given", "field", "words"), SHEET_ERRORS)
def test_quarter_sheet_errors_name_the_field(given, field, words):
    with pytest.raises(MethodologyError) as caught:
        sheet(**given)
    assert caught.value.field == field
    assert words in caught.value.message


def test_a_later_cutoff_counts_an_early_december_activity():
    result = sheet([("central-5-01", D(2017, 12, 1))], cutoff=D(2017, 12, 5))
    assert result.score == 105


def test_the_catalogue_has_no_default():
    assert RULES.catalogue_default is None


# --- the M-2 reading of the quarter mean -------------------------------------------------------

BAND_EDGES = [
    # quarters -> exact mean, points (fractional_bands, SPEC), points (whole_points_first)
    ([79], 2, 2),
    ([80], 3, 3),
    ([79, 80], 2, 3),  # 79.5
    ([105], 3, 3),
    ([105, 105, 105, 106], 4, 3),  # 105.25
    ([105, 106], 4, 4),  # 105.5
    ([106], 4, 4),
    ([130], 4, 4),
    ([130, 130, 130, 131], 5, 4),  # 130.25
    ([130, 131], 5, 5),  # 130.5
    ([131], 5, 5),
]


@pytest.mark.parametrize(
    ("quarters", "fractional", "whole"),
    BAND_EDGES,
    ids=["/".join(map(str, row[0])) for row in BAND_EDGES],
)
def test_m2_band_edges_under_both_readings(quarters, fractional, whole):
    mean = Fraction(sum(quarters), len(quarters))
    assert quarter_mean_points(RULES, mean).points == fractional  # the edition's setting
    assert quarter_mean_points(RULES, mean, "fractional_bands").points == fractional
    assert quarter_mean_points(RULES, mean, "whole_points_first").points == whole


def test_the_reading_changes_the_annual_score():
    # mean 105.25; plan 4.00; (4 + 4) / 2 = 4.0 effective; (3 + 4) / 2 = 3.5 satisfactory
    spec = annual_result(RULES, [105, 105, 105, 106], Dec("4.00"))
    other = annual_result(RULES, [105, 105, 105, 106], Dec("4.00"), reading="whole_points_first")
    assert (str(spec.quarter_mean), spec.quarter_points, str(spec.score)) == ("105.25", 4, "4.0")
    assert (other.quarter_points, str(other.score), other.rating.code) == (3, "3.5", "satisfactory")


def test_the_default_reading_and_the_reconstructed_weights_are_marked():
    assert RULES.quarter_mean_reading == "fractional_bands"
    assert [r.code for r in RULES.readings] == ["fractional_bands", "whole_points_first"]
    assert RULES.weights_reconstruction
    assert "reconstruction" in RULES.weights_note.en


def test_an_unknown_reading_is_refused():
    with pytest.raises(MethodologyError) as caught:
        quarter_mean_points(RULES, Fraction(100), "nearest")
    assert caught.value.field == "reading"


# --- the work plan (M-3) ------------------------------------------------------------------------


def plan(*flags: bool) -> list[PlanIndicator]:
    return [PlanIndicator(f"indicator {i}", "result", flag) for i, flag in enumerate(flags)]


@pytest.mark.parametrize(
    "flags",
    [(True,), (True, False), (True, True, False), (True, True, False, False)],
    ids=["1-of-1", "1-of-2", "2-of-3", "2-of-4"],
)
def test_half_of_the_indicators_measurable(flags):
    flow.check_plan(RULES, plan(*flags))


PLAN_ERRORS = [
    pytest.param(plan(True) * 5, "indicators", "from 1 to 4", id="5-indicators"),
    pytest.param([], "indicators", "from 1 to 4", id="no-indicator"),
    pytest.param(plan(True, False, False), "indicators", "at least 2 of the 3", id="1-of-3"),
    pytest.param(plan(False), "indicators", "at least 1 of the 1", id="0-of-1"),
    pytest.param(plan(True, False, False, False), "indicators", "but 1 are", id="1-of-4"),
    pytest.param(
        [PlanIndicator("a", "r", True), PlanIndicator(" ", "r", True)],
        "indicators[1].name",
        "name",
        id="no-name",
    ),
    pytest.param(
        [PlanIndicator("a", "", True)],
        "indicators[0].expected_result",
        "expected result",
        id="no-expected-result",
    ),
]


@pytest.mark.parametrize(("indicators", "field", "words"), PLAN_ERRORS)
def test_plan_errors_name_the_field(indicators, field, words):
    with pytest.raises(MethodologyError) as caught:
        flow.check_plan(RULES, indicators)
    assert caught.value.field == field
    assert words in caught.value.message


# --- consequences (p.41-45; M-9, M-10, M-11) ----------------------------------------------------

CONSEQUENCES = [
    # annual ratings, oldest first -> bonus, mentor allowed, training, demotion grounds
    (["effective"], True, True, False, False),
    (["excellent"], True, True, False, False),
    (["satisfactory"], False, True, False, False),
    (["unsatisfactory"], False, False, True, False),
    (["unsatisfactory", "unsatisfactory"], False, False, True, True),
    (["unsatisfactory", "effective", "unsatisfactory"], False, False, True, False),
    (["effective", "unsatisfactory", "unsatisfactory"], False, False, True, True),
    (["unsatisfactory", "unsatisfactory", "satisfactory"], False, True, False, False),
]


@pytest.mark.parametrize(
    ("annual", "bonus", "mentor", "training", "demotion"),
    CONSEQUENCES,
    ids=["-".join(row[0]) for row in CONSEQUENCES],
)
def test_consequences(annual, bonus, mentor, training, demotion):
    result = flow.consequences(RULES, annual)
    assert (result.bonus, result.mentor_allowed, result.training, result.demotion_grounds) == (
        bonus,
        mentor,
        training,
        demotion,
    )


@pytest.mark.parametrize(
    ("annual", "field"),
    [([], "annual"), (["good"], "annual[0]"), (["effective", "proper"], "annual[1]")],
    ids=["empty", "unknown", "sjc-2023-rating"],
)
def test_consequence_errors(annual, field):
    with pytest.raises(MethodologyError) as caught:
        flow.consequences(RULES, annual)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("rating", "bonus", "mentor"),
    [
        ("excellent", True, True),
        ("effective", True, True),
        ("satisfactory", False, True),
        ("unsatisfactory", False, False),
    ],
)
def test_m9_m11_flags_on_any_approved_result(rating, bonus, mentor):
    assert flow.bonus_eligible(RULES, rating) == bonus
    assert flow.mentor_allowed(RULES, rating) == mentor


@pytest.mark.parametrize(
    ("points", "plan_score", "directions"),
    [
        (2, Dec("4.00"), ("quarters",)),
        (3, Dec("2.50"), ("plan",)),
        (2, Dec("2.99"), ("quarters", "plan")),
        (4, Dec("3.00"), ()),
    ],
)
def test_m10_suggests_the_components_that_failed(points, plan_score, directions):
    assert flow.training_directions(points, plan_score) == directions
