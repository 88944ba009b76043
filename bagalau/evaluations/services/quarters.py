"""A quarter around its end (seed 002 p.5-6, p.22 ¶6, p.26, p.30): the notices that go out by
themselves, the quarter prepared before it ends, the roster applied again once it has ended.

- p.26 and p.30: the information system tells the managers by the 5th and the staff by the 10th of
  the month after the quarter that they will be evaluated. The periodic job `quarter_notices_send`
  does it the first working day after the quarter ends, whether or not the HR service has opened
  the quarter (from the roster then), each notice once (the dedupe keys of the opening).
- p.22 ¶6: the actual KPI values are due 5 working days before the deadline, which for Q4 is 30 or
  31 December, inside the quarter. So the HR service may prepare a quarter from the first day of
  its last month (`sjc2023_periods.quarter_prepare_from`): the sheets are created and HR is asked
  for the actual values; the evaluators and the servants are told once the quarter has ended.
- A quarter prepared early was drawn up from the structure of that day: once it has ended, the
  roster is applied again to its unsigned evaluations (a dismissal or a transfer inside the
  quarter, p.5; a departure before the deadline, p.6), by the job and when HR opens it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse

from bagalau.audit.services import audit_log_many
from bagalau.core import clock
from bagalau.core.bulk import bulk_change
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.links import pk_links
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
    Schedule,
    ScheduleStatus,
)
from bagalau.evaluations.selectors.quarter_roster import (
    REASON_STATUS,
    actuals_key,
    computed_roster,
    notice_key,
    sheet_key,
)
from bagalau.evaluations.selectors.schedule import rules_of
from bagalau.evaluations.services.common import kpi_sheets_follow_plans
from bagalau.evaluations.workflow import OPENABLE, UNSIGNED
from bagalau.methodology import sjc2023 as engine
from bagalau.methodology.sjc2023_periods import notices_from
from bagalau.notifications.services import Note, notify_many
from bagalau.org.models import Role, Servant
from bagalau.org.selectors import users_with_role, work_calendar
from bagalau.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from bagalau.core.types import Account, User


def schedule_page_url(schedule: Schedule) -> str:
    """The schedule page of the schedule's year."""
    return f"{reverse('evaluations:schedule')}?year={schedule.year}"


def created_changes(evaluation: Evaluation) -> dict[str, tuple[Any, Any]]:
    """The audit changes of an evaluation the opening of its quarter created."""
    return {
        "status": (None, evaluation.status),
        "method": (None, evaluation.method),
        "reason": (None, evaluation.reason),
        "due_date": (None, evaluation.due_date),
        "evaluator": (None, evaluation.evaluator),
    }


def opening_notes(
    period: Period,
    evaluations: Iterable[Evaluation],
    rules: engine.Sjc2023Rules,
    calendar: WorkCalendar,
    *,
    ended: bool,
) -> Iterator[Note]:
    """What to tell about each evaluation of the quarter, for `notify_many`: HR (KPI: the
    actual values, p.22) and, once the quarter has `ended`, the evaluator (the sheet) and the
    servant (p.26, p.30) what the evaluation needs and by when; the dedupe keys send each once.
    The HR users are looked up once; the evaluations come with ``servant__user`` and
    ``evaluator__user``."""
    roster_url = reverse("evaluations:schedule_roster", args=[period.pk])
    schedule_url = schedule_page_url(period.schedule)
    sheet_url = pk_links("evaluations:sheet", fallback=roster_url)
    actuals_url = pk_links("evaluations:sheet_actuals", fallback=roster_url)
    hr_users: list[Account] | None = None
    for evaluation in evaluations:
        if evaluation.status == EvaluationStatus.NOT_EVALUATED:
            continue
        servant = evaluation.servant
        due = day_text(evaluation.due_date)
        if ended and evaluation.evaluator is not None:
            yield Note(
                recipient=evaluation.evaluator,
                kind="sheet_to_fill",
                params={"servant": servant.full_name, "period": period, "due": due},
                url=sheet_url(evaluation.pk),
                dedupe_key=sheet_key(period, servant.pk),
            )
        if ended and not evaluation.in_absentia:  # the dismissed are evaluated without them (p.6)
            yield Note(
                recipient=servant,
                kind="evaluation_notice",
                params={"period": period, "due": due},
                url=schedule_url,
                dedupe_key=notice_key(period, servant.pk),
            )
        if evaluation.method == Method.KPI:
            if hr_users is None:
                organisation = period.schedule.organisation
                hr_users = list(users_with_role(organisation, Role.HR)) or list(
                    users_with_role(organisation, Role.HR_HEAD)
                )
            actuals = engine.actuals_due(rules, calendar, evaluation.due_date)
            for user in hr_users:
                yield Note(
                    recipient=user,
                    kind="actuals_to_fill",
                    params={
                        "servant": servant.full_name,
                        "period": period,
                        "due": day_text(actuals),
                    },
                    url=actuals_url(evaluation.pk),
                    dedupe_key=actuals_key(period, servant.pk),
                )


