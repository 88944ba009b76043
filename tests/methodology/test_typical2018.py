"""typical-2018 (seeds 004, 000, 003; SPEC §5): KPI count rating, tiers, the 3/4 rule."""

import pytest

from bagalau.methodology import MethodologyError, get_edition, typical2018_rules
from bagalau.methodology.typical2018 import (
    applicable_competencies,
    evaluate_competencies,
    kpi_result,
    meets,
    resolve_tier,
)

ALMATY = typical2018_rules(get_edition("almaty-2018"))
SJC = typical2018_rules(get_edition("sjc-2018"))
KYZYLORDA = typical2018_rules(get_edition("kyzylorda-2018"))
EDITIONS = {"almaty-2018": ALMATY, "sjc-2018": SJC, "kyzylorda-2018": KYZYLORDA}


@pytest.mark.parametrize(
    ("achieved", "count", "rating"),
    [
        ([True] * 5, 5, "excellent"),
        ([True] * 4 + [False], 4, "effective"),
        ([False, True, True, False, True], 3, "satisfactory"),
        ([True, True, False, False, False], 2, "unsatisfactory"),
        ([False] * 5, 0, "unsatisfactory"),
    ],
    ids=["5", "4", "3", "2", "0"],
)
@pytest.mark.parametrize("edition", EDITIONS)
def test_kpi_rating_counts_fully_achieved_kpis(edition, achieved, count, rating):
    result = kpi_result(EDITIONS[edition], achieved)
    assert (result.achieved, result.rating.code) == (count, rating)


@pytest.mark.parametrize("count", [4, 6])
def test_a_work_plan_has_exactly_five_kpis(count):
    with pytest.raises(MethodologyError, match="exactly 5"):
        kpi_result(ALMATY, [True] * count)


