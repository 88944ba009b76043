"""The typical-2018 workflow (almaty-2018 = seed 004; sjc-2018 and kyzylorda-2018 borrow its
procedure, EDITIONS.md §0, §2-§4): deadlines, reminders and warnings, the service-record summary,
the development list and the rule on consequence decisions.

Paragraphs are seed 004's. Deadlines are computed, shown and reported, never enforced (G-1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bagalau.methodology.errors import N_, MethodologyError, check_choice
from bagalau.methodology.labels import Label
from bagalau.methodology.timing import (
    WorkflowWarning,
    months_after,
    quarter_bounds,
    working_days_after,
    working_days_due,
)
from bagalau.methodology.typical2018 import (
    CompetencyEvaluation,
    ConsequenceKind,
    KpiResult,
    Typical2018Rules,
)
from bagalau.workcalendar import WorkCalendar

# --- deadlines (p.9, p.12, p.23, p.24, p.28, p.29, p.40, p.43; EDITIONS.md §13) ------------------


def plan_due(rules: Typical2018Rules, calendar: WorkCalendar, period_start: dt.date) -> dt.date:
    """The KPIs are set in the work plan "бағалау кезеңі басталғаннан кейін 10 жұмыс күні ішінде":
    the 10th working day after the period's start (p.9)."""
    return working_days_due(
        calendar, period_start, rules.deadlines.kpi_setting, "period_start", cite="B1"
    )


def plan_required(rules: Typical2018Rules, year: int, appointed: dt.date) -> bool:
    """Whether a servant appointed on `appointed` gets a work plan for `year`: not when fewer than
    3 months remain in the year (EDITIONS.md §9 T-2: appointed on 1 October, yes; on 2 October,
    no)."""
    months = rules.deadlines.min_months_left_for_plan
    return months_after(appointed, months) <= dt.date(year + 1, 1, 1)


def appointment_plan_due(
    rules: Typical2018Rules, calendar: WorkCalendar, year: int, appointed: dt.date
) -> dt.date | None:
    """The plan of a servant who took up the position on `appointed`: p.9 when that was on or
    before the period's start (1 January); else the 10th working day after the appointment, by
    analogy with 001 p.11, and no plan when fewer than 3 months remain (T-2)."""
    start = dt.date(year, 1, 1)
    if appointed <= start:
        return plan_due(rules, calendar, start)
    if not plan_required(rules, year, appointed):
        return None
    return working_days_after(
        calendar, appointed, rules.deadlines.plan_after_appointment, "appointed"
    )


def resubmission_due(rules: Typical2018Rules, calendar: WorkCalendar, returned: dt.date) -> dt.date:
    """A returned plan (p.12) or KPI sheet (p.23) goes back to the superior manager "2 жұмыс
    күнінен кешіктірілмей": the 2nd working day after it was returned."""
    return working_days_due(
        calendar, returned, rules.deadlines.plan_resubmission, "returned", cite="B4"
    )


def kpi_sheet_to_commission_due(
    rules: Typical2018Rules, calendar: WorkCalendar, superior_signed: dt.date
) -> dt.date:
    """HR (sjc-2018: the Administrative Department) puts the KPI sheet before the commission by the
    2nd working day after the superior manager signs it (p.24)."""
    return working_days_due(
        calendar, superior_signed, rules.deadlines.to_commission, "superior_signed", cite="E6"
    )


def competency_sheet_to_commission_due(
    rules: Typical2018Rules, calendar: WorkCalendar, direct_signed: dt.date
) -> dt.date:
    """The competency sheet goes to the commission by the 2nd working day after the direct manager
    signs it; the superior manager does not review it (p.28)."""
    return working_days_due(
        calendar, direct_signed, rules.deadlines.to_commission, "direct_signed", cite="F3"
    )


def notice_due(rules: Typical2018Rules, calendar: WorkCalendar, evaluation: dt.date) -> dt.date:
    """The evaluators are told "бағалауды өткізуге дейін жеті жұмыс күні аралығында": no later than
    the 7th working day before the evaluation date (p.29; T-5)."""
    return working_days_due(
        calendar, evaluation, -rules.deadlines.notice_before, "evaluation", cite="D2"
    )


