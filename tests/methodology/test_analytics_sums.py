"""The spread of a group from its sums (bagalau.methodology.analytics.spread_of_sums): the count,
Σx and Σx² of scores in hundredths, counted per group and added up, give exactly the spread of
the scores themselves (the analytics page counts them per evaluator and unit in the database)."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from bagalau.methodology.analytics import Sums, spread, spread_of_sums

SCORES = st.lists(
    st.decimals(min_value=0, max_value=5, places=2, allow_nan=False), min_size=0, max_size=30
)


def sums(scores):
    whole = [int(score * 100) for score in scores]
    return Sums(len(whole), sum(whole), sum(w * w for w in whole))


@given(st.lists(SCORES, min_size=1, max_size=5))
def test_the_spread_of_added_up_group_sums_is_the_spread_of_every_score(groups):
    added = sum((sums(group) for group in groups), Sums())
    assert spread_of_sums(added, 100) == spread([s for group in groups for s in group])


def test_no_score_has_no_mean():
    assert spread_of_sums(Sums(), 100) == spread([])
    assert spread_of_sums(sums([D("4.50")]), 100).variance == 0
