"""Reads of the moj-2017 schedule pages (seed 001 p.3, p.14; EDITIONS.md §5.2 C1, C2, D2-D6): the
schedule's periods with their notice dates, a period's roster (evaluated, deferred, not
evaluated) and a quarter's progress counted by App. 3 sheet status in two queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from bagalau.core.collation import kazakh_order, with_name
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Period,
    PeriodKind,
    PeriodStatus,
    Schedule,
)
from bagalau.evaluations.selectors.schedule import is_member
from bagalau.methodology.moj2017_workflow import notice_due
from bagalau.moj.common import MODEL, rules_on
from bagalau.moj.models import PeriodNotice, QuarterSheetStatus
from bagalau.org.access import OVERVIEW_ROLES
from bagalau.org.selectors import roles_of

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.org.models import Organisation


def moj_schedule_get_for(*, user: User, id: int) -> Schedule:
    """The moj-2017 schedule of an organisation the user belongs to; Http404 otherwise."""
    schedule = Schedule.objects.select_related("organisation").filter(pk=id).first()
    if schedule is None or schedule.model != MODEL or not is_member(user, schedule.organisation):
        raise Http404("No such schedule.")
    return schedule


def moj_period_get_for(*, user: User, id: int) -> Period:
    """The period of a moj-2017 schedule of an organisation the user belongs to; Http404
    otherwise."""
    period = Period.objects.select_related("schedule__organisation").filter(pk=id).first()
    if (
        period is None
        or period.schedule.model != MODEL
        or not is_member(user, period.schedule.organisation)
    ):
        raise Http404("No such period.")
    return period


def may_see_roster(user: User, organisation: Organisation) -> bool:
    """The HR service and the head of the apparatus see who is evaluated how."""
    return bool(roles_of(user, organisation) & set(OVERVIEW_ROLES))


@dataclass(frozen=True)
class PeriodLine:
    """One period of the schedule page: the period, the day its notice is due (p.14) and the
    notice sent, if any."""

    period: Period
    notice_due: dt.date
    notice: PeriodNotice | None


def schedule_lines(schedule: Schedule) -> list[PeriodLine]:
    """Every period the schedule has (quarters, and the annual period where there is one), in
    order, with its notice date."""
    periods = list(schedule.periods.select_related("moj_notice").order_by("starts", "kind"))
    lines = []
    for period in periods:
        period.schedule = schedule
        rules = rules_on(schedule.organisation, period.ends, "period")
        lines.append(
            PeriodLine(
                period=period,
                notice_due=notice_due(rules, period.planned_date),
                notice=getattr(period, "moj_notice", None),
            )
        )
    return lines


def period_roster(
    period: Period, *, evaluator_user_id: int | None = None, query: str = "", status: str = ""
) -> QuerySet[Evaluation]:
    """The period's evaluations with the servant, the evaluator and the App. 3 sheet, in Kazakh
    alphabetical order; narrowed in the database to one direct manager's rows, a name and a
    status (issue 13 items 7-8)."""
    rows = Evaluation.objects.filter(period=period)
    if evaluator_user_id is not None:
        rows = rows.filter(evaluator__user_id=evaluator_user_id)
    if status:
        rows = rows.filter(status=status)
    return (
        with_name(rows, "servant__", query)
        .select_related("servant", "evaluator", "moj_quarter_sheet")
        .order_by(kazakh_order("servant__last_name"), kazakh_order("servant__first_name"), "pk")
    )


#: The order of the progress counts: no sheet yet, then QUARTER_SHEET_FLOW's statuses.
NO_SHEET = "none"
STATUS_LABELS = ((NO_SHEET, _("Sheet not opened")), *QuarterSheetStatus.choices)


def quarter_progress(organisation: Organisation) -> list[dict[str, Any]]:
    """The open moj-2017 quarters of the organisation, each with its evaluations counted by App. 3
    sheet status ("none": not opened yet): two queries whatever the number of servants."""
    periods = [
        p
        for p in Period.objects.filter(
            schedule__organisation=organisation,
            kind=PeriodKind.QUARTER,
            status=PeriodStatus.OPEN,
        )
        .select_related("schedule")
        .order_by("starts")
        if p.schedule.model == MODEL
    ]
    if not periods:
        return []
    counts: dict[int, dict[str, int]] = {p.pk: {} for p in periods}
    rows = (
        Evaluation.objects.filter(period__in=periods)
        .exclude(status=EvaluationStatus.NOT_EVALUATED)
        .values("period_id", "moj_quarter_sheet__status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        status = row["moj_quarter_sheet__status"] or NO_SHEET
        counts[row["period_id"]][status] = row["n"]
    result = []
    for period in periods:
        found = counts[period.pk]
        lines = [
            {"status": status, "label": label, "count": found.get(status, 0)}
            for status, label in STATUS_LABELS
        ]
        result.append({"period": period, "total": sum(found.values()), "counts": lines})
    return result