def familiarisation_due(rules: Typical2018Rules, calendar: WorkCalendar, ended: dt.date) -> dt.date:
    """The servant is shown the results within 2 working days after the evaluation ends (p.40),
    which is the authorised person's approval of the results (p.39; T-11)."""
    return working_days_due(calendar, ended, rules.deadlines.familiarisation, "ended", cite="H1")


def appeal_due(rules: Typical2018Rules, calendar: WorkCalendar, decision: dt.date) -> dt.date:
    """The servant appeals "шешім шыққан күннен бастап он жұмыс күні ішінде": by the 10th working
    day after the commission's decision (p.43), the session date (T-14)."""
    return working_days_due(calendar, decision, rules.deadlines.appeal, "decision", cite="I1")


#: The dates the calculator's ``deadlines`` method answers (EDITIONS.md §13), in its order: the
#: request key each counts from and the function.
DEADLINES = (
    ("plan_due", "period_start", plan_due),
    ("resubmit_due", "returned", resubmission_due),
    ("kpi_sheet_to_commission_due", "superior_signed", kpi_sheet_to_commission_due),
    ("competency_sheet_to_commission_due", "direct_signed", competency_sheet_to_commission_due),
    ("notice_due", "evaluation", notice_due),
    ("familiarisation_due", "ended", familiarisation_due),
    ("appeal_due", "decision", appeal_due),
)


def deadlines(
    rules: Typical2018Rules, calendar: WorkCalendar, dates: Mapping[str, dt.date]
) -> dict[str, dt.date]:
    """For each date given (keys of DEADLINES), its due date (EDITIONS.md §13 ``deadlines``)."""
    return {
        name: function(rules, calendar, dates[key])
        for name, key, function in DEADLINES
        if key in dates
    }


# --- reminders and warnings (EDITIONS.md §9 T-1, T-4, T-18) --------------------------------------


def reminder_due(rules: Typical2018Rules, calendar: WorkCalendar, submitted: dt.date) -> dt.date:
    """No time limit binds the superior manager (p.12, p.21) or the authorised person (p.39): a
    reminder goes out on the 2nd working day after the submission, the rhythm of p.12, 23, 24 and
    28 (T-4). Nothing is enforced."""
    return working_days_after(calendar, submitted, rules.deadlines.reminder_after, "submitted")


def recommendations_reminder(year: int, quarter: int) -> dt.date:
    """The quarterly written recommendations of p.16 have no date: the direct manager is reminded
    on the last day of the quarter (T-18)."""
    return quarter_bounds(year, quarter)[1]


def evaluation_window(rules: Typical2018Rules, year: int) -> tuple[dt.date, dt.date]:
    """The dates the annual evaluation of `year` is expected in: 1 December to 31 January of the
    next year (T-1: p.18 evaluates "жыл қорытындысы бойынша" and sets no date)."""
    (from_month, from_day), (to_month, to_day) = rules.evaluation_window
    return dt.date(year, from_month, from_day), dt.date(year + 1, to_month, to_day)


def evaluation_date_warning(
    rules: Typical2018Rules, year: int, evaluation: dt.date
) -> WorkflowWarning | None:
    """A warning (never a refusal) when the schedule puts the annual evaluation of `year` outside
    its window (T-1)."""
    start, end = evaluation_window(rules, year)
    if start <= evaluation <= end:
        return None
    return WorkflowWarning(
        "evaluation_date_outside_window",
        N_(
            "the annual evaluation of %(year)s is expected from %(start)s to %(end)s; "
            "%(date)s lies outside that period"
        ),
        {"year": year, "start": start.isoformat(), "end": end.isoformat(), "date": evaluation},
    )


# --- service record, development, consequences (p.7, p.42; EDITIONS.md §8, T-17) ----------------


