"""The moj-2017 year's schedule, its quarters and the year (seed 001 p.3, p.14; EDITIONS.md §5.1,
§5.2 C1, D5, E5, §9.4 M-4, M-5).

HR draws up the year's schedule: one quarter period for each quarter the organisation evaluates
under a moj-2017-model edition (in the quarter's last month), its days and its deadline as the
engine's `quarter_window` and `quarter_due` say: the 10th of the month after the quarter, the
fourth quarter by 10 December and counting up to its cut-off (30 November unless HR sets another,
M-4); and the annual period when the organisation evaluates under one in December, due by
25 December (the engine's `annual_due`, p.3, E5, M-5). HR then opens a quarter or the year: one
Evaluation per servant in a "B" post on the period's deadline, evaluated, deferred (only social
and sick leave defer, to the 5th working day after the return) or not evaluated, as
methodology.eligibility says with the edition's workflow settings. The chair's consent (C1) and
the 10-day notice with the blank sheets (C2) come with the commission slice of issue 11; until
then a drafted schedule may be opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, Method, Period, PeriodKind, Schedule
from bagalau.evaluations.services.eligibility import period_eligible_open
from bagalau.evaluations.services.schedule_consent import (
    PeriodDraft,
    model_period_locked,
    schedule_draft_write,
)
from bagalau.evaluations.workflow import PERIOD_FLOW
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.moj2017_workflow import annual_due, quarter_due, quarter_window
from bagalau.moj.common import MODEL, rules_on
from bagalau.org.access import require_hr
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisation_edition, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User


#: What only the HR service does here: it draws up and runs the schedule (p.14).
SCHEDULE = "run the evaluation schedule"


def _moj_quarters(organisation: Organisation, year: int) -> list[tuple[int, str]]:
    """The quarters (number, edition code) the organisation evaluates under moj-2017 (its
    edition in the quarter's last month)."""
    found = []
    for quarter in (1, 2, 3, 4):
        try:
            edition = organisation_edition(organisation, dt.date(year, 3 * quarter, 1))
        except MethodologyError:
            continue
        if edition.model == MODEL:
            found.append((quarter, edition.code))
    return found


def moj_schedule_draft(
    *, actor: User, organisation: Organisation, year: int, q4_cutoff: dt.date | None = None
) -> Schedule:
    """HR draws up the year's schedule with a period per moj-2017 quarter (see the module);
    a year with no such quarter, a second schedule of a year, or a fourth-quarter cut-off outside
    1 October-10 December (M-4) is refused naming the field."""
    require_hr(actor, organisation, doing=SCHEDULE)
    quarters = _moj_quarters(organisation, year)
    if not quarters:
        raise DomainError(
            "year",
            N_("The organisation evaluates no quarter of %(year)s under moj-2017."),
            year=year,
        )
    edition = quarters[-1][1]
    rows = []
    for quarter, code in quarters:
        rules = rules_on(organisation, dt.date(year, 3 * quarter, 1), "year")
        try:
            starts, ends = quarter_window(rules, year, quarter, q4_cutoff if quarter == 4 else None)
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        due = quarter_due(rules, year, quarter)
        rows.append((quarter, code, starts, ends, due))
    if q4_cutoff is not None and 4 not in [q for q, *_ in rows]:
        raise DomainError("q4_cutoff", N_("The fourth quarter is not evaluated under moj-2017."))
    annual = None
    if quarters[-1][0] == 4:  # under moj-2017 in December, the fourth quarter's last month
        annual = annual_due(rules_on(organisation, dt.date(year, 12, 1), "year"), year)
    periods = [
        PeriodDraft(PeriodKind.QUARTER, starts, ends, due, number=quarter)
        for quarter, _code, starts, ends, due in rows
    ]
    if annual is not None:
        periods.append(
            PeriodDraft(PeriodKind.ANNUAL, dt.date(year, 1, 1), dt.date(year, 12, 31), annual)
        )
    return schedule_draft_write(
        actor=actor,
        organisation=organisation,
        year=year,
        edition=edition,
        periods=periods,
        changes={
            "quarters": (None, [q for q, *_ in rows]),
            "annual": (None, annual),
            "q4_cutoff": (None, q4_cutoff),
        },
    )


#: The evaluation method of each kind of moj-2017 period.
METHOD_OF = {PeriodKind.QUARTER: Method.MOJ_QUARTER, PeriodKind.ANNUAL: Method.MOJ_ANNUAL}


@dataclass(frozen=True)
class QuarterOpened:
    """The opened quarter (or year) and the evaluations created."""

    period: Period
    created: list[Evaluation]


def moj_period_open(*, actor: User, period_id: int) -> QuarterOpened:
    """HR opens a quarter or the year (see the module): one Evaluation (method MOJ_QUARTER, or
    MOJ_ANNUAL for the annual period, E1-E5) per servant in a "B" post on the period's deadline
    (G-4), with the direct manager as evaluator. Opening again adds only servants not yet in
    it. The absences and the posts are read once and the evaluations written in batches with
    their audit rows (issue 12 item 2)."""
    with transaction.atomic():
        period = model_period_locked(actor, period_id, MODEL, METHOD_OF)
        schedule = period.schedule
        require_hr(actor, schedule.organisation, doing=SCHEDULE)
        PERIOD_FLOW.require("open", period.status, label=period.get_status_display())
        workflow = get_edition(schedule.edition).workflow
        assert workflow is not None  # every moj-2017-model edition has one (methodology tests)
        created = period_eligible_open(
            actor=actor,
            period=period,
            method=METHOD_OF[PeriodKind(period.kind)],
            day=period.deadline,
            rules=workflow.eligibility,
            calendar=work_calendar(),
            count_returns=False,
        )
    return QuarterOpened(period=period, created=created)
