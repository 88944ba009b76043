"""Reads of the typical-2018 plan (seed 004 p.9-16): its deadlines, shown as "late by N working
days" and never blocking (EDITIONS.md §9 G-1), and its quarterly recommendations (p.16)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bagalau.methodology import MethodologyError
from bagalau.methodology.timing import Lateness, late_by
from bagalau.org.selectors import work_calendar
from bagalau.plans.models import PlanRecommendation, PlanStatus, WorkPlan


@dataclass(frozen=True)
class PlanDeadline:
    """A deadline of the plan: when it was due, when it was met (None: not yet), and how late
    that was (or is, counted to `today`, while not met)."""

    code: str
    label: str | Promise
    due: dt.date
    done_on: dt.date | None
    lateness: Lateness | None


def _lateness(due: dt.date, actual: dt.date) -> Lateness | None:
    try:
        return late_by(work_calendar(), due, actual)
    except MethodologyError:
        return None


def typical_deadlines(plan: WorkPlan, today: dt.date) -> list[PlanDeadline]:
    """The plan's deadlines: the KPIs within 10 working days of the period start (p.9; met by the
    first submission) and, after a return, the resubmission within 2 working days (p.12; met by
    the next submission)."""
    first = plan.first_submitted_on
    items = [
        PlanDeadline(
            code="draft",
            label=_("Drawn up and submitted (p.9)"),
            due=plan.draft_due,
            done_on=first,
            lateness=_lateness(plan.draft_due, first or today),
        )
    ]
    if plan.resubmission_due is not None:
        done = None if plan.status == PlanStatus.RETURNED else plan.submitted_on
        items.append(
            PlanDeadline(
                code="resubmission",
                label=_("Corrected and submitted again (p.12)"),
                due=plan.resubmission_due,
                done_on=done,
                lateness=_lateness(plan.resubmission_due, done or today),
            )
        )
    return items


def plan_recommendations(plan: WorkPlan) -> list[PlanRecommendation]:
    """The quarterly recommendations of the plan, by quarter (p.16)."""
    return list(plan.recommendations.select_related("author").order_by("quarter"))
