"""Evaluation reads: who may run and read the schedule, the year's schedule and its computed
dates, the periods waiting for HR or the head of the apparatus. Who is evaluated how in a quarter
is `quarter_roster`, the cycle's progress `progress`.

No score or rating is read here: HR staff and the head of the apparatus use these pages, and they
see workflow status only (p.15, p.20). Who may read what is decided by the `can_*` and
`roster_scope` functions below, which the services, views and API share.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext

from bagalau.audit.models import AuditEntry
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    EvaluationStatus,
    Period,
    PeriodKind,
    PeriodStatus,
    Schedule,
    ScheduleStatus,
)
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology import sjc2023 as engine
from bagalau.methodology.sjc2023_periods import quarter_prepare_from
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import has_role, organisations_of, work_calendar
from bagalau.plans.models import PlanStatus
from bagalau.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from bagalau.core.types import User


#: Statuses an evaluation has reached once the evaluator signed it (cumulative for progress).
SIGNED_OR_LATER = (
    EvaluationStatus.SIGNED,
    EvaluationStatus.ACKNOWLEDGED,
    EvaluationStatus.REFUSED,
    EvaluationStatus.CALIBRATION,
    EvaluationStatus.FINAL,
)

#: Work plans whose KPIs are evaluated (kpi_results_sync reads the same).
PLAN_IN_FORCE = (PlanStatus.APPROVED, PlanStatus.POSTED)

KIND_ORDER: dict[str, int] = {PeriodKind.QUARTER: 0, PeriodKind.ANNUAL: 1, PeriodKind.SURVEY360: 2}


# --- who may ---------------------------------------------------------------------------------


def is_member(user: User, organisation: Organisation) -> bool:
    """Whether the user belongs to the organisation (a role or a servant record): members may see
    the schedule's dates."""
    return organisations_of(user).filter(pk=organisation.pk).exists()


def can_manage_schedule(user: User, organisation: Organisation) -> bool:
    """The HR service drafts the schedule and runs the periods (p.10)."""
    return has_role(user, organisation, *HR_ROLES)


def can_approve_schedule(user: User, organisation: Organisation) -> bool:
    """The head of the apparatus approves the schedule (p.10)."""
    return has_role(user, organisation, Role.APPARATUS_HEAD)


def can_see_progress(user: User, organisation: Organisation) -> bool:
    """The cycle overview (counts only) is the HR service's."""
    return has_role(user, organisation, *HR_ROLES)


def roster_scope(user: User, organisation: Organisation) -> str | None:
    """How much of a roster the user may read: ``"all"`` (HR and the head of the apparatus),
    ``"evaluator"`` (a servant of the organisation: the rows they evaluate) or None."""
    if has_role(user, organisation, Role.HR, Role.HR_HEAD, Role.APPARATUS_HEAD):
        return "all"
    if (
        user.is_authenticated
        and Servant.objects.filter(user=user, organisation=organisation).exists()
    ):
        return "evaluator"
    return None


# --- the schedule ----------------------------------------------------------------------------


def schedule_for(organisation: Organisation, year: int) -> Schedule | None:
    """The organisation's schedule for `year`, with its periods, or None."""
    return (
        Schedule.objects.filter(organisation=organisation, year=year)
        .select_related("organisation", "drafted_by", "approved_by")
        .prefetch_related("periods")
        .first()
    )


def ordered_periods(schedule: Schedule) -> list[Period]:
    """Q1-Q4, then the annual result, then the 360 survey."""
    return sorted(
        schedule.periods.all(), key=lambda p: (KIND_ORDER.get(p.kind, 9), p.number or 0, p.pk)
    )


def schedule_return_comment(schedule: Schedule) -> str:
    """Why the head of the apparatus last returned the schedule ("" when never returned or
    approved since): kept in the audit log of `schedule_return`."""
    if schedule.status != ScheduleStatus.DRAFT:
        return ""
    entry = (
        AuditEntry.objects.filter(
            object_type=schedule._meta.label_lower, object_id=str(schedule.pk), action="return"
        )
        .order_by("-at", "-id")
        .first()
    )
    if entry is None:
        return ""
    comment = entry.changes.get("comment", ["", ""])
    return str(comment[1]) if isinstance(comment, list) and len(comment) == 2 else ""


