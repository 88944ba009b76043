"""Reads of the moj-2017 app: the organisation's App. 2 catalogue and a servant's discipline
records of a quarter (seed 001 p.20-24; EDITIONS.md §5.2 D1, §9.4 M-4, M-20)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Period, PeriodKind
from bagalau.methodology import MethodologyError
from bagalau.methodology.moj2017_workflow import quarter_window
from bagalau.moj.access import may_view_records, recording_sources, servant_get_for
from bagalau.moj.common import MODEL, rules_on
from bagalau.moj.models import CatalogueChoice, DisciplineRecord, QuarterSheet
from bagalau.org.models import Organisation, Servant
from bagalau.org.selectors import work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The years a quarter may be asked for (a bound on input, not a rule of the text).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def organisation_catalogue(organisation: Organisation) -> CatalogueChoice | None:
    """The organisation's App. 2 catalogue choice; None until the administrator chooses (M-20)."""
    return CatalogueChoice.objects.filter(organisation=organisation).first()


def quarter_days(
    organisation: Organisation, year: int, quarter: int, q4_cutoff: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The days a quarter counts: those of the quarter's period when the year's schedule has one
    (its fourth quarter up to the cut-off HR set, M-4), else as the engine's `quarter_window`
    says under the moj-2017 edition the organisation evaluates under in the quarter's last
    month."""
    if quarter not in (1, 2, 3, 4):
        raise DomainError("quarter", N_("A quarter is numbered 1 to 4."))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            "year", N_("Give a year from %(first)s to %(last)s."), first=FIRST_YEAR, last=LAST_YEAR
        )
    period = Period.objects.filter(
        schedule__organisation=organisation,
        schedule__year=year,
        kind=PeriodKind.QUARTER,
        number=quarter,
    ).first()
    if period is not None and period.schedule.model == MODEL:
        return period.starts, period.ends
    rules = rules_on(organisation, dt.date(year, 3 * quarter, 1), "quarter")
    try:
        return quarter_window(rules, year, quarter, q4_cutoff)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def discipline_records_between(
    servant: Servant, start: dt.date, end: dt.date
) -> QuerySet[DisciplineRecord]:
    """The servant's breaches dated from `start` to `end`, oldest first (the caller checked
    access)."""
    return (
        DisciplineRecord.objects.filter(servant=servant, day__gte=start, day__lte=end)
        .select_related("recorded_by")
        .order_by("day", "pk")
    )


@dataclass(frozen=True)
class QuarterRecords:
    """A servant's breaches in the days a quarter counts, and the sources the reader may add
    breaches from (`access.recording_sources` on the window's last day)."""

    servant: Servant
    start: dt.date
    end: dt.date
    records: list[DisciplineRecord]
    sources: frozenset[str]


def quarter_records_for(*, user: User, servant_id: int, year: int, quarter: int) -> QuarterRecords:
    """What HR hands the direct manager for the quarter (p.24): the servant's breaches dated in
    the quarter's window (the fourth: up to its cut-off, M-4); Http404 when the servant's records
    are not the user's to see."""
    probe = Servant.objects.select_related("organisation").filter(pk=servant_id).first()
    if probe is None:
        raise Http404("No such servant.")
    start, end = quarter_days(probe.organisation, year, quarter)
    servant = servant_get_for(user=user, id=servant_id, day=end)
    if not may_view_records(user, servant, end):
        raise Http404("No such servant.")
    records = list(discipline_records_between(servant, start, end))
    return QuarterRecords(servant, start, end, records, recording_sources(user, servant, end))


@dataclass(frozen=True)
class SheetDeadline:
    """The quarter's deadline for the agreed sheet (p.3: the 10th of the month after the quarter,
    Q4 10 December; M-5), the day it was agreed (None: not yet) and how many working days late
    it is on that day or today; shown, never enforced (G-1)."""

    due: dt.date
    done: dt.date | None
    late_by: int


def quarter_sheet_deadline(sheet: QuarterSheet) -> SheetDeadline:
    """The deadline of the sheet's quarter (the period's, dated by the engine's `quarter_due`)."""
    due = sheet.evaluation.period.deadline
    if sheet.evaluation.due_date > due:  # deferred: 5 working days after the return (p.3)
        due = sheet.evaluation.due_date
    done = sheet.agreed_on
    late = work_calendar().working_days_between(due, done or clock.today())
    return SheetDeadline(due, done, late)


def sheet_lines(sheet: QuarterSheet, column: str, language: str) -> list[dict[str, object]]:
    """The `column` ("self" or "agreed") items of the sheet with the catalogue's points and name
    (App. 2 as the engine reads it; points are never stored from input, M-8)."""
    period = sheet.evaluation.period
    rules = rules_on(period.schedule.organisation, period.ends, "evaluation")
    activities = {a.code: a for a in rules.catalogue(sheet.catalogue).activities}
    rows = sheet.self_items if column == "self" else sheet.agreed_items
    lines = []
    for row in rows:
        activity = activities.get(row["code"])
        lines.append(
            {
                **row,
                "points": activity.points if activity else None,
                "label": activity.label.get(language) if activity else row["code"],
            }
        )
    return lines