def opening_notify(
    period: Period,
    rules: engine.Sjc2023Rules,
    calendar: WorkCalendar,
    *,
    ended: bool,
    evaluations: list[Evaluation] | None = None,
) -> int:
    """Send the `opening_notes` of every evaluation of the period in bulk; returns how many
    notifications went out. `evaluations`: every evaluation of the period when the caller holds
    them (a first opening: those it just created, with the roster's servants and users), instead
    of reading them back; their evaluators' users are then read in one query."""
    if evaluations is None:
        evaluations = list(
            Evaluation.objects.filter(period=period)
            .select_related("servant__user", "evaluator__user")
            .order_by("pk")
        )
    else:
        _with_users([e.evaluator for e in evaluations if e.evaluator is not None])
    return len(notify_many(opening_notes(period, evaluations, rules, calendar, ended=ended)))


def _with_users(servants: list[Servant]) -> None:
    """Load the user of each servant that comes without it, in one query."""
    missing = {s.pk for s in servants if not Servant.user.is_cached(s)}
    if not missing:
        return
    users = {s.pk: s.user for s in Servant.objects.filter(pk__in=missing).select_related("user")}
    for servant in servants:
        if servant.pk in users:
            servant.user = users[servant.pk]


#: The fields `roster_reapply` may change, written at once (`core.bulk.bulk_change`).
REAPPLIED = ("status", "reason", "due_date", "method", "assignment", "evaluator", "version")


def roster_reapply(period: Period, *, actor: User | None) -> list[Evaluation]:
    """Apply the roster as it stands to the period's unsigned evaluations (a quarter prepared
    before it ended, or a structure changed since): eligibility (p.5, p.6), status, due date,
    method and post; the evaluator only where there was none. Audited; returns what changed.

    In bulk (issue 12 item 2): the roster computed once, the changed rows written and audited
    in batches. The KPI sheets' rows are the callers' next step (`kpi_sheets_follow_plans`)."""
    rows = {row.servant.pk: row for row in computed_roster(period)}
    changed: list[Evaluation] = []
    audited: list[tuple[Evaluation, str, dict[str, tuple[Any, Any]]]] = []
    evaluations = (
        Evaluation.objects.select_for_update(of=("self",))
        .filter(period=period, status__in=UNSIGNED)
        .select_related("servant", "evaluator", "period__schedule")
        .order_by("pk")
    )
    for evaluation in evaluations:
        row = rows.get(evaluation.servant_id)
        if row is None:
            continue
        wanted = {
            "status": REASON_STATUS[row.reason],
            "reason": row.reason,
            "due_date": row.due,
            "method": row.method,
            "assignment_id": row.assignment.pk,
        }
        if evaluation.evaluator_id is None and row.evaluator is not None:
            wanted["evaluator_id"] = row.evaluator.pk
        changes = {
            key: (getattr(evaluation, key), value)
            for key, value in wanted.items()
            if getattr(evaluation, key) != value
        }
        if not changes:
            continue
        for key, value in wanted.items():
            setattr(evaluation, key, value)
        evaluation.version += 1
        evaluation.updated_at = clock.now()
        changed.append(evaluation)
        audited.append((evaluation, f"{evaluation}: the roster applied again (p.5, p.6)", changes))
    bulk_change(changed, [*REAPPLIED, "updated_at"])
    audit_log_many(
        actor=actor, action="update", organisation=period.schedule.organisation, items=audited
    )
    return changed


@dataclass(frozen=True)
class NoticeReport:
    """What a run of the notices job did."""

    notices: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return f"{self.notices} notices sent, {self.updated} evaluations updated"


def _period_notices(period: Period, today: dt.date, calendar: WorkCalendar) -> NoticeReport:
    schedule = period.schedule
    try:
        rules = rules_of(schedule)
    except DomainError:  # a schedule of another model
        return NoticeReport()
    assert period.number is not None
    if today < notices_from(rules, calendar, schedule.year, period.number):
        return NoticeReport()
    if period.status == PeriodStatus.OPEN:
        updated = len(roster_reapply(period, actor=None))
        kpi_sheets_follow_plans(period=period)
        return NoticeReport(opening_notify(period, rules, calendar, ended=True), updated)
    notes = (  # not opened by HR: the servants are told all the same
        Note(
            recipient=row.servant,
            kind="evaluation_notice",
            params={"period": period, "due": day_text(row.due)},
            url=schedule_page_url(period.schedule),
            dedupe_key=notice_key(period, row.servant.pk),
        )
        for row in computed_roster(period)
        if row.evaluated and row.reason != "in_absentia"
    )
    return NoticeReport(len(notify_many(notes)), 0)


def quarter_notices_send(*, today: dt.date | None = None) -> NoticeReport:
    """Periodic job: for each quarter of an approved schedule that has ended and whose deadline
    has not passed, from the first working day after its end: the notices of p.26 and p.30 to the
    servants (from the roster when HR has not opened it), and for an opened quarter the roster
    applied again and the evaluators' and HR's notices — each notice once."""
    day = today or clock.today()
    calendar = work_calendar()
    periods = (
        Period.objects.filter(
            kind=PeriodKind.QUARTER,
            schedule__status=ScheduleStatus.APPROVED,
            status__in=OPENABLE,
            ends__lt=day,
            deadline__gte=day,
        )
        .select_related("schedule__organisation")
        .order_by("ends", "pk")
    )
    notices = updated = 0
    for period in periods:
        with transaction.atomic():
            report = _period_notices(period, day, calendar)
        notices += report.notices
        updated += report.updated
    return NoticeReport(notices, updated)
