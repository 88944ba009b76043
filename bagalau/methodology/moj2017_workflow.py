"""The moj-2017 workflow (seed 001, EDITIONS.md §5, §8, §9 M-1…M-22): deadlines and warnings, the
quarter sheet from App. 2 items and dated breaches, the work-plan rules, and the consequences.

Deadlines are computed, shown and reported, never enforced (G-1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil

from bagalau.methodology.bands import Band
from bagalau.methodology.decisions import consecutive_run
from bagalau.methodology.errors import N_, MethodologyError, check_choice
from bagalau.methodology.explain import note
from bagalau.methodology.moj2017 import (
    BonusActivity,
    Moj2017Rules,
    check_indicator_count,
    quarter_mean_points,
    quarter_result,
)
from bagalau.methodology.numbers import to_fraction
from bagalau.methodology.timing import (
    WorkflowWarning,
    calendar_days_after,
    check_quarter,
    months_after,
    quarter_bounds,
    working_days_after,
    working_days_due,
)
from bagalau.workcalendar import WorkCalendar

# --- deadlines (p.3, p.10-11, p.14, p.32, p.36, p.38-39, p.43; EDITIONS.md §13) ------------------


def _day(year: int, month_day: tuple[int, int]) -> dt.date:
    return dt.date(year, *month_day)


def plan_due(
    rules: Moj2017Rules, calendar: WorkCalendar, year: int, appointed: dt.date | None = None
) -> dt.date:
    """The work plan "бағаланатын жылдың оныншы қаңтарынан кешіктірмей" (by 10 January, p.10);
    for a servant appointed after that day, within 10 working days of the appointment: the 10th
    working day after it (p.11)."""
    by = _day(year, rules.deadlines.plan)
    if appointed is None or appointed <= by:
        note("deadline.fixed", "year", due=by, cite="B1")
        return by
    return working_days_due(
        calendar, appointed, rules.deadlines.plan_after_appointment, "appointed", cite="B2"
    )


def quarter_due(rules: Moj2017Rules, year: int, quarter: int) -> dt.date:
    """The quarterly evaluation "есептік тоқсаннан кейінгі айдың онынан кешіктірмей": the 10th of
    the month after the quarter, the fourth quarter by 10 December (p.3). It is the deadline of
    the direct manager's agreed sheet; the commission meets afterwards (M-5)."""
    check_quarter(quarter)
    if quarter == 4:
        due = _day(year, rules.deadlines.fourth_quarter)
    else:
        due = dt.date(year, 3 * quarter + 1, rules.deadlines.quarter_day)
    note("deadline.fixed", "quarter", due=due, cite="D5")
    return due


def annual_due(rules: Moj2017Rules, year: int) -> dt.date:
    """The annual evaluation "бағаланып жатқан жылдың жиырма бесінші желтоқсанынан кешіктірмей"
    (p.3): the commission session itself, since p.32 puts HR's computation before the session
    and the session approves the annual result (M-5)."""
    due = _day(year, rules.deadlines.annual_session_by)
    note("deadline.fixed", "year", due=due, cite="E5")
    return due


def notice_due(rules: Moj2017Rules, evaluation: dt.date) -> dt.date:
    """The servant and the evaluators are told, and sent the sheets, "бағалау басталмастан
    күнтізбелік он күн бұрын" (10 calendar days before the evaluation, p.14)."""
    days = -rules.deadlines.notice_calendar_days
    due = calendar_days_after(evaluation, days, "evaluation")
    note("deadline.calendar_days", "evaluation", start=evaluation, days=days, due=due, cite="C2")
    return due


def annual_computation_due(
    rules: Moj2017Rules, calendar: WorkCalendar, session: dt.date
) -> dt.date:
    """HR computes the annual score "комиссия отырысына дейін бес жұмыс күнінен кешіктірмей":
    by the 5th working day before the session (p.32)."""
    days = -rules.deadlines.annual_computation_before
    return working_days_due(calendar, session, days, "session", cite="E4")


def familiarisation_due(rules: Moj2017Rules, calendar: WorkCalendar, ended: dt.date) -> dt.date:
    """The servant is shown the result within 2 working days after the evaluation ends (p.36),
    counted from the commission's session: there is no further approval in 001 (M-17)."""
    return working_days_due(calendar, ended, rules.deadlines.familiarisation, "ended", cite="D8")


def appeal_due(rules: Moj2017Rules, calendar: WorkCalendar, decision: dt.date) -> dt.date:
    """The servant appeals the commission's decision within 10 working days of it (p.38)."""
    return working_days_due(calendar, decision, rules.deadlines.appeal, "decision", cite="F1")


