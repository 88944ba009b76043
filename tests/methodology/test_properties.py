"""Properties of the engine checked with hypothesis (brief: issue 2 "Done means")."""

from decimal import Decimal as D

from hypothesis import assume, given
from hypothesis import strategies as st

from bagalau.methodology import get_edition, sjc2023_rules, typical2018_rules
from bagalau.methodology.sjc2023 import (
    KpiInput,
    allowed_range,
    evaluate_kpi,
    evaluate_kpi_sheet,
    kpi_percent,
    propose_score,
)
from bagalau.methodology.typical2018 import evaluate_competencies

SJC = sjc2023_rules(get_edition("sjc-2023"))
values = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False)
directions = st.sampled_from(["increase", "decrease"])


@given(direction=directions, plan=values, actual=values)
def test_the_proposed_kpi_score_lies_in_its_allowed_range(direction, plan, actual):
    assume(direction == "decrease" or plan > 0)
    percent = kpi_percent(SJC, KpiInput(direction, plan, actual))
    low, high = allowed_range(SJC, percent)
    assert low <= propose_score(SJC, percent) <= high


@given(percent=st.decimals(min_value=0, max_value=1000, places=2))
def test_every_percent_has_one_row_and_the_rows_step_by_a_quarter(percent):
    low, high = allowed_range(SJC, percent)
    matching = [row for row in SJC.kpi.table if row.contains(percent)]
    assert len(matching) == 1
    assert high - low in (D(0), D("0.24"))


@given(direction=directions, plan=values, actual=values, data=st.data())
def test_any_score_inside_the_range_is_accepted_and_the_sheet_stays_on_the_scale(
    direction, plan, actual, data
):
    assume(direction == "decrease" or plan > 0)
    percent = kpi_percent(SJC, KpiInput(direction, plan, actual))
    low, high = allowed_range(SJC, percent)
    score = data.draw(st.decimals(min_value=low, max_value=high, places=2))
    outcome = evaluate_kpi(SJC, KpiInput(direction, plan, actual, score=score))
    assert outcome.score == score
    sheet = evaluate_kpi_sheet(SJC, [KpiInput(direction, plan, actual, score=score)] * 3)
    assert D(0) <= sheet.score <= D(5)


EDITIONS = ["almaty-2018", "sjc-2018", "kyzylorda-2018"]


@st.composite
def position_and_observations(draw):
    rules = typical2018_rules(get_edition(draw(st.sampled_from(EDITIONS))))
    tier = draw(st.sampled_from(rules.tiers))
    entry = draw(st.sampled_from(tier.categories))
    heads = entry.heads_unit if entry.heads_unit is not None else draw(st.booleans())
    observed = {}
    for competency in rules.competencies:
        total = len(rules.indicators[(competency.code, tier.code)].effective)
        observed[competency.code] = sorted(
            draw(st.sets(st.integers(min_value=1, max_value=total), max_size=total))
        )
    return rules, entry.code, heads, observed


@given(case=position_and_observations(), pick=st.randoms(use_true_random=False))
def test_observing_one_more_indicator_never_turns_meets_into_does_not_meet(case, pick):
    rules, category, heads, observed = case
    before = evaluate_competencies(
        rules, category=category, heads_unit=heads, provides_services=True, observed=observed
    )
    for result in before.competencies:
        if not result.missing:
            continue
        extra = pick.choice(result.missing)
        more = {**observed, result.code: sorted([*observed[result.code], extra])}
        after = evaluate_competencies(
            rules, category=category, heads_unit=heads, provides_services=True, observed=more
        )
        changed = next(r for r in after.competencies if r.code == result.code)
        assert changed.observed == result.observed + 1
        if result.result == "meets":
            assert changed.result == "meets"