def rules_of(schedule: Schedule) -> engine.Sjc2023Rules:
    """The sjc-2023 rules the schedule was drafted under."""
    try:
        return sjc2023_rules(get_edition(schedule.edition))
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "edition") from error


def period_title(period: Period) -> str:
    """ "Quarter 2", "Annual result" or "360 survey", in the reader's language."""
    if period.kind == PeriodKind.QUARTER:
        return gettext("Quarter %(number)s") % {"number": period.number}
    return str(period.get_kind_display())


@dataclass(frozen=True)
class PeriodDates:
    """Every date of a schedule line, computed (p.4, p.22, p.26, p.30); only `planned` is HR's."""

    period: Period
    deadline: dt.date
    planned: dt.date
    notify_managers_by: dt.date | None = None
    notify_staff_by: dt.date | None = None
    actuals_due: dt.date | None = None
    opens_from: dt.date | None = None
    prepare_from: dt.date | None = None

    @property
    def title(self) -> str:
        """The line's name in the reader's language."""
        return period_title(self.period)

    @property
    def is_quarter(self) -> bool:
        """Quarters have a roster and are opened by HR."""
        return self.period.kind == PeriodKind.QUARTER


def period_dates(
    period: Period,
    *,
    rules: engine.Sjc2023Rules | None = None,
    calendar: WorkCalendar | None = None,
) -> PeriodDates:
    """The period's deadline, HR's planned date and, for a quarter, when managers (p.26) and staff
    (p.30) must be told, when HR's actual KPI values are due (p.22) and from when it may open."""
    if period.kind != PeriodKind.QUARTER or period.number is None:
        return PeriodDates(period, period.deadline, period.planned_date)
    rules = rules or rules_of(period.schedule)
    calendar = calendar or work_calendar()
    year, quarter = period.schedule.year, period.number
    return PeriodDates(
        period,
        period.deadline,
        period.planned_date,
        notify_managers_by=engine.notification_date(rules, year, quarter, "kpi"),
        notify_staff_by=engine.notification_date(rules, year, quarter, "differentiation"),
        actuals_due=engine.actuals_due(rules, calendar, period.deadline),
        opens_from=period.ends + dt.timedelta(days=1),
        prepare_from=quarter_prepare_from(year, quarter),
    )


def schedule_dates(schedule: Schedule) -> list[PeriodDates]:
    """`period_dates` of every line, in schedule order."""
    rules, calendar = rules_of(schedule), work_calendar()
    return [period_dates(p, rules=rules, calendar=calendar) for p in ordered_periods(schedule)]


# --- periods to act on ----------------------------------------------------------------------


def open_periods(organisation: Organisation) -> QuerySet[Period]:
    """The organisation's periods now open for evaluation, oldest first."""
    return (
        Period.objects.filter(schedule__organisation=organisation, status=PeriodStatus.OPEN)
        .select_related("schedule__organisation")
        .order_by("ends", "number", "pk")
    )


def periods_ready_to_open(
    organisation: Organisation, *, today: dt.date | None = None
) -> QuerySet[Period]:
    """Quarters of approved schedules that have ended and were not opened yet."""
    today = today or clock.today()
    return (
        Period.objects.filter(
            schedule__organisation=organisation,
            schedule__status=ScheduleStatus.APPROVED,
            kind=PeriodKind.QUARTER,
            status=PeriodStatus.SCHEDULED,
            ends__lt=today,
        )
        .select_related("schedule__organisation")
        .order_by("ends", "pk")
    )


def schedules_to_approve(organisation: Organisation) -> QuerySet[Schedule]:
    """Schedules waiting for the head of the apparatus."""
    return Schedule.objects.filter(
        organisation=organisation, status=ScheduleStatus.SUBMITTED
    ).order_by("year")
