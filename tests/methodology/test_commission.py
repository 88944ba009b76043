"""The commission's quorum and open vote (004 p.5, p.30-34; 001 p.7-9; EDITIONS.md §9 G-6, G-7,
§13 ``commission``), worked by hand."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from bagalau.methodology import MethodologyError
from bagalau.methodology.commission import (
    CommissionVersion,
    check_members,
    commission_vote,
    is_quorate,
    quorum_needed,
    version_in_force,
)

TWO_THIRDS = Fraction(2, 3)

# n members -> the fewest present for a quorum: 3k >= 2n, so k = ceil(2n/3), by hand.
QUORUM = [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5), (8, 6), (9, 6)]


@pytest.mark.parametrize(("members", "needed"), QUORUM, ids=[f"n={n}" for n, _ in QUORUM])
def test_quorum_boundaries(members, needed):
    assert quorum_needed(members, TWO_THIRDS) == needed
    assert is_quorate(members, needed, TWO_THIRDS)
    assert not is_quorate(members, needed - 1, TWO_THIRDS)
    assert is_quorate(members, members, TWO_THIRDS)


def vote(members, present, votes_for, against, chair, minimum=None):
    return commission_vote(
        members=members,
        present=present,
        votes_for=votes_for,
        votes_against=against,
        chair_vote=chair,
        quorum=TWO_THIRDS,
        minimum=minimum,
    )


VOTES = [
    # members, present, for, against, chair -> quorate, adopted
    pytest.param(5, 4, 3, 1, "for", True, True, id="majority-for"),
    pytest.param(5, 4, 1, 3, "for", True, False, id="majority-against-chair-outvoted"),
    pytest.param(5, 4, 2, 2, "for", True, True, id="tie-chair-for"),
    pytest.param(5, 4, 2, 2, "against", True, False, id="tie-chair-against"),
    pytest.param(5, 4, 2, 2, None, True, False, id="tie-without-chair-fails"),
    pytest.param(6, 4, 2, 2, None, True, False, id="n6-k4-tie-without-chair"),
    pytest.param(5, 3, 3, 0, "for", False, None, id="no-quorum-3-of-5"),
    pytest.param(9, 5, 5, 0, None, False, None, id="no-quorum-5-of-9"),
    pytest.param(9, 6, 4, 2, None, True, True, id="n9-k6-majority"),
    pytest.param(1, 1, 0, 1, "against", True, False, id="one-member-against"),
    pytest.param(3, 2, 1, 1, "for", True, True, id="n3-tie-chair-decides"),
    pytest.param(7, 0, 0, 0, None, False, None, id="nobody-present"),
]


@pytest.mark.parametrize(
    ("members", "present", "for_", "against", "chair", "quorate", "adopted"), VOTES
)
def test_open_vote_with_the_chairs_casting_vote(
    members, present, for_, against, chair, quorate, adopted
):
    result = vote(members, present, for_, against, chair)
    assert (result.quorate, result.adopted) == (quorate, adopted)


ERRORS = [
    # members, present, for, against, chair, minimum -> field, key words
    pytest.param(0, 0, 0, 0, None, None, "members", "at least one", id="no-members"),
    pytest.param(4, 3, 3, 0, None, 5, "members", "at least 5", id="below-almaty-minimum"),
    pytest.param(5, 6, 6, 0, None, None, "present", "6 present", id="more-present-than-members"),
    pytest.param(5, -1, 0, 0, None, None, "present", "negative", id="negative-present"),
    pytest.param(5, 4, 2, 1, None, None, "for", "not 4", id="an-abstention"),
    pytest.param(5, 4, -1, 5, None, None, "for", "negative", id="negative-for"),
    pytest.param(5, 4, 4, -0, "maybe", None, "chair_vote", '"for" or "against"', id="bad-chair"),
    pytest.param(5, 4, 0, 4, "for", None, "chair_vote", 'no vote "for"', id="chair-for-none-for"),
    pytest.param(5, 4, 4, 0, "against", None, "chair_vote", 'no vote "against"', id="chair-ag"),
]


@pytest.mark.parametrize(
    ("members", "present", "for_", "against", "chair", "minimum", "field", "words"), ERRORS
)
def test_vote_errors_name_the_field(members, present, for_, against, chair, minimum, field, words):
    with pytest.raises(MethodologyError) as caught:
        vote(members, present, for_, against, chair, minimum)
    assert caught.value.field == field
    assert words in caught.value.message


def test_an_almaty_commission_of_five_is_allowed_and_four_is_not():
    check_members(5, 5)
    with pytest.raises(MethodologyError, match="at least 5 members"):
        check_members(4, 5)
    check_members(1, None)  # sjc-2018, kyzylorda-2018, moj-2017: no minimum (T-22)


def test_a_session_sits_as_the_order_in_force_on_its_date():
    versions = [
        CommissionVersion(dt.date(2018, 6, 1), "12-ө", 5),
        CommissionVersion(dt.date(2019, 3, 4), "7-ө", 7),  # amended: two members added (p.31)
    ]
    assert version_in_force(versions, dt.date(2019, 3, 3)).members == 5
    assert version_in_force(versions, dt.date(2019, 3, 4)).members == 7
    with pytest.raises(MethodologyError) as caught:
        version_in_force(versions, dt.date(2018, 5, 31))
    assert caught.value.field == "date"
