"""Reads of the moj-2017 annual evaluation (seed 001 p.28-33; EDITIONS.md §5.2 E1-E5, §9.4 M-1,
M-5): the annual evaluations a user takes part in, the deadlines of the sheet, and what the page
shows of the rules (the scale of p.30, the weights and their note)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from bagalau.core import clock
from bagalau.evaluations.models import Evaluation, Method
from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017_workflow import annual_computation_due
from bagalau.moj.common import MODEL
from bagalau.moj.models import AnnualSheet
from bagalau.org.access import OVERVIEW_ROLES
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisation_edition, organisations_where, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.workcalendar import WorkCalendar


def under_moj_today(organisation: Organisation | None) -> bool:
    """Whether the organisation evaluates under a moj-2017-model edition today (the menu)."""
    if organisation is None:
        return False
    try:
        return organisation_edition(organisation, clock.today()).model == MODEL
    except MethodologyError:
        return False


def annual_evaluations_for(user: User) -> list[Evaluation]:
    """The moj-2017 annual evaluations the user is the servant or the evaluator of, or sees as
    the HR service or the head of the apparatus, newest year first, with their sheet if open."""
    if not user.is_authenticated:
        return []
    rows = (
        Evaluation.objects.filter(method=Method.MOJ_ANNUAL)
        .filter(
            Q(servant__user=user)
            | Q(evaluator__user=user)
            | Q(period__schedule__organisation__in=organisations_where(user, *OVERVIEW_ROLES))
        )
        .select_related("servant", "evaluator", "period__schedule__organisation")
        .select_related("moj_annual_sheet")
        .order_by("-period__schedule__year", "servant__last_name", "pk")
    )
    return list(rows[:200])


@dataclass(frozen=True)
class AnnualDeadlines:
    """The annual evaluation's deadline (the commission's session by 25 December, p.3, M-5) and
    HR's computation by the 5th working day before it (p.32); shown, never enforced (G-1)."""

    session_by: dt.date
    compute_by: dt.date


def annual_deadlines_of(evaluation: Evaluation, calendar: WorkCalendar) -> AnnualDeadlines:
    """The deadlines of an annual evaluation's year (the period's, dated by the engine's
    `annual_due`); the sheet page and the reminders (moj.due) both read it."""
    rules = moj2017_rules(get_edition(evaluation.edition))
    session = evaluation.period.deadline
    return AnnualDeadlines(session, annual_computation_due(rules, calendar, session))


def annual_deadlines(sheet: AnnualSheet) -> AnnualDeadlines:
    """The deadlines of the sheet's year (`annual_deadlines_of`)."""
    return annual_deadlines_of(sheet.evaluation, work_calendar())


def annual_rules_shown(sheet: AnnualSheet, language: str) -> dict[str, Any]:
    """The scale of p.30 (points and their meaning), the edition's weights and, when they are a
    reconstruction (M-1), the note saying so."""
    rules = moj2017_rules(get_edition(sheet.evaluation.edition))
    return {
        "scale": [(o.points, o.label.get(language)) for o in rules.outcomes],
        "weights": rules.weights,
        "reconstruction": rules.weights_note.get(language) if rules.weights_reconstruction else "",
    }
