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
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from bagalau.calibration.models import Session
from bagalau.calibration.services import (
    calibration_apply,
    calibration_decide,
    feedback_record,
    protocol_post,
    protocol_sign,
    session_record_presentation,
    session_vote,
)
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.content import (
    HR_RETURN_COMMENT,
    JUSTIFICATIONS,
    KPIS,
    OVERALL,
    PATTERNS,
    PROFILES,
    Q2_CALIBRATION,
    Q3_CALIBRATION,
    RETURNED_KPI,
    RETURNED_PLAN,
    SESSION_PLACE,
    UNIT_KEYS,
    VAGUE_SOURCE,
    CalibrationStory,
    KpiSpec,
    VoteSpec,
)
from bagalau.demo.decisions import encourage_best
from bagalau.demo.paper import enter_paper_sheet
from bagalau.demo.structure import NEWCOMER, NEWCOMER_NAME, PASSWORD, DemoStructure
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    Period,
    PeriodKind,
    Schedule,
)
from bagalau.evaluations.services.annual import annual_results_compute
from bagalau.evaluations.services.familiarisation import (
    evaluation_acknowledge,
    evaluations_familiarise_expired,
    evaluations_finalize_expired,
)
from bagalau.evaluations.services.schedule import (
    period_close,
    period_open,
    schedule_approve,
    schedule_draft,
    schedule_submit,
)
from bagalau.evaluations.services.sheets import (
    differentiation_save,
    evaluation_sign,
    kpi_actuals_save,
    kpi_sheet_save,
)
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import actuals_due, quarter_bounds, quarter_deadline
from bagalau.methodology.sjc2023_periods import quarter_prepare_from
from bagalau.notifications.models import Notification
from bagalau.notifications.services import notifications_mark_all_read
from bagalau.org.models import AbsenceKind, Servant
from bagalau.org.services import (
    absence_create,
    assignment_set_managers,
    servant_appoint,
    servant_create,
)
from bagalau.plans.models import WorkPlan
from bagalau.plans.services import (
    KpiData,
    kpi_add,
    kpi_update,
    plan_approve,
    plan_hr_agree,
    plan_hr_return,
    plan_post,
    plan_send_to_hr,
    plan_submit,
    plans_initiate,
)
from bagalau.workcalendar import WorkCalendar

#: The weeks between the newcomer's appointment and the demo date.
NEWCOMER_WEEKS = 3
#: The absent manager is back this many days after the demo date.
BACK_IN_DAYS = 4


# --- the calendar of the story (pure: no database) -----------------------------------------------


@dataclass(frozen=True)
class QuarterDays:
    """When each step of a quarter's evaluation happens."""

    quarter: int
    opens: dt.date
    staff_signed: dict[str, dt.date]  # by department: the head signs the staff's sheets
    heads_signed: dt.date  # the deputies sign the department heads' KPI sheets
    deputies_signed: dt.date  # the head of the apparatus signs the deputies' KPI sheets
    finalised: dt.date  # every calibration window has passed

    def ack_days(self) -> list[dt.date]:
        """The days the servants acknowledge: the working day after each signature."""
        days = {*self.staff_signed.values(), self.heads_signed, self.deputies_signed}
        return sorted(days)


@dataclass(frozen=True)
class CalibrationDays:
    """When the servant applies, the head decides and the session is held."""

    applied: dt.date
    decided: dt.date
    session: dt.date