@dataclass(frozen=True, slots=True)
class ServiceRecordSummary:
    """What the service record receives for a year (T-17): the KPI rating with "k of 5" and the
    competencies in summary ("N of M meet"), the latter for information only (p.7)."""

    year: int
    kpi_achieved: int
    kpi_count: int
    kpi_rating: str
    revised: bool
    competencies_met: int
    competencies_total: int

    @property
    def kpi_text(self) -> tuple[str, dict[str, int]]:
        """The translatable "k of 5 KPIs" and its parameters."""
        return N_("%(achieved)s of %(count)s KPIs achieved"), {
            "achieved": self.kpi_achieved,
            "count": self.kpi_count,
        }

    @property
    def competency_text(self) -> tuple[str, dict[str, int]]:
        """The translatable "N of M competencies meet expectations" and its parameters."""
        return N_("%(met)s of %(total)s competencies meet expectations"), {
            "met": self.competencies_met,
            "total": self.competencies_total,
        }


def competency_results(evaluation: CompetencyEvaluation) -> dict[str, str]:
    """The evaluator's result per competency of an App. 3 sheet."""
    return {item.code: item.result for item in evaluation.competencies}


def service_record_summary(
    rules: Typical2018Rules,
    *,
    year: int,
    kpi: KpiResult,
    competencies: Mapping[str, str],
    kpi_rating: str | None = None,
) -> ServiceRecordSummary:
    """The service-record entry of a final evaluation (p.42; T-17). `competencies` are the final
    results per competency and `kpi_rating` the commission's revised rating, if any (p.38; T-13):
    the evaluator's count "k of 5" is kept beside a revised rating."""
    final = kpi.rating.code if kpi_rating is None else kpi_rating
    ratings = [band.code for band in rules.kpi_rating.bands]
    check_choice("kpi_rating", final, ratings)
    for code, result in competencies.items():
        check_choice(f"competencies.{code}", result, rules.results)
    return ServiceRecordSummary(
        year=year,
        kpi_achieved=kpi.achieved,
        kpi_count=rules.kpi_count,
        kpi_rating=final,
        revised=final != kpi.rating.code,
        competencies_met=sum(1 for r in competencies.values() if r == "meets"),
        competencies_total=len(competencies),
    )


@dataclass(frozen=True, slots=True)
class DevelopmentItem:
    """A competency to develop (p.7; EDITIONS.md §8) and its effective indicators not observed."""

    competency: str
    label: Label
    missing: tuple[int, ...]
    indicators: tuple[Label, ...]


def development_list(
    rules: Typical2018Rules,
    evaluation: CompetencyEvaluation,
    revised: Mapping[str, str] | None = None,
) -> tuple[DevelopmentItem, ...]:
    """The competencies that do not meet expectations, with the names of their missing effective
    indicators of the servant's tier (App. 3 col. 4), an input to training plans (p.7: competency
    results ground development only). `revised` holds the commission's corrected results (T-13)."""
    final = {**competency_results(evaluation), **(revised or {})}
    items = []
    for result in evaluation.competencies:
        if final.get(result.code) != "does_not_meet":
            continue
        effective = rules.indicators[(result.code, evaluation.tier.code)].effective
        items.append(
            DevelopmentItem(
                competency=result.code,
                label=rules.competency(result.code).label,
                missing=result.missing,
                indicators=tuple(effective[number - 1] for number in result.missing),
            )
        )
    return tuple(items)


def check_consequence_basis(rules: Typical2018Rules, decision: str, basis: str) -> ConsequenceKind:
    """A decision of HR's register (bonus, encouragement, rotation, demotion, dismissal; EDITIONS.md
    §8) may rest only on the KPI result: p.7 says the competency results "бонустар төлеуге,
    көтермелеуге, ротациялауға, … төмендетуге немесе босатуға әсер етпейді" (they ground the
    development list instead)."""
    kinds = {kind.code: kind for kind in rules.consequences}
    check_choice("decision", decision, kinds)
    check_choice("basis", basis, ("kpi", "competencies"))
    kind = kinds[decision]
    if basis not in kind.bases:
        raise MethodologyError(
            "basis",
            N_(
                "a %(decision)s decision may rest only on the KPI result (p.7): competency "
                "results ground development only and do not affect pay or career"
            ),
            decision=decision,
        )
    return kind
