"""What the typical-2018 services and selectors share: the edition's rules, the work calendar,
dates as messages show them, and "late by N working days" (EDITIONS.md §9 G-1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bagalau.core.errors import DomainError
from bagalau.methodology import EvaluationModel, MethodologyError, get_edition, typical2018_rules
from bagalau.methodology.typical2018 import Typical2018Rules
from bagalau.methodology.workflow import EditionWorkflow
from bagalau.workcalendar import WorkCalendar

MODEL = EvaluationModel.TYPICAL2018


def rules_for(edition: str) -> Typical2018Rules:
    """The typical-2018 rules of an edition code (a DomainError on "edition" for another model)."""
    try:
        return typical2018_rules(get_edition(edition))
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "edition") from error


def workflow_for(edition: str) -> EditionWorkflow:
    """The workflow settings of a typical-2018 edition (eligibility, notice, working body)."""
    workflow = get_edition(edition).workflow
    if workflow is None:  # every typical-2018 edition has one (methodology tests)
        raise DomainError("edition", "The edition %(edition)s has no workflow.", edition=edition)
    return workflow


@dataclass(frozen=True)
class Deadline:
    """A step's due date, the day it was done (None: not yet) and how many working days late it
    is (on `done`, or today while not done); deadlines are shown, never enforced (G-1)."""

    step: str
    due: dt.date
    done: dt.date | None
    late_by: int


def deadline(
    calendar: WorkCalendar, step: str, due: dt.date, done: dt.date | None, today: dt.date
) -> Deadline:
    """The deadline of `step`: late by the working days after `due` up to `done` (or today)."""
    return Deadline(step, due, done, calendar.working_days_between(due, done or today))
