"""The demo year, replayed through the services on the dates it happened.

Which year. The demo shows "the current year" with Q1-Q3 evaluated (calibration included) and Q4
under way. That story is complete once the Q3 calibration session has been held (about the 22nd
of October); from the day after, the demo year is this year. Run earlier in the year, the demo
year is last year: its Q4 has ended too, so HR opens it and its sheets wait for the evaluators.

What happens (`DemoHistory.plan` lists every step with its date and time; each step runs through
the services as the person who would act, with the clock moved to that moment by
`bagalau.demo.clock.clock_at`, in date order):
- January: HR drafts the schedule, the head of the apparatus approves it; HR opens the work plans,
  the evaluators draft 3-5 KPIs (one plan is returned by HR and corrected), HR agrees, the
  approvers approve, HR posts - within the 10 working days of p.22.
- Q1, Q2, Q3: HR opens the quarter the first working day after it ends and enters the actual KPI
  values; the heads score their staff (App. 4) and the deputies/head the managers' KPIs (App. 2-3)
  and sign; the servants acknowledge (in Q1 one does nothing: the day after the last day the
  result counts as made known through the information system, p.11 - the periodic job's
  `evaluations_familiarise_expired`); when the calibration windows have passed the results become
  final (`evaluations_finalize_expired`); Q1 and Q2 are closed. One Q1 staff sheet of the
  international department is held on paper and entered by the head of HR with its scan
  (bagalau.demo.paper). Once Q1's results are final, HR records the head of the apparatus's
  encouragement of the best one in the register of decisions (p.8, bagalau.demo.decisions).
- Q2: a calibration session raises a 2.75 to 3.00 in the second round (protocol signed and posted,
  feedback meeting held).
- Q3: the head of the analysis department is on sick leave from late September until a few days
  from now (meanwhile the curating deputy acts as the department's head): the head's KPI
  evaluation is deferred until 5 working days after the return (p.5). The "servant" applies for
  calibration: the session was held, the evaluator presented, two of the three participants voted
  and the "participant" login has not: the round is open (the session is in progress).
- Run last year's story (before late October), the sick leave ended on 23 October and the acting
  ends with it; the newcomer was appointed on 1 December.
- Once Q3's results are final, HR computes the annual results so far: each is provisional (p.4),
  waiting for Q4 - and, for the "servant" login, for Q3, under calibration, counted with the
  evaluator's score until the session decides.
- Q4: under way (plans in force); a deputy head appointed three weeks ago gets no work plan and is
  not evaluated for the quarter (under 3 months, p.5, p.22). From December HR prepares Q4 before
  it ends (its sheets created) and enters the actual KPI values on the day they are due (p.22 ¶6:
  30 or 31 December, inside the quarter); the evaluators and the servants are told once it ends.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction

from bagalau.demo.content import (
    Q2_CALIBRATION,
    Q3_CALIBRATION,
)
from bagalau.demo.history_quarters import QuarterSteps
from bagalau.demo.history_year import YearSteps
from bagalau.demo.structure import DemoStructure
from bagalau.demo.timeline import (
    QuarterDays,
    Timeline,
    add,
    demo_year,
    q2_calibration_days,
    q3_calibration_days,
    quarter_days,
    story_complete_on,
)
from bagalau.evaluations.services.familiarisation import (
    evaluations_familiarise_expired,
    evaluations_finalize_expired,
)
from bagalau.methodology.sjc2023 import actuals_due, quarter_deadline
from bagalau.methodology.sjc2023_periods import quarter_prepare_from
from bagalau.workcalendar import WorkCalendar

#: The weeks between the newcomer's appointment and the demo date.
NEWCOMER_WEEKS = 3
#: The absent manager is back this many days after the demo date.
BACK_IN_DAYS = 4


class DemoHistory(YearSteps, QuarterSteps):
    """Plans and runs the demo year for the apparatus of `structure`, as of `today`."""

    # --- planning ------------------------------------------------------------------------------

    def plan(self) -> Timeline:
        """Every step of the year up to today."""
        self._plan_january()
        self._plan_absence()
        for quarter in (1, 2, 3):
            self._plan_quarter(quarter_days(self.calendar, self.year, quarter))
        self._plan_q2_calibration()
        self._plan_q3_calibration()
        self._plan_newcomer()
        self._plan_q4_preparation()
        if not self.current:
            self._plan_q4_opening()
        return self.timeline

    def run(self) -> None:
        """Plan, then replay the year."""
        self.plan().run(until=self.today)

    def _plan_january(self) -> None:
        add_ = self.timeline.add
        first = add(self.calendar, dt.date(self.year - 1, 12, 31), 1)
        add_(first, 9, 30, "HR drafts the schedule", self._draft_schedule)
        add_(add(self.calendar, first, 1), 11, 0, "the head approves it", self._approve_schedule)
        add_(add(self.calendar, first, 1), 14, 0, "HR opens the work plans", self._initiate_plans)
        add_(add(self.calendar, first, 2), 10, 0, "evaluators draft KPIs", self._draft_kpis)
        add_(add(self.calendar, first, 3), 10, 0, "plans sent to HR", self._send_plans)
        add_(add(self.calendar, first, 3), 15, 0, "HR returns a plan", self._return_plan)
        add_(add(self.calendar, first, 4), 10, 0, "plan corrected", self._correct_plan)
        add_(add(self.calendar, first, 4), 11, 0, "HR agrees the plans", self._agree_plans)
        add_(add(self.calendar, first, 4), 15, 0, "plans submitted", self._submit_plans)
        add_(add(self.calendar, first, 5), 11, 0, "plans approved", self._approve_plans)
        add_(add(self.calendar, first, 6), 10, 0, "HR posts the plans", self._post_plans)

    def _plan_absence(self) -> None:
        start = self.calendar.next_working_day(dt.date(self.year, 9, 24))
        if self.current:
            end = self.today + dt.timedelta(days=BACK_IN_DAYS)
        else:
            end = dt.date(self.year, 10, 23)
        self.timeline.add(
            start, 11, 0, "HR records the sick leave", lambda: self._record_absence(start, end)
        )
        if not self.current:
            back = self.calendar.next_working_day(end + dt.timedelta(days=1))
            self.timeline.add(back, 9, 30, "back from sick leave", self._end_acting)

    def _plan_quarter(self, days: QuarterDays) -> None:
        q, add_ = days.quarter, self.timeline.add
        add_(days.opens, 9, 0, f"HR opens Q{q}", lambda: self._open(q))
        add_(days.opens, 11, 0, f"HR enters Q{q} actual values", lambda: self._actuals(q))
        for index, (unit, day) in enumerate(days.staff_signed.items()):
            add_(day, 15, index * 5, f"Q{q} {unit} staff scored", partial(self._score, q, unit))
        add_(days.heads_signed, 15, 30, f"Q{q} heads' KPIs", lambda: self._kpi_sheets(q, False))
        add_(days.deputies_signed, 16, 0, f"Q{q} deputies' KPIs", lambda: self._kpi_sheets(q, True))
        for day in days.ack_days():
            add_(add(self.calendar, day, 1), 10, 0, f"Q{q} acknowledged", lambda: self._ack(q))
        if q == 1:  # the day after the last day to acknowledge (2 working days after signing)
            known = add(self.calendar, days.staff_signed["analytics"], 3)
            add_(known, 7, 0, "Q1 made known through the system", evaluations_familiarise_expired)
        add_(days.finalised, 8, 0, f"Q{q} results final", evaluations_finalize_expired)
        if q == 1:
            add_(days.finalised, 9, 0, "HR closes Q1", lambda: self._close(1))
            add_(days.finalised, 11, 0, "HR records a decision (p.8)", self._encourage)
            add_(days.finalised, 18, 0, "everyone reads", self._read_all)
        if q == 3:
            add_(days.finalised, 17, 0, "HR computes the annual results so far", self._annual)
            add_(days.finalised, 18, 0, "everyone reads", self._read_all)

    def _plan_q2_calibration(self) -> None:
        days, add_ = q2_calibration_days(self.calendar, self.year), self.timeline.add
        story = Q2_CALIBRATION
        add_(days.applied, 9, 30, "Q2 application", lambda: self._apply(2, story))
        add_(days.decided, 11, 0, "Q2 decision", lambda: self._decide(2, days.session, 15))
        add_(days.session, 15, 5, "Q2 presentation", lambda: self._present(2, story))
        for number, votes in enumerate(story.rounds, start=1):
            add_(
                days.session,
                15,
                20 + 15 * number,
                f"Q2 round {number}",
                partial(self._vote, 2, votes),
            )
        add_(days.session, 17, 0, "protocol signed", self._sign_protocol)
        posted = add(self.calendar, days.session, 1)
        add_(posted, 10, 0, "protocol posted", self._post_protocol)
        feedback = add(self.calendar, days.session, 2)
        add_(feedback, 16, 0, "feedback meeting", lambda: self._feedback(story, feedback))
        finalised = quarter_days(self.calendar, self.year, 2).finalised
        closing = add(self.calendar, max(feedback, finalised), 1)
        add_(closing, 9, 0, "HR closes Q2", lambda: self._close(2))
        add_(closing, 18, 0, "everyone reads", self._read_all)

    def _plan_q3_calibration(self) -> None:
        days, add_ = q3_calibration_days(self.calendar, self.year), self.timeline.add
        story = Q3_CALIBRATION
        add_(days.applied, 10, 0, "Q3 application", lambda: self._apply(3, story))
        add_(days.decided, 12, 0, "Q3 decision", lambda: self._decide(3, days.session, 10))
        add_(days.session, 10, 10, "Q3 presentation", lambda: self._present(3, story))
        add_(days.session, 10, 40, "Q3 round 1", lambda: self._vote(3, story.rounds[0]))

    def _plan_newcomer(self) -> None:
        wanted = self.today - dt.timedelta(weeks=NEWCOMER_WEEKS)
        # After 1 October: under 3 months remain in the year, so no KPIs (p.22).
        wanted = min(max(wanted, dt.date(self.year, 10, 2)), dt.date(self.year, 12, 1))
        day = self.calendar.next_working_day(wanted)
        self.timeline.add(day, 10, 0, "a deputy head is appointed", lambda: self._appoint(day))

    def _plan_q4_preparation(self) -> None:
        """From December: Q4 prepared, its actual values entered when due (p.22 ¶6)."""
        prepare = self.calendar.next_working_day(quarter_prepare_from(self.year, 4))
        due = actuals_due(self.rules, self.calendar, quarter_deadline(self.rules, self.year, 4))
        if prepare <= self.today:
            self.timeline.add(prepare, 9, 0, "HR prepares Q4", lambda: self._open(4))
        if due <= self.today:
            self.timeline.add(due, 11, 0, "HR enters Q4 actual values", lambda: self._actuals(4))

    def _plan_q4_opening(self) -> None:
        day = min(add(self.calendar, dt.date(self.year, 12, 31), 1), self.today)
        self.timeline.add(day, 9, 0, "HR opens Q4", lambda: self._open(4))


def load_history(structure: DemoStructure, today: dt.date, calendar: WorkCalendar) -> int:
    """Replay the demo year for `structure`; returns the year."""
    history = DemoHistory(structure, today, calendar)
    with transaction.atomic():
        history.run()
    return history.year


__all__ = ["DemoHistory", "demo_year", "load_history", "story_complete_on"]
