"""Properties of the earlier editions' workflow functions, checked with hypothesis (the CI profile
of tests/conftest.py keeps them small)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from bagalau.methodology import get_edition, moj2017_rules
from bagalau.methodology import moj2017_workflow as moj
from bagalau.methodology.commission import commission_vote, is_quorate, quorum_needed
from bagalau.methodology.editions import edition_workflow
from bagalau.methodology.eligibility import Absence, eligibility
from bagalau.methodology.moj2017 import quarter_mean_points
from bagalau.methodology.timing import late_by, working_days_after
from bagalau.workcalendar import WorkCalendar

CALENDAR = WorkCalendar()
TWO_THIRDS = Fraction(2, 3)
MOJ = moj2017_rules(get_edition("moj-2017"))
days = st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2023, 12, 31))


@given(members=st.integers(1, 60), data=st.data())
def test_quorum_is_two_thirds_and_one_more_member_present_never_breaks_it(members, data):
    present = data.draw(st.integers(0, members))
    assert is_quorate(members, present, TWO_THIRDS) == (3 * present >= 2 * members)
    assert is_quorate(members, present, TWO_THIRDS) == (
        present >= quorum_needed(members, TWO_THIRDS)
    )
    if present < members and is_quorate(members, present, TWO_THIRDS):
        assert is_quorate(members, present + 1, TWO_THIRDS)


@given(members=st.integers(1, 40), data=st.data())
def test_a_vote_is_a_majority_with_the_chair_breaking_ties(members, data):
    present = data.draw(st.integers(0, members))
    votes_for = data.draw(st.integers(0, present))
    against = present - votes_for
    chair = data.draw(st.sampled_from([None, "for", "against"]))
    assume(not (chair == "for" and votes_for == 0) and not (chair == "against" and against == 0))
    result = commission_vote(
        members=members,
        present=present,
        votes_for=votes_for,
        votes_against=against,
        chair_vote=chair,
        quorum=TWO_THIRDS,
    )
    if not result.quorate:
        assert result.adopted is None
    else:
        expected = votes_for > against or (votes_for == against and chair == "for")
        assert result.adopted == expected


@given(start=days, count=st.integers(1, 30))
def test_the_nth_working_day_after_is_late_by_n(start, count):
    due = working_days_after(CALENDAR, start, count, "start")
    assert due > start
    assert CALENDAR.is_working_day(due)
    assert CALENDAR.working_days_between(start, due) == count
    lateness = late_by(CALENDAR, start, due)
    assert lateness.late
    assert lateness.working_days == count


@given(day=days, count=st.integers(1, 15))
def test_the_nth_working_day_before_is_a_working_day_n_before(day, count):
    due = working_days_after(CALENDAR, day, -count, "evaluation")
    assert due < day
    assert CALENDAR.is_working_day(due)
    # the working days in [due, day) are `count`; working_days_between counts (due, day]
    expected = count - 1 + int(CALENDAR.is_working_day(day))
    assert CALENDAR.working_days_between(due, day) == expected


@given(quarters=st.lists(st.integers(0, 200), min_size=1, max_size=4))
def test_the_two_m2_readings_give_2_to_5_points_and_differ_only_on_fractions(quarters):
    mean = Fraction(sum(quarters), len(quarters))
    spec = quarter_mean_points(MOJ, mean, "fractional_bands").points
    whole = quarter_mean_points(MOJ, mean, "whole_points_first").points
    assert spec in (2, 3, 4, 5)
    assert whole in (2, 3, 4, 5)
    assert abs(spec - whole) <= 1
    if mean.denominator == 1:
        assert spec == whole


CENTRAL = [a.code for a in MOJ.catalogue("central").activities]
POINTS = {a.code: a.points for a in MOJ.catalogue("central").activities}
q3_days = st.dates(min_value=dt.date(2017, 7, 1), max_value=dt.date(2017, 9, 30))


@given(
    items=st.lists(st.tuples(st.sampled_from(CENTRAL), q3_days), max_size=12),
    breaches=st.lists(st.tuples(st.sampled_from(["executive", "labour"]), q3_days), max_size=12),
)
def test_a_quarter_sheet_is_100_plus_the_catalogue_points_minus_2_per_breach(items, breaches):
    sheet = moj.quarter_sheet(
        MOJ,
        catalogue="central",
        year=2017,
        quarter=3,
        items=[moj.BonusEntry(code, day) for code, day in items],
        breaches=[moj.BreachEntry(kind, day) for kind, day in breaches],
    )
    assert sheet.score == 100 + sum(POINTS[c] for c, _ in items) - 2 * len(breaches)


RATINGS = ["unsatisfactory", "satisfactory", "effective", "excellent"]


@given(annual=st.lists(st.sampled_from(RATINGS), min_size=1, max_size=6))
def test_demotion_grounds_come_with_training_and_without_bonus_or_mentoring(annual):
    result = moj.consequences(MOJ, annual)
    if result.demotion_grounds:
        assert result.training
        assert not result.bonus
        assert not result.mentor_allowed
    assert result.bonus != (annual[-1] in ("satisfactory", "unsatisfactory"))


@given(
    edition=st.sampled_from(["almaty-2018", "sjc-2018", "kyzylorda-2018", "moj-2017"]),
    evaluation=days,
    start_before=st.integers(0, 2000),
    absence=st.tuples(
        st.sampled_from(["annual_leave", "sick_leave", "social_leave", "business_trip"]),
        st.integers(0, 40),
        st.integers(0, 40),
    ),
)
def test_a_deferral_is_due_on_a_working_day_after_the_evaluation_date(
    edition, evaluation, start_before, absence
):
    rules = edition_workflow(get_edition(edition)).eligibility
    kind, before, after = absence
    leave = Absence(
        kind, evaluation - dt.timedelta(days=before), evaluation + dt.timedelta(days=after)
    )
    result = eligibility(
        rules,
        CALENDAR,
        evaluation_date=evaluation,
        assignment_start=evaluation - dt.timedelta(days=start_before),
        absences=[leave],
    )
    if result.status == "deferred":
        assert kind in rules.deferral.absences
        assert result.due is not None
        assert result.due > leave.end
        assert CALENDAR.is_working_day(result.due)
    left = eligibility(
        rules,
        CALENDAR,
        evaluation_date=evaluation,
        assignment_start=evaluation - dt.timedelta(days=start_before),
        holds_position=False,
    )
    assert left.status == "not_evaluated"