# n indicators -> the fewest observed that meet 3/4 (4k >= 3n), by hand.
THREE_QUARTERS = [(1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (6, 5), (7, 6), (8, 6), (9, 7), (10, 8)]


@pytest.mark.parametrize(
    ("total", "needed"), THREE_QUARTERS, ids=[f"n={n}" for n, _ in THREE_QUARTERS]
)
def test_three_quarters_rule(total, needed):
    assert meets(ALMATY, total, needed)
    assert not meets(ALMATY, total, needed - 1)
    assert meets(ALMATY, total, total)


TIERS = [
    ("almaty-2018", "D-1", False, "top"),
    ("almaty-2018", "D-1", True, "top"),
    ("almaty-2018", "D-3", True, "unit_head"),
    ("almaty-2018", "D-4", False, "staff"),
    ("sjc-2018", "B-1", False, "top"),
    ("sjc-2018", "B-2", True, "top"),
    ("sjc-2018", "B-4", False, "staff"),
    ("sjc-2018", "B-5", True, "staff"),
    # kyzylorda-2018: a code in two rows goes to the upper row when it heads a unit
    ("kyzylorda-2018", "B-2", True, "top"),
    ("kyzylorda-2018", "B-2", False, "unit_head"),
    ("kyzylorda-2018", "B-3", True, "unit_head"),
    ("kyzylorda-2018", "B-3", False, "staff"),
    ("kyzylorda-2018", "B-4", True, "unit_head"),
    ("kyzylorda-2018", "B-4", False, "staff"),
    ("kyzylorda-2018", "C-O-4", True, "unit_head"),
    ("kyzylorda-2018", "C-O-4", False, "staff"),
    ("kyzylorda-2018", "D-3", True, "unit_head"),
    ("kyzylorda-2018", "D-3", False, "staff"),
    ("kyzylorda-2018", "E-G-2", True, "unit_head"),
    ("kyzylorda-2018", "E-G-2", False, "staff"),
    # codes in one row only go there either way
    ("kyzylorda-2018", "C-1", False, "top"),
    ("kyzylorda-2018", "E-R-1", True, "top"),
    ("kyzylorda-2018", "C-R-2", False, "unit_head"),
    ("kyzylorda-2018", "E-G-4", True, "staff"),
    ("kyzylorda-2018", "D-O-6", False, "staff"),
    # input written with Cyrillic letters or a zero for the letter O
    ("kyzylorda-2018", "с-0-4", True, "unit_head"),
    ("kyzylorda-2018", " В-1 ", False, "top"),
]


@pytest.mark.parametrize(
    ("edition", "category", "heads", "tier"),
    TIERS,
    ids=[f"{t[0]}-{t[1].strip()}-{'head' if t[2] else 'staff'}" for t in TIERS],
)
def test_tier_resolution(edition, category, heads, tier):
    assert resolve_tier(EDITIONS[edition], category, heads).code == tier


@pytest.mark.parametrize(
    ("edition", "category", "heads"),
    [
        ("almaty-2018", "D-2", False),
        ("almaty-2018", "D-3", False),
        ("almaty-2018", "D-5", False),
        ("sjc-2018", "B-2", False),
        ("sjc-2018", "B-3", True),
        ("sjc-2018", "B-6", False),
    ],
)
def test_a_category_the_appendix_does_not_cover_is_an_error(edition, category, heads):
    with pytest.raises(MethodologyError) as caught:
        resolve_tier(EDITIONS[edition], category, heads)
    assert caught.value.field == "category"
    assert category in caught.value.message


def test_a_non_category_is_an_error():
    with pytest.raises(MethodologyError, match="not a category code"):
        resolve_tier(ALMATY, "X-9", False)


def test_every_kyzylorda_code_resolves_to_exactly_the_rows_of_app4():
    for tier in KYZYLORDA.tiers:
        for entry in tier.categories:
            for heads in (True, False):
                if entry.heads_unit in (None, heads):
                    assert resolve_tier(KYZYLORDA, entry.code, heads).code == tier.code


def test_service_competencies_apply_only_with_public_services():
    without = [c.code for c in applicable_competencies(ALMATY, provides_services=False)]
    with_services = [c.code for c in applicable_competencies(ALMATY, provides_services=True)]
    assert len(without) == 9
    assert len(with_services) == 11
    assert set(with_services) - set(without) == {"service_orientation", "service_informing"}


def test_competency_sheet_by_hand_for_a_d4_staff_member():
    # almaty-2018 D-4 (staff tier): activity_management has 4 effective indicators, cooperation 3,
    # responsiveness 4. 3/4 -> meets; 2/3 -> does not (8 < 9); 3/4 -> meets.
    result = evaluate_competencies(
        ALMATY,
        category="D-4",
        heads_unit=False,
        provides_services=False,
        observed={
            "activity_management": [1, 2, 3],
            "cooperation": [1, 3],
            "responsiveness": [4, 2, 1],
        },
    )
    assert result.tier.code == "staff"
    sheet = {c.code: c for c in result.competencies}
    assert list(sheet) == [
        "activity_management",
        "cooperation",
        "decision_making",
        "responsiveness",
        "self_development",
        "integrity",
        "responsibility",
        "initiative",
        "stress_resistance",
    ]
    assert (sheet["activity_management"].result, sheet["activity_management"].missing) == (
        "meets",
        (4,),
    )
    assert (sheet["cooperation"].observed, sheet["cooperation"].result) == (2, "does_not_meet")
    assert sheet["cooperation"].missing == (2,)
    assert (sheet["responsiveness"].indicators, sheet["responsiveness"].result) == (4, "meets")
    assert sheet["stress_resistance"].result == "does_not_meet"  # absent: none observed


def test_a_single_indicator_competency_needs_it_observed():
    result = evaluate_competencies(
        SJC,
        category="B-1",
        heads_unit=False,
        provides_services=True,
        observed={"responsibility": [1]},
    )
    sheet = {c.code: c for c in result.competencies}
    assert (sheet["responsibility"].indicators, sheet["responsibility"].result) == (1, "meets")
    assert sheet["initiative"].result == "does_not_meet"
    assert sheet["service_orientation"].indicators == 4


@pytest.mark.parametrize(
    ("observed", "services", "field", "words"),
    [
        ({"cooperation": [0]}, False, "observed.cooperation[0]", "numbers 1-3"),
        ({"cooperation": [4]}, False, "observed.cooperation[0]", "numbers 1-3"),
        ({"cooperation": [1, 1]}, False, "observed.cooperation[1]", "twice"),
        ({"service_orientation": [1]}, False, "observed.service_orientation", "public services"),
        ({"leadership": [1]}, True, "observed.leadership", "unknown competency"),
    ],
    ids=["zero", "above-count", "duplicate", "service-without-services", "unknown"],
)
def test_competency_errors(observed, services, field, words):
    with pytest.raises(MethodologyError) as caught:
        evaluate_competencies(
            ALMATY, category="D-4", heads_unit=False, provides_services=services, observed=observed
        )
    assert caught.value.field == field
    assert words in caught.value.message