def add(calendar: WorkCalendar, day: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `day`."""
    return calendar.add_working_days(day, days)


def quarter_days(calendar: WorkCalendar, year: int, quarter: int) -> QuarterDays:
    """The evaluation of a quarter: opened the first working day after it ends, sheets signed in
    the next four working days (before the 10th), acknowledged the day after signing, final the
    working day after the last 5-working-day calibration window."""
    _start, end = quarter_bounds(year, quarter)
    opens = add(calendar, end, 1)
    staff = {key: add(calendar, opens, 1 + index % 3) for index, key in enumerate(UNIT_KEYS)}
    heads, deputies = add(calendar, opens, 3), add(calendar, opens, 4)
    last_ack = add(calendar, max(*staff.values(), heads, deputies), 1)
    return QuarterDays(quarter, opens, staff, heads, deputies, add(calendar, last_ack, 6))


def calibration_days(
    calendar: WorkCalendar, days: QuarterDays, unit: str, *, apply_after: int, session_after: int
) -> CalibrationDays:
    """A calibration of a staff sheet of `unit`: acknowledged the day after signing, applied
    `apply_after` working days later (≤ 5), decided 2 working days after the application (≤ 3),
    the session `session_after` working days after the application (≤ 10)."""
    acknowledged = add(calendar, days.staff_signed[unit], 1)
    applied = add(calendar, acknowledged, apply_after)
    return CalibrationDays(
        applied, add(calendar, applied, 2), add(calendar, applied, session_after)
    )


def q2_calibration_days(calendar: WorkCalendar, year: int) -> CalibrationDays:
    """The completed calibration (Q2, selection department)."""
    days = quarter_days(calendar, year, 2)
    return calibration_days(calendar, days, "selection", apply_after=2, session_after=6)


def q3_calibration_days(calendar: WorkCalendar, year: int) -> CalibrationDays:
    """The calibration in progress (Q3, the "servant" of the legal department)."""
    days = quarter_days(calendar, year, 3)
    return calibration_days(calendar, days, "legal", apply_after=4, session_after=8)


def story_complete_on(calendar: WorkCalendar, year: int) -> dt.date:
    """The last day of the year's Q1-Q3 story (the Q3 session or the Q3 results becoming final)."""
    q3 = quarter_days(calendar, year, 3)
    return max(q3.finalised, q3_calibration_days(calendar, year).session)


def demo_year(today: dt.date, calendar: WorkCalendar | None = None) -> int:
    """The year the demo shows: this year once its Q1-Q3 story is over by `today` (from about
    23 October), else last year."""
    calendar = calendar or WorkCalendar()
    if today > story_complete_on(calendar, today.year):
        return today.year
    return today.year - 1


# --- the timeline ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One thing someone did, at a moment."""

    at: dt.datetime
    sequence: int
    label: str
    run: Callable[[], object] = field(compare=False)


class Timeline:
    """Steps collected in any order, run in the order of their moments."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(
        self, day: dt.date, hour: int, minute: int, label: str, run: Callable[[], object]
    ) -> None:
        """Plan `run` for `day` at hour:minute (same moment: in the order added)."""
        self.steps.append(Step(moment_of(day, hour, minute), len(self.steps), label, run))

    def ordered(self) -> list[Step]:
        """The steps by moment."""
        return sorted(self.steps, key=lambda step: (step.at, step.sequence))

    def run(self, until: dt.date) -> None:
        """Run every step, each with the clock at its moment; none may lie after `until`."""
        for step in self.ordered():
            assert step.at.date() <= until, f"{step.label} would happen after {until}"
            with clock_at(step.at):
                step.run()


# --- the history ---------------------------------------------------------------------------------


def _plan_key_of(structure: DemoStructure) -> dict[int, str]:
    """Servant id -> key of the KPIS entry of the manager's plan."""
    keys = {structure.deputies[0].pk: "deputy1", structure.deputies[1].pk: "deputy2"}
    keys.update({servant.pk: key for key, servant in structure.unit_heads.items()})
    return keys


def _profiles_of(structure: DemoStructure) -> dict[int, tuple[str, str, str]]:
    """Servant id -> Q1-Q3 differentiation patterns."""
    profiles: dict[int, tuple[str, str, str]] = {}
    for key, members in structure.staff.items():
        for servant, profile in zip(members, PROFILES[key], strict=True):
            profiles[servant.pk] = profile
    hr = [structure.hr_head, structure.hr_staff]
    profiles.update(
        {servant.pk: profile for servant, profile in zip(hr, PROFILES["hr"], strict=True)}
    )
    return profiles


def _unit_key_of(structure: DemoStructure) -> dict[int, str]:
    """Staff servant id -> department key (the HR sector signs with the administrative one)."""
    keys = {s.pk: key for key, members in structure.staff.items() for s in members}
    keys[structure.hr_head.pk] = keys[structure.hr_staff.pk] = "admin"
    return keys


def rotate(scores: tuple[int, int, int, int], by: int) -> tuple[int, ...]:
    """The same four scores on other parameters, so equal means read differently."""
    by %= len(scores)
    return scores[by:] + scores[:by]


class DemoHistory:
    """Plans and runs the demo year for the apparatus of `structure`, as of `today`."""

    def __init__(self, structure: DemoStructure, today: dt.date, calendar: WorkCalendar) -> None:
        self.s = structure
        self.organisation = structure.organisation
        self.today = today
        self.calendar = calendar
        self.year = demo_year(today, calendar)
        self.rules = sjc2023_rules(get_edition("sjc-2023"))
        self.current = today.year == self.year  # False: last year's story, Q4 over
        self.timeline = Timeline()
        self.plan_key = _plan_key_of(structure)
        self.profiles = _profiles_of(structure)
        self.unit_key = _unit_key_of(structure)
        self.silent = structure.staff["analytics"][1]  # does not acknowledge Q1
        self.q2_applicant = structure.staff["selection"][2]
        self.q3_applicant = structure.staff["legal"][0]
        self.on_paper = structure.staff["international"][0]  # Q1 held on paper (p.3, p.29)
        self.absent = structure.unit_heads["analytics"]
        self.acting = structure.deputies[1]
        self.participants = {
            2: [
                structure.unit_heads["org"],
                structure.unit_heads["international"],
                structure.unit_heads["admin"],
                structure.hr_head,
            ],
            3: [
                structure.unit_heads["selection"],
                structure.unit_heads["international"],
                structure.unit_heads["org"],  # the "participant" login, who has not voted
            ],
        }

    # --- people and rows ---------------------------------------------------------------------

    @property
    def hr(self) -> User:
        return self._user(self.s.hr_staff)

    @property
    def hr_head(self) -> User:
        return self._user(self.s.hr_head)

    @property
    def head(self) -> User:
        return self._user(self.s.head)

    @staticmethod
    def _user(servant: Servant) -> User:
        user = Servant.objects.select_related("user").get(pk=servant.pk).user
        assert user is not None
        return user

    def schedule(self) -> Schedule:
        return Schedule.objects.get(organisation=self.organisation, year=self.year)

    def period(self, quarter: int) -> Period:
        return Period.objects.get(schedule=self.schedule(), kind=PeriodKind.QUARTER, number=quarter)

    def evaluations(self, quarter: int) -> list[Evaluation]:
        return list(
            Evaluation.objects.filter(period=self.period(quarter))
            .select_related("servant", "evaluator__user", "period")
            .order_by("pk")
        )

    def evaluation_of(self, servant: Servant, quarter: int) -> Evaluation:
        return Evaluation.objects.get(period=self.period(quarter), servant=servant)

    def plan_of(self, servant: Servant) -> WorkPlan:
        return WorkPlan.objects.select_related("evaluator__user", "approver__user").get(
            servant=servant, year=self.year
        )

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

    # --- January -----------------------------------------------------------------------------

    def _draft_schedule(self) -> None:
        schedule = schedule_draft(actor=self.hr, organisation=self.organisation, year=self.year)
        schedule_submit(actor=self.hr, schedule_id=schedule.pk)

    def _approve_schedule(self) -> None:
        schedule_approve(actor=self.head, schedule_id=self.schedule().pk)

    def _initiate_plans(self) -> None:
        report = plans_initiate(actor=self.hr, organisation=self.organisation, year=self.year)
        assert not report.skipped, report.skipped

    def _managers(self) -> list[Servant]:
        return [*self.s.deputies, *self.s.unit_heads.values()]

    def _kpi_data(self, spec: KpiSpec, source: str | None = None) -> KpiData:
        plans: dict[str, Any] = {
            f"plan_q{q}": None if v is None else Decimal(v) for q, v in enumerate(spec.plan, 1)
        }
        return KpiData(
            name=spec.name,
            source=(source or spec.source).format(year=self.year),
            unit=spec.unit,
            direction=spec.direction,
            deadline=dt.date(self.year, *spec.deadline),
            key_result=spec.key_result.format(year=self.year),
            **plans,
        )

    def _draft_kpis(self) -> None:
        for manager in self._managers():
            key = self.plan_key[manager.pk]
            plan = self.plan_of(manager)
            actor = self._user(plan.evaluator)
            for number, spec in enumerate(KPIS[key], start=1):
                vague = key == RETURNED_PLAN and number == RETURNED_KPI
                plan.refresh_from_db()
                kpi_add(
                    actor=actor,
                    plan_id=plan.pk,
                    version=plan.version,
                    data=self._kpi_data(spec, VAGUE_SOURCE if vague else None),
                )

    def _each_plan(self, action: Callable[[WorkPlan], object]) -> None:
        for manager in self._managers():
            action(self.plan_of(manager))

    def _send_plans(self) -> None:
        self._each_plan(
            lambda p: plan_send_to_hr(
                actor=self._user(p.evaluator), plan_id=p.pk, version=p.version
            )
        )

    def _return_plan(self) -> None:
        plan = self.plan_of(self.s.unit_heads[RETURNED_PLAN])
        plan_hr_return(
            actor=self.hr, plan_id=plan.pk, version=plan.version, comment=HR_RETURN_COMMENT
        )

    def _correct_plan(self) -> None:
        plan = self.plan_of(self.s.unit_heads[RETURNED_PLAN])
        kpi = plan.kpis.get(number=RETURNED_KPI)
        spec = KPIS[RETURNED_PLAN][RETURNED_KPI - 1]
        actor = self._user(plan.evaluator)
        kpi_update(
            actor=actor,
            plan_id=plan.pk,
            kpi_id=kpi.pk,
            version=plan.version,
            data=self._kpi_data(spec),
        )
        plan.refresh_from_db()
        plan_send_to_hr(actor=actor, plan_id=plan.pk, version=plan.version)

    def _agree_plans(self) -> None:
        self._each_plan(lambda p: plan_hr_agree(actor=self.hr, plan_id=p.pk, version=p.version))

    def _submit_plans(self) -> None:
        self._each_plan(
            lambda p: plan_submit(actor=self._user(p.evaluator), plan_id=p.pk, version=p.version)
        )

    def _approve_plans(self) -> None:
        self._each_plan(
            lambda p: plan_approve(actor=self._user(p.approver), plan_id=p.pk, version=p.version)
        )

    def _post_plans(self) -> None:
        self._each_plan(lambda p: plan_post(actor=self.hr, plan_id=p.pk, version=p.version))

    # --- the absent manager ------------------------------------------------------------------

    def _record_absence(self, start: dt.date, end: dt.date) -> None:
        absence_create(
            actor=self.hr,
            servant_id=self.absent.pk,
            kind=AbsenceKind.SICK_LEAVE,
            start=start,
            end=end,
            note="Еңбекке уақытша жарамсыздық парағы",
        )
        # The curating deputy acts as the department's head meanwhile (order of the head).
        for member in self.s.staff["analytics"]:
            assignment_set_managers(
                actor=self.hr,
                assignment_id=member.assignments.get().pk,
                direct_manager_id=self.acting.pk,
                reason="Аппарат басшысының бұйрығы: бөлім басшысы жоқта орынбасар атқарады",
            )

    def _end_acting(self) -> None:
        for member in self.s.staff["analytics"]:
            assignment_set_managers(actor=self.hr, assignment_id=member.assignments.get().pk)

    # --- a quarter -----------------------------------------------------------------------------

    def _open(self, quarter: int) -> None:
        period_open(actor=self.hr, period_id=self.period(quarter).pk)

    def _actuals(self, quarter: int) -> None:
        for evaluation in self.evaluations(quarter):
            if evaluation.method != Method.KPI or evaluation.status not in (
                EvaluationStatus.PENDING,
                EvaluationStatus.DEFERRED,
            ):
                continue
            specs = KPIS[self.plan_key[evaluation.servant_id]]
            values: dict[int, object] = {}
            for row in KpiResult.objects.filter(evaluation=evaluation).select_related("kpi"):
                values[row.pk] = specs[row.kpi.number - 1].actual_in(quarter)
            kpi_actuals_save(
                actor=self.hr,
                evaluation_id=evaluation.pk,
                version=evaluation.version,
                values=values,
            )

    def _score(self, quarter: int, unit: str) -> None:
        """The head of `unit` (or who acts for him) scores and signs the staff's sheets."""
        codes = [p.code for p in self.rules.differentiation.parameters]
        for evaluation in self.evaluations(quarter):
            if (
                evaluation.method != Method.DIFFERENTIATION
                or self.unit_key.get(evaluation.servant_id) != unit
                or evaluation.status != EvaluationStatus.PENDING
            ):
                continue
            pattern = self.profiles[evaluation.servant_id][quarter - 1]
            scores = dict(zip(codes, rotate(PATTERNS[pattern], evaluation.servant_id), strict=True))
            actor = evaluation.evaluator.user if evaluation.evaluator else None
            assert actor is not None
            reasons = {code: JUSTIFICATIONS[code][score] for code, score in scores.items()}
            if quarter == 1 and evaluation.servant_id == self.on_paper.pk:
                enter_paper_sheet(
                    actor=self.hr_head,
                    evaluation=evaluation,
                    scores=scores,
                    justifications=reasons,
                    justification=OVERALL[pattern[0]],
                )
                continue
            saved = differentiation_save(
                actor=actor,
                evaluation_id=evaluation.pk,
                version=evaluation.version,
                scores=scores,
                justifications=reasons,
                justification=OVERALL[pattern[0]],
            )
            evaluation_sign(actor=actor, evaluation_id=saved.pk, version=saved.version)

    def _kpi_sheets(self, quarter: int, of_deputies: bool) -> None:
        """The deputies score and sign the department heads' KPI sheets, the head of the
        apparatus the deputies' ones; a deferred sheet waits for the servant's return."""
        deputies = {d.pk for d in self.s.deputies}
        for evaluation in self.evaluations(quarter):
            if evaluation.method != Method.KPI or evaluation.status != EvaluationStatus.PENDING:
                continue
            if (evaluation.servant_id in deputies) != of_deputies:
                continue
            specs = KPIS[self.plan_key[evaluation.servant_id]]
            scores: dict[int, object] = {}
            for row in KpiResult.objects.filter(evaluation=evaluation).select_related("kpi"):
                choice = specs[row.kpi.number - 1].choice.get(quarter)
                if choice == "max":
                    scores[row.pk] = row.allowed_max
                elif choice == "min":
                    scores[row.pk] = row.allowed_min
            actor = evaluation.evaluator.user if evaluation.evaluator else None
            assert actor is not None
            saved = kpi_sheet_save(
                actor=actor,
                evaluation_id=evaluation.pk,
                version=evaluation.version,
                scores=scores,
                feedback=(
                    "Тоқсан жоспары негізінен орындалды. Келесі тоқсанда кешіккен "
                    "көрсеткіштерге апта сайынғы бақылау енгізіңіз."
                ),
            )
            evaluation_sign(actor=actor, evaluation_id=saved.pk, version=saved.version)

    def _ack(self, quarter: int) -> None:
        """Servants acknowledge what was signed before today (one does not, in Q1)."""
        for evaluation in self.evaluations(quarter):
            if evaluation.status != EvaluationStatus.SIGNED:
                continue
            if quarter == 1 and evaluation.servant_id == self.silent.pk:
                continue
            evaluation_acknowledge(
                actor=self._user(evaluation.servant), evaluation_id=evaluation.pk
            )

    def _annual(self) -> None:
        annual = Period.objects.get(schedule=self.schedule(), kind=PeriodKind.ANNUAL)
        annual_results_compute(actor=self.hr, period_id=annual.pk)

    def _encourage(self) -> None:
        encourage_best(actor=self.hr, organisation=self.organisation, results=self.evaluations(1))

    def _close(self, quarter: int) -> None:
        period_close(actor=self.hr, period_id=self.period(quarter).pk)

    def _read_all(self) -> None:
        """Everyone has read their notifications by the evening (the demo shows recent ones)."""
        for user in User.objects.filter(
            pk__in=Notification.objects.filter(read_at__isnull=True).values("recipient")
        ):
            notifications_mark_all_read(user=user)

    # --- calibration -------------------------------------------------------------------------

    def _applicant(self, quarter: int) -> Servant:
        return self.q2_applicant if quarter == 2 else self.q3_applicant

    def _session(self, quarter: int) -> Session:
        evaluation = self.evaluation_of(self._applicant(quarter), quarter)
        return Session.objects.get(application__evaluation=evaluation)

    def _apply(self, quarter: int, story: CalibrationStory) -> None:
        servant = self._applicant(quarter)
        calibration_apply(
            actor=self._user(servant),
            evaluation_id=self.evaluation_of(servant, quarter).pk,
            text=story.application,
        )

    def _decide(self, quarter: int, session_day: dt.date, hour: int) -> None:
        evaluation = self.evaluation_of(self._applicant(quarter), quarter)
        calibration_decide(
            actor=self.head,
            application_id=evaluation.calibration_application.pk,
            participants=[self._user(p).pk for p in self.participants[quarter]],
            scheduled_for=moment_of(session_day, hour),
            place=SESSION_PLACE,
        )

    def _present(self, quarter: int, story: CalibrationStory) -> None:
        session = self._session(quarter)
        evaluator = session.application.evaluation.evaluator
        assert evaluator is not None
        session_record_presentation(
            actor=self._user(evaluator), session_id=session.pk, text=story.presentation
        )

    def _vote(self, quarter: int, votes: list[VoteSpec]) -> None:
        session = self._session(quarter)
        for participant, vote in zip(self.participants[quarter], votes, strict=False):
            session_vote(
                actor=self._user(participant),
                session_id=session.pk,
                choice=vote.choice,
                score=vote.score,
                argument=vote.argument,
            )

    def _sign_protocol(self) -> None:
        protocol_sign(actor=self.hr_head, session_id=self._session(2).pk)

    def _post_protocol(self) -> None:
        protocol_post(actor=self.hr, session_id=self._session(2).pk)

    def _feedback(self, story: CalibrationStory, day: dt.date) -> None:
        session = self._session(2)
        evaluator = session.application.evaluation.evaluator
        assert evaluator is not None
        achievements, skills, potential = story.feedback
        feedback_record(
            actor=self._user(evaluator),
            session_id=session.pk,
            held_on=day,
            achievements=achievements,
            skills=skills,
            potential=potential,
            sector_head=self.hr_head,  # took part (p.19(3): "қажет болған жағдайда")
        )

    # --- the newcomer --------------------------------------------------------------------------

    def _appoint(self, day: dt.date) -> None:
        last_name, first_name = NEWCOMER_NAME
        count = Servant.objects.filter(organisation=self.organisation).count()
        newcomer = servant_create(
            actor=self.hr,
            organisation=self.organisation,
            last_name=last_name,
            first_name=first_name,
            personnel_number=f"{count + 1:04d}",
            username=NEWCOMER,
            password=PASSWORD,
        )
        servant_appoint(
            actor=self.hr,
            servant_id=newcomer.pk,
            position_id=self.s.vacant_deputy_post.pk,
            start=day,
        )
        # HR opens the plans of newcomers: under 3 months left, none is due (p.22).
        report = plans_initiate(actor=self.hr, organisation=self.organisation, year=self.year)
        assert [item.assignment.servant_id for item in report.skipped] == [newcomer.pk]


def load_history(structure: DemoStructure, today: dt.date, calendar: WorkCalendar) -> int:
    """Replay the demo year for `structure`; returns the year."""
    history = DemoHistory(structure, today, calendar)
    with transaction.atomic():
        history.run()
    return history.year
