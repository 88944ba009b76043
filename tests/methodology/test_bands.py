"""Rating scales (SPEC §4.2, §5, §6): every scale covers its range with no gap or overlap."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bagalau.methodology import all_editions, get_edition, moj2017_rules, sjc2023_rules
from bagalau.methodology.bands import Band, BandScale, parse_interval
from bagalau.methodology.labels import Label
from bagalau.methodology.moj2017 import Moj2017Rules
from bagalau.methodology.sjc2023 import Sjc2023Rules
from bagalau.methodology.typical2018 import Typical2018Rules


def every_scale():
    scales = []
    for edition in all_editions():
        rules = edition.rules
        if isinstance(rules, Sjc2023Rules):
            scales.append(rules.rating)
        elif isinstance(rules, Typical2018Rules):
            scales.append(rules.kpi_rating)
        elif isinstance(rules, Moj2017Rules):
            scales += [rules.quarter_rating, rules.annual_rating]
    return {f"{scale.code}": scale for scale in scales}


SCALES = every_scale()


@pytest.mark.parametrize("scale", SCALES.values(), ids=SCALES.keys())
def test_scale_has_no_gap_or_overlap(scale):
    assert scale.coverage_problems() == []


@pytest.mark.parametrize("scale", SCALES.values(), ids=SCALES.keys())
@given(data=st.data())
def test_every_value_of_the_scale_falls_in_exactly_one_band(scale, data):
    low = scale.minimum if scale.minimum is not None else D(-1000)
    high = scale.maximum if scale.maximum is not None else D(1000)
    value = data.draw(st.decimals(min_value=low, max_value=high, places=3))
    assert sum(band.contains(value) for band in scale.bands) == 1


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        ("0.00", "unsatisfactory"),
        ("1.99", "unsatisfactory"),
        ("2.00", "satisfactory"),
        ("2.99", "satisfactory"),
        ("3.00", "proper"),
        ("3.99", "proper"),
        ("4.00", "effective"),
        ("4.50", "effective"),
        ("5.00", "effective"),
    ],
)
def test_sjc2023_bands_follow_p7(score, rating):
    rules = sjc2023_rules(get_edition("sjc-2023"))
    assert rules.rating.band_for(D(score)).code == rating


@pytest.mark.parametrize("score", ["-0.01", "5.01"])
def test_sjc2023_scale_stops_at_0_and_5(score):
    rules = sjc2023_rules(get_edition("sjc-2023"))
    with pytest.raises(ValueError, match="outside"):
        rules.rating.band_for(D(score))


def test_the_rating_labels_are_the_p7_wordings_in_three_languages():
    band = sjc2023_rules(get_edition("sjc-2023")).rating.by_code("proper")
    assert band.label.kk == "Функционалдық міндеттерін тиісті түрде атқарады"
    assert band.label.get("ru") == "Функциональные обязанности исполняет надлежащим образом"
    assert band.label.get("en-GB") == "Performs functional duties properly"


def _band(code, interval):
    low, low_in, high, high_in = parse_interval(interval)
    return Band(code, Label(code, code, code), low, low_in, high, high_in)


@pytest.mark.parametrize(
    ("intervals", "problem"),
    [
        (["[0, 2)", "(2, 5]"], "leave a gap at 2"),
        (["[0, 2]", "[2, 5]"], "overlap at 2"),
        (["[0, 2)", "[3, 5]"], "do not meet"),
    ],
)
def test_a_broken_scale_is_refused_when_loaded(intervals, problem):
    with pytest.raises(ValueError, match=problem):
        BandScale("broken", tuple(_band(f"b{i}", t) for i, t in enumerate(intervals)))


def test_interval_notation_round_trips():
    assert _band("x", "(105, 130]").interval == "(105, 130]"
    assert _band("x", "(-inf, 80)").contains(D("79.99"))
    assert not _band("x", "(-inf, 80)").contains(D(80))
    with pytest.raises(ValueError, match="not an interval"):
        parse_interval("80..105")


def test_moj_quarter_bands_carry_the_p32_points():
    scale = moj2017_rules(get_edition("moj-2017")).quarter_rating
    assert [(b.code, b.points) for b in scale.bands] == [
        ("unsatisfactory", 2),
        ("satisfactory", 3),
        ("effective", 4),
        ("excellent", 5),
    ]
