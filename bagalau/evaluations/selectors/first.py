"""When a servant without any result yet is first evaluated (issue 13 item 11: a newcomer's
dashboard says why it is empty and what comes next)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bagalau.evaluations.models import Evaluation, Schedule
from bagalau.evaluations.selectors.schedule import rules_of
from bagalau.methodology import sjc2023 as engine
from bagalau.methodology.sjc2023.deadlines import long_enough_in_position
from bagalau.org.models import Servant
from bagalau.org.selectors import assignment_on

_TOO_SHORT = "too_short"

#: How many quarters ahead are looked at: one year and the quarter under way.
_AHEAD = 5


@dataclass(frozen=True, slots=True)
class FirstEvaluation:
    """The first quarter the servant is evaluated for, and by when (p.4)."""

    year: int
    quarter: int
    due: dt.date
    since: dt.date
    current: bool


def first_evaluation(servant: Servant, today: dt.date) -> FirstEvaluation | None:
    """For a servant on a roster only as not evaluated (p.5: under three months in the position):
    the first quarter, from the one under way, in which the position held today is held at least
    three months — the position assumed to continue. None for a servant evaluated before, on no
    roster (e.g. the head of the apparatus, whom no quarter evaluates), holding no position
    today, or whose organisation has no schedule this year (its edition gives the rules)."""
    reasons = set(Evaluation.objects.filter(servant=servant).values_list("reason", flat=True))
    if reasons != {_TOO_SHORT}:
        return None
    assignment = assignment_on(servant, today)
    schedule = Schedule.objects.filter(organisation=servant.organisation, year=today.year).first()
    if assignment is None or schedule is None:
        return None
    rules = rules_of(schedule)
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for step in range(_AHEAD):
        first, last = engine.quarter_bounds(year, quarter)
        if long_enough_in_position(rules, assignment.start, assignment.end, first, last):
            due = engine.quarter_deadline(rules, year, quarter)
            return FirstEvaluation(year, quarter, due, assignment.start, step == 0)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return None