def agency_report_due(rules: Moj2017Rules, recorded: dt.date) -> dt.date:
    """The body informs the agency of the decision taken "екі апта ішінде" (p.39): 14 calendar
    days from the day HR records the agency's communication about the appeal, or HR's own
    decision on it (M-12)."""
    return calendar_days_after(recorded, rules.deadlines.agency_report_calendar_days, "recorded")


def training_due(rules: Moj2017Rules, approved: dt.date) -> dt.date:
    """Training in the area found unsatisfactory "жылдық бағалаудың нәтижелерін бекіткеннен кейін
    үш ай ішінде": 3 months after the commission approves the annual results (p.43), the same day
    of the month or its last day (30 November -> 28/29 February)."""
    return months_after(approved, rules.deadlines.training_months)


def deadlines(
    rules: Moj2017Rules,
    calendar: WorkCalendar,
    year: int,
    quarter: int | None = None,
    dates: Mapping[str, dt.date] | None = None,
) -> dict[str, dt.date]:
    """The calculator's ``deadlines`` (EDITIONS.md §13): ``plan_due`` and ``annual_due`` of the
    year, ``quarter_due`` for a quarter, and for each date given (``appointed``, ``evaluation``,
    ``session``, ``ended``, ``decision``) its due date."""
    given = dict(dates or {})
    result = {
        "plan_due": plan_due(rules, calendar, year, given.get("appointed")),
        "annual_due": annual_due(rules, year),
    }
    if quarter is not None:
        result["quarter_due"] = quarter_due(rules, year, quarter)
    if "evaluation" in given:
        result["notice_due"] = notice_due(rules, given["evaluation"])
    if "session" in given:
        result["annual_computation_due"] = annual_computation_due(rules, calendar, given["session"])
    if "ended" in given:
        result["familiarisation_due"] = familiarisation_due(rules, calendar, given["ended"])
    if "decision" in given:
        result["appeal_due"] = appeal_due(rules, calendar, given["decision"])
    return result


def quarter_session_warning(
    rules: Moj2017Rules, calendar: WorkCalendar, year: int, quarter: int, session: dt.date
) -> WorkflowWarning | None:
    """A warning (never a refusal) when a quarter's commission session is more than 10 working
    days after the quarter's deadline (M-5: the 10th binds the direct manager's sheet; the
    commission meets afterwards, per schedule)."""
    deadline = quarter_due(rules, year, quarter)
    latest = working_days_after(
        calendar, deadline, rules.deadlines.session_warning_after, "session"
    )
    if session <= latest:
        return None
    return WorkflowWarning(
        "quarter_session_late",
        N_(
            "the session on %(date)s is more than %(days)s working days after the quarter's "
            "deadline of %(deadline)s"
        ),
        {
            "date": session.isoformat(),
            "days": rules.deadlines.session_warning_after,
            "deadline": deadline.isoformat(),
        },
    )


# --- the quarter sheet (p.15-27, App. 2-3; M-1, M-4, M-7, M-8, M-20, M-22) -----------------------


