"""The commission's correction of a moj-2017 result (seed 001 p.35; p.26-27 quarter bands, p.32-33
annual bands): the corrected score must be one the sheet holds; the rating is the engine's."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017_commission import corrected_result

RULES = moj2017_rules(get_edition("moj-2017"))


@pytest.mark.parametrize(
    ("kind", "value", "score", "rating"),
    [
        ("quarter", 79, D(79), "unsatisfactory"),  # (-inf, 80)
        ("quarter", "80", D(80), "satisfactory"),  # [80, 105]
        ("quarter", D("105"), D(105), "satisfactory"),
        ("quarter", "106", D(106), "effective"),  # (105, 130]
        ("quarter", "130.00", D(130), "effective"),
        ("quarter", 131, D(131), "excellent"),  # (130, +inf)
        ("annual", "2.9", D("2.9"), "unsatisfactory"),  # (-inf, 3.0)
        ("annual", "3", D("3.0"), "satisfactory"),  # [3.0, 4.0)
        ("annual", "3.9", D("3.9"), "satisfactory"),
        ("annual", "4.0", D("4.0"), "effective"),  # [4.0, 5.0)
        ("annual", "5.0", D("5.0"), "excellent"),  # [5.0, 5.0]
    ],
)
def test_the_corrected_score_and_the_engines_rating(kind, value, score, rating):
    result = corrected_result(RULES, kind, value)
    assert (result.score, result.rating.code) == (score, rating)


@pytest.mark.parametrize(
    ("kind", "value", "field"),
    [
        ("quarter", "105.5", "revised_score"),  # whole points (p.26)
        ("quarter", "1e6", "revised_score"),  # beyond what the record holds
        ("quarter", "NaN", "revised_score"),
        ("quarter", "abc", "revised_score"),
        ("annual", "3.95", "revised_score"),  # one decimal (p.32)
        ("annual", "1.9", "revised_score"),  # at least 2
        ("annual", "5.1", "revised_score"),  # at most 5
        ("monthly", "3", "kind"),
    ],
)
def test_a_score_the_sheet_cannot_hold_is_refused(kind, value, field):
    with pytest.raises(MethodologyError) as error:
        corrected_result(RULES, kind, value)
    assert error.value.field == field
