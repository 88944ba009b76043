"""Who is evaluated on an evaluation date, in the earlier editions (typical-2018: seed 004 p.4;
moj-2017: seed 001 p.3; EDITIONS.md §2.1, §5.1, §9 G-2, G-3, G-4, T-20).

One function reads the edition's :class:`EligibilityRules`: the months in the position, whether
they also count from a return from social leave or from the end of studies (typical-2018 only),
probation, and which absences defer the evaluation to within 5 working days after the return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.timing import months_after, working_days_after
from bagalau.methodology.workflow import EligibilityRules, absence_kinds
from bagalau.workcalendar import WorkCalendar

Status = Literal["not_evaluated", "deferred", "evaluated"]


@dataclass(frozen=True, slots=True)
class Absence:
    """A period away from work, inclusive dates; `kind` is a code of ``data/absences.yaml``."""

    kind: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether a servant is evaluated on the evaluation date, and by when.

    `reasons` are the grounds for not evaluating (``left_position``, ``too_short``,
    ``probation``, ``social_leave``), ``absent`` for a deferral, ``evaluated`` otherwise.
    `due` is the evaluation date, or for a deferral the 5th working day after the last day of
    absence (None when not evaluated). `defers` names the evaluations a deferral moves (T-20:
    the KPI and competency sheets in typical-2018; the quarterly and annual ones in moj-2017).
    `counted_from` is the day the months in the position count from (G-2); `back_on` the first
    working day after a deferring absence.
    """

    status: Status
    reasons: tuple[str, ...]
    due: dt.date | None
    defers: tuple[str, ...]
    counted_from: dt.date
    back_on: dt.date | None = None

    @property
    def reason(self) -> str:
        """The first reason."""
        return self.reasons[0]


def _check_absences(absences: Sequence[Absence]) -> None:
    kinds = absence_kinds()
    for index, absence in enumerate(absences):
        if absence.kind not in kinds:
            raise MethodologyError(
                f"absences[{index}].kind",
                N_("unknown kind of absence; the kinds are %(kinds)s"),
                kinds=", ".join(kinds),
            )
        if absence.end < absence.start:
            raise MethodologyError(
                f"absences[{index}].end", N_("an absence cannot end before it starts")
            )


def _last_day_away(
    calendar: WorkCalendar, first_end: dt.date, absences: Sequence[Absence]
) -> dt.date:
    """The last day of absence, following absences of any kind that continue it before the servant
    is back at work (a sick leave that runs into annual leave ends with the annual leave)."""
    end = first_end
    extended = True
    while extended:
        extended = False
        back = calendar.next_working_day(end + dt.timedelta(days=1))
        for absence in absences:
            if absence.start <= back and absence.end > end:
                end, extended = absence.end, True
    return end


def eligibility(
    rules: EligibilityRules,
    calendar: WorkCalendar,
    *,
    evaluation_date: dt.date,
    assignment_start: dt.date,
    holds_position: bool = True,
    probation_end: dt.date | None = None,
    returns: Sequence[dt.date] = (),
    absences: Sequence[Absence] = (),
) -> Eligibility:
    """Whether a servant is evaluated on `evaluation_date` (typical: the schedule date, T-1; moj:
    the quarter's deadline or the sheet date, G-2):

    - G-4: not evaluated when the servant no longer holds the position on that date
      (``left_position``); a transfer restarts the count from the new assignment's start;
    - 004 p.4, 001 p.3, G-2: not evaluated with less than 3 months in the position on that date,
      counted from the later of the assignment start and, in typical-2018 only, the latest return
      from social leave or end of studies on or before it ("соның ішінде әлеуметтік демалыстан
      шыққаннан немесе оқуды аяқтағаннан кейін"; ``too_short``);
    - G-3: not evaluated when probation (its last day `probation_end`) has not ended by that
      date (``probation``);
    - typical-2018: not evaluated while on social leave on that date, since the 3 months count
      from the return (``social_leave``; our reading of p.4, EW-1);
    - 004 p.4, 001 p.3: an absence of a deferring kind that covers the date defers the
      evaluation "жұмысына қайта кіріскеннен кейін 5 жұмыс күні ішінде": due on the 5th working
      day after the last day away, so the first working day back counts as day one (as sjc-2023
      does); absences of any kind that continue it before the return extend it (``absent``);
    - otherwise evaluated on the date.
    """
    _check_absences(absences)
    counted_from = assignment_start
    if rules.counts_from_returns:
        counted_from = max([assignment_start, *(d for d in returns if d <= evaluation_date)])
    reasons = []
    if not holds_position:
        reasons.append("left_position")
    if months_after(counted_from, rules.min_months_in_post) > evaluation_date:
        reasons.append("too_short")
    if rules.probation_excludes and probation_end is not None and probation_end >= evaluation_date:
        reasons.append("probation")
    if any(
        a.kind in rules.excluding_absences and a.start <= evaluation_date <= a.end for a in absences
    ):
        reasons.append("social_leave")
    if reasons:
        return Eligibility("not_evaluated", tuple(reasons), None, (), counted_from)
    deferral = rules.deferral
    covering = [
        a for a in absences if a.kind in deferral.absences and a.start <= evaluation_date <= a.end
    ]
    if covering:
        last = _last_day_away(calendar, max(a.end for a in covering), absences)
        due = working_days_after(calendar, last, deferral.working_days, "absences")
        back = calendar.next_working_day(last + dt.timedelta(days=1))
        return Eligibility(
            "deferred", ("absent",), due, deferral.applies_to, counted_from, back_on=back
        )
    return Eligibility("evaluated", ("evaluated",), evaluation_date, (), counted_from)