def quarter_window(
    rules: Moj2017Rules, year: int, quarter: int, q4_cutoff: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The days whose activities and breaches count in a quarter. The fourth quarter is evaluated
    by 10 December, before it ends (p.3), so it counts from 1 October to a cut-off: by default
    30 November, or the cut-off the year's schedule sets, between 1 October and 10 December
    (M-4). Events after the cut-off are not counted; the text offers no way to carry them
    forward."""
    start, end = quarter_bounds(year, quarter)
    if quarter < 4:
        return start, end
    cutoff = _day(year, rules.deadlines.q4_cutoff) if q4_cutoff is None else q4_cutoff
    if not start <= cutoff <= quarter_due(rules, year, 4):
        raise MethodologyError(
            "q4_cutoff",
            N_("the fourth quarter's cut-off lies between %(start)s and %(end)s"),
            start=start.isoformat(),
            end=quarter_due(rules, year, 4).isoformat(),
        )
    return start, cutoff


@dataclass(frozen=True, slots=True)
class BonusEntry:
    """One documented encouraged activity: its App. 2 item code and its date (M-7: per
    instance)."""

    code: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class BreachEntry:
    """One dated breach of executive or labour discipline (p.20-22; M-22: one record per
    fact)."""

    kind: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class QuarterSheet:
    """The quarter's evaluation sheet computed from its entries (App. 3; p.26-27)."""

    activities: tuple[BonusActivity, ...]
    bonus_points: int
    breaches: int
    penalty_points: int
    score: int
    rating: Band


def _in_window(day: dt.date, window: tuple[dt.date, dt.date], field: str) -> None:
    start, end = window
    if not start <= day <= end:
        raise MethodologyError(
            field,
            N_("%(date)s is outside the days this quarter counts (%(start)s to %(end)s)"),
            date=day.isoformat(),
            start=start.isoformat(),
            end=end.isoformat(),
        )


def quarter_sheet(
    rules: Moj2017Rules,
    *,
    catalogue: str,
    year: int,
    quarter: int,
    items: Sequence[BonusEntry],
    breaches: Sequence[BreachEntry],
    q4_cutoff: dt.date | None = None,
) -> QuarterSheet:
    """A quarter's score from App. 2 item codes and dated breaches: q = 100 + a − b (p.26), where
    a is the points the catalogue gives each documented activity, never typed (p.18 "бекітілген
    балдар шкаласына сәйкес", M-8), and b = 2 per breach (p.22; M-1, M-22).

    `catalogue` is the organisation's App. 2 catalogue, which has no default (M-20); an item of
    the other catalogue is refused. Entries outside the quarter (the fourth: after its cut-off,
    M-4) are refused with their field named.
    """
    codes = [c.code for c in rules.catalogues]
    if catalogue not in codes:
        raise MethodologyError(
            "catalogue",
            N_(
                "the organisation's App. 2 catalogue is one of %(codes)s; it has no default "
                "and must be chosen"
            ),
            codes=", ".join(codes),
        )
    chosen = {a.code: a for a in rules.catalogue(catalogue).activities}
    other = {a.code: c.code for c in rules.catalogues if c.code != catalogue for a in c.activities}
    window = quarter_window(rules, year, quarter, q4_cutoff)
    activities = []
    for index, item in enumerate(items):
        field = f"items[{index}]"
        if item.code in other:
            raise MethodologyError(
                f"{field}.code",
                N_(
                    "%(code)s is an item of the %(other)s catalogue of App. 2; this organisation "
                    "uses the %(catalogue)s catalogue"
                ),
                code=item.code,
                other=other[item.code],
                catalogue=catalogue,
            )
        if item.code not in chosen:
            raise MethodologyError(
                f"{field}.code",
                N_("%(code)s is not an item of the %(catalogue)s catalogue of App. 2"),
                code=item.code,
                catalogue=catalogue,
            )
        _in_window(item.day, window, f"{field}.date")
        activities.append(chosen[item.code])
    kinds = [code for code, _ in rules.breaches]
    for index, breach in enumerate(breaches):
        check_choice(f"breaches[{index}].kind", breach.kind, kinds)
        _in_window(breach.day, window, f"breaches[{index}].date")
    result = quarter_result(rules, [a.points for a in activities], len(breaches))
    return QuarterSheet(
        activities=tuple(activities),
        bonus_points=sum(a.points for a in activities),
        breaches=len(breaches),
        penalty_points=rules.penalty_per_breach * len(breaches),
        score=result.score,
        rating=result.rating,
    )


# --- the work plan (p.12, App. 1; M-3) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanIndicator:
    """A target indicator of the App. 1 work plan with its expected result and the "өлшемді"
    (measurable) flag of M-3."""

    name: str
    expected_result: str
    measurable: bool


def check_plan(rules: Moj2017Rules, indicators: Sequence[PlanIndicator]) -> None:
    """The work plan's rules: from 1 to 4 target indicators (p.12), each with its expected result
    (App. 1 column "Күтілетін нәтижелер"), and "олардың жартысы өлшемді болуға тиіс" (App. 1
    note): at least ceil(n/2) of them measurable (M-3)."""
    check_indicator_count(rules, len(indicators))
    for index, indicator in enumerate(indicators):
        if not indicator.name.strip():
            raise MethodologyError(f"indicators[{index}].name", N_("name the target indicator"))
        if not indicator.expected_result.strip():
            raise MethodologyError(
                f"indicators[{index}].expected_result",
                N_("every target indicator has its expected result (App. 1)"),
            )
    needed = ceil(rules.plan_measurable_share * len(indicators))
    measurable = sum(1 for i in indicators if i.measurable)
    if measurable < needed:
        raise MethodologyError(
            "indicators",
            N_(
                "at least %(needed)s of the %(count)s target indicators must be measurable "
                "(App. 1: half of them), but %(measurable)s are"
            ),
            needed=needed,
            count=len(indicators),
            measurable=measurable,
        )


# --- consequences (p.41-46; EDITIONS.md §8, §13; M-9, M-10, M-11) -------------------------------


@dataclass(frozen=True, slots=True)
class Consequences:
    """What the year decided grounds (EDITIONS.md §13 ``consequences``); never automatic."""

    bonus: bool
    mentor_allowed: bool
    training: bool
    demotion_grounds: bool


def _check_rating(rules: Moj2017Rules, rating: str, field: str) -> None:
    check_choice(field, rating, [band.code for band in rules.annual_rating.bands])


def bonus_eligible(rules: Moj2017Rules, rating: str) -> bool:
    """A bonus is paid for "өте жақсы" and "тиімді" results (p.42); flagged on every approved
    quarterly and annual result so rated (M-9: the text does not say which)."""
    _check_rating(rules, rating, "rating")
    return rating in rules.consequences.bonus


def mentor_allowed(rules: Moj2017Rules, latest: str) -> bool:
    """A servant rated "қанағаттанғысыз" is not appointed mentor to persons newly admitted to an
    administrative post (p.44), while the latest approved result, quarterly or annual, is
    unsatisfactory (M-11)."""
    _check_rating(rules, latest, "rating")
    return latest not in rules.consequences.mentor_ban


def consequences(rules: Moj2017Rules, annual: Sequence[str]) -> Consequences:
    """The grounds the annual result of the last of consecutive years gives (oldest first):
    a bonus for effective or excellent (p.42); training within 3 months and no mentoring for
    unsatisfactory (p.43-44); two consecutive unsatisfactory years ground a demotion decision,
    or dismissal when no lower post is vacant, never automatic (p.45)."""
    if not annual:
        raise MethodologyError(
            "annual", N_("give the annual ratings of consecutive years, the decided one last")
        )
    for index, rating in enumerate(annual):
        _check_rating(rules, rating, f"annual[{index}]")
    rule = rules.consequences
    last = annual[-1]
    run = annual[-rule.demotion_years :]
    result = Consequences(
        bonus=last in rule.bonus,
        mentor_allowed=last not in rule.mentor_ban,
        training=last in rule.training,
        demotion_grounds=len(run) == rule.demotion_years
        and all(r == rule.demotion_rating for r in run),
    )
    labels = {band.code: band.label for band in rules.annual_rating.bands}
    names = [labels[code] for code in annual]
    note(
        "consequences.bonus." + ("yes" if result.bonus else "no"),
        f"annual[{len(annual) - 1}]",
        rating=labels[last],
        ratings=[labels[code] for code in rule.bonus],
        bonus=result.bonus,
        cite="G1",
    )
    note(
        "consequences.training." + ("yes" if result.training else "no"),
        f"annual[{len(annual) - 1}]",
        rating=labels[last],
        training=result.training,
        cite="G1",
    )
    note(
        "consequences.mentor." + ("yes" if result.mentor_allowed else "no"),
        f"annual[{len(annual) - 1}]",
        rating=labels[last],
        mentor_allowed=result.mentor_allowed,
        cite="G1",
    )
    note(
        "consequences.demotion." + ("yes" if result.demotion_grounds else "no"),
        "annual",
        ratings=names,
        years=rule.demotion_years,
        demotion_rating=labels[rule.demotion_rating],
        demotion_grounds=result.demotion_grounds,
        cite="G1",
    )
    return result


def demotion_alert(rules: Moj2017Rules, annual: Mapping[int, str], year: int) -> bool:
    """The "two consecutive unsatisfactory years" alert to the HR service (p.45): the approved
    annual results of `year` and of the year before (``consequences.demotion``) are both
    unsatisfactory. Consecutive calendar years: a year with no approved annual result (not
    evaluated, or not approved) breaks the run as a better one does. `annual` maps each year to
    its approved annual rating. The alert grounds a decision of HR; it never decides."""
    for each, rating in annual.items():
        _check_rating(rules, rating, f"annual[{each}]")
    rule = rules.consequences
    return consecutive_run(annual, year, (rule.demotion_rating,), rule.demotion_years)


def demotion_alert_years(rules: Moj2017Rules, annual: Mapping[int, str]) -> tuple[int, ...]:
    """The years whose approved annual result closes a p.45 run (see `demotion_alert`), oldest
    first: 2016, 2017 and 2018 unsatisfactory give 2017 and 2018."""
    return tuple(year for year in sorted(annual) if demotion_alert(rules, annual, year))


def quarter_points(rules: Moj2017Rules, quarters: Sequence[Decimal]) -> int:
    """The 2-5 points of the mean of a year's approved quarter scores (p.32, M-2, M-14: the
    approved quarters only)."""
    if not quarters:
        raise MethodologyError("quarters", N_("a year has from 1 to 4 quarter scores"))
    mean = sum((to_fraction(q) for q in quarters), Fraction(0)) / len(quarters)
    band = quarter_mean_points(rules, mean)
    assert band.points is not None
    return band.points


def training_directions(quarter_points: int | None, plan_score: Decimal | None) -> tuple[str, ...]:
    """The components to suggest as the "қанағаттанарлықсыз болып танылған қызмет бағыты" of an
    unsatisfactory year (p.43; M-10): the quarters when their mean converted to 2 points (below
    80), the work plan when its score is below 3. A component not known (None) is not
    suggested. HR records the area."""
    directions = []
    if quarter_points is not None and quarter_points <= 2:
        directions.append("quarters")
    if plan_score is not None and plan_score < 3:
        directions.append("plan")
    return tuple(directions)
