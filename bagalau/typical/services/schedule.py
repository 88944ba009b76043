"""The typical-2018 year's schedule and its annual evaluation (seed 004 p.4, p.18, p.29;
EDITIONS.md §2.1, §2.2 D1-D2, §9 G-1-G-4, T-1, T-5, T-6, T-20).

HR draws up the schedule of the year with one annual period, sets the evaluation date and
records the commission chair's consent (p.29, D1), which puts it in force. HR then opens the
period: one Evaluation per servant in a "B" post on the evaluation date, evaluated, deferred or
not evaluated as methodology.eligibility says, and the notice to the evaluators (D2), which is
due 7 working days before the evaluation date (shown, never enforced).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    Period,
    PeriodKind,
    Schedule,
)
from bagalau.evaluations.selectors.schedule import is_member
from bagalau.evaluations.services.eligibility import period_eligible_open
from bagalau.evaluations.services.schedule_consent import (
    PeriodDraft,
    model_period_locked,
    model_schedule_locked,
    schedule_consent_write,
    schedule_draft_write,
    schedule_require_consent,
)
from bagalau.evaluations.workflow import PERIOD_FLOW
from bagalau.methodology import MethodologyError
from bagalau.methodology.timing import WorkflowWarning
from bagalau.methodology.typical2018_workflow import (
    evaluation_date_warning,
    evaluation_window,
    notice_due,
)
from bagalau.notifications.services import Note, notify_many
from bagalau.org.access import require_hr
from bagalau.org.models import Organisation, Servant
from bagalau.org.selectors import StructureIndex, organisation_edition, work_calendar
from bagalau.typical.common import MODEL, rules_for, workflow_for
from bagalau.typical.models import TYPICAL_SCHEDULE_FLOW, ChairConsent

if TYPE_CHECKING:
    from bagalau.core.types import User


#: What only the HR service does here: it draws up and runs the schedule (p.29).
SCHEDULE = "run the evaluation schedule"


def annual_period(schedule: Schedule) -> Period:
    """The schedule's one period: the evaluated calendar year (T-1)."""
    return schedule.periods.get(kind=PeriodKind.ANNUAL)


def typical_schedule_draft(
    *,
    actor: User,
    organisation: Organisation,
    year: int,
    evaluation_date: dt.date | None = None,
) -> Schedule:
    """HR draws up the year's schedule (p.29, D1) under the typical-2018 edition the organisation
    evaluates under at the end of the year, which is when the year is evaluated (p.18), and which
    must itself be in force then (its act repealed: refused): one annual period, the calendar
    year (T-1), whose legal deadline is the end of the window T-1 expects the evaluation in
    (31 January of the next year) and whose planned date, the evaluation date, is HR's (by
    default the window's first day)."""
    if not is_member(actor, organisation):
        raise Http404("No such organisation.")
    require_hr(actor, organisation, doing=SCHEDULE)
    year_end = dt.date(year, 12, 31)
    try:
        edition = organisation_edition(organisation, year_end)
    except MethodologyError as error:
        raise DomainError(
            "year",
            N_("No methodology edition was in force in the organisation on 31 December %(year)s."),
            year=year,
        ) from error
    if edition.model != MODEL:
        raise DomainError(
            "year",
            N_(
                "On 31 December %(year)s the organisation evaluates under %(edition)s, not "
                "typical-2018."
            ),
            year=year,
            edition=edition.code,
        )
    if not edition.in_force_on(year_end):
        raise DomainError(
            "year",
            N_("%(edition)s was no longer in force on 31 December %(year)s."),
            year=year,
            edition=edition.code,
        )
    rules = rules_for(edition.code)
    window_start, window_end = evaluation_window(rules, year)
    planned = evaluation_date or window_start
    _check_date(year, planned, window_end)
    return schedule_draft_write(
        actor=actor,
        organisation=organisation,
        year=year,
        edition=edition.code,
        periods=[
            PeriodDraft(
                PeriodKind.ANNUAL,
                dt.date(year, 1, 1),
                dt.date(year, 12, 31),
                window_end,
                planned_date=planned,
            )
        ],
        changes={"evaluation_date": (None, planned)},
    )


def _check_date(year: int, day: dt.date, last: dt.date) -> None:
    """The evaluation date lies in the evaluated year or after it, by the window's end."""
    if day < dt.date(year, 1, 1) or day > last:
        raise DomainError(
            "evaluation_date",
            N_("The evaluation of %(year)s is held from 1 January %(year)s to %(last)s."),
            year=year,
            last=day_text(last),
        )


def typical_schedule_set_date(
    *, actor: User, schedule_id: int, evaluation_date: dt.date
) -> list[WorkflowWarning]:
    """HR sets the evaluation date while the schedule is a draft; a date outside 1 December to
    31 January is warned about (T-1), never refused."""
    with transaction.atomic():
        schedule = model_schedule_locked(actor, schedule_id, MODEL)
        require_hr(actor, schedule.organisation, doing=SCHEDULE)
        TYPICAL_SCHEDULE_FLOW.require(
            "set_date", schedule.status, label=schedule.get_status_display()
        )
        period = Period.objects.select_for_update().get(schedule=schedule, kind=PeriodKind.ANNUAL)
        _check_date(schedule.year, evaluation_date, period.deadline)
        before = period.planned_date
        Period.objects.filter(pk=period.pk).update(planned_date=evaluation_date)
        audit_log(
            actor=actor,
            action="update",
            obj=period,
            changes={"planned_date": (before, evaluation_date)},
        )
    return date_warnings(schedule, evaluation_date)


def date_warnings(schedule: Schedule, evaluation_date: dt.date) -> list[WorkflowWarning]:
    """The T-1 warning on the evaluation date, if any."""
    warning = evaluation_date_warning(rules_for(schedule.edition), schedule.year, evaluation_date)
    return [] if warning is None else [warning]


def typical_schedule_record_consent(
    *,
    actor: User,
    schedule_id: int,
    chair_name: str,
    agreed_on: dt.date,
    reference: str = "",
) -> ChairConsent:
    """HR records the commission chair's consent to the draft schedule (p.29, D1), which puts it
    in force: who the chair is, the day, the document. The commission app will name the chair;
    until then HR types the name (our decision). A day in the future is refused."""
    with transaction.atomic():
        schedule = model_schedule_locked(actor, schedule_id, MODEL)
        require_hr(actor, schedule.organisation, doing=SCHEDULE)
        return schedule_consent_write(
            ChairConsent,
            actor=actor,
            schedule=schedule,
            flow=TYPICAL_SCHEDULE_FLOW,
            chair_name=chair_name,
            agreed_on=agreed_on,
            reference=reference,
        )


@dataclass(frozen=True)
class TypicalPeriodOpened:
    """The opened period, the evaluations created, and the notice's due date (D2): the notice
    went out `late_by` working days after it (0: in time)."""

    period: Period
    created: list[Evaluation]
    notice_due: dt.date
    late_by: int


def typical_period_open(*, actor: User, period_id: int) -> TypicalPeriodOpened:
    """HR opens the annual period of a schedule in force: one Evaluation (method
    KPI_COMPETENCY) per servant holding a "B" post on the evaluation date (G-4), pending,
    deferred to the 5th working day after the return (p.4, T-20) or not evaluated (under
    3 months in the position counted also from a return from social leave, probation, on social
    leave; p.4, G-2, G-3), with the direct manager as evaluator. The evaluators, the superior
    managers and, for information, the servants are told (D2, T-6). Opening again adds only
    servants not yet in it; nobody is told twice. The absences and the posts are read once,
    the evaluations, their audit rows and the notices written in batches (issue 12 item 2)."""
    with transaction.atomic():
        period = model_period_locked(
            actor, period_id, MODEL, {PeriodKind.ANNUAL}, with_schedule=True
        )
        schedule = period.schedule
        require_hr(actor, schedule.organisation, doing=SCHEDULE)
        schedule_require_consent(schedule, TYPICAL_SCHEDULE_FLOW)
        PERIOD_FLOW.require("open", period.status, label=period.get_status_display())
        calendar, day = work_calendar(), period.planned_date
        due = notice_due(rules_for(schedule.edition), calendar, day)
        late_by = calendar.working_days_between(due, clock.today())
        created = period_eligible_open(
            actor=actor,
            period=period,
            method=Method.KPI_COMPETENCY,
            day=day,
            rules=workflow_for(schedule.edition).eligibility,
            calendar=calendar,
            count_returns=True,
            changes={"notice_due": (None, due), "notice_late_by": (None, late_by)},
        )
        notify_many(_notices(period, created))
    return TypicalPeriodOpened(period=period, created=created, notice_due=due, late_by=late_by)


def _notices(period: Period, created: list[Evaluation]) -> Iterator[Note]:
    """The notice of p.29 (D2) to the direct and superior managers, and to the servant for
    information (T-6), of each evaluation opened (not the servants not evaluated); the
    managers from one `StructureIndex`, the recipients' logins in one query."""
    evaluated = [e for e in created if e.status != EvaluationStatus.NOT_EVALUATED]
    if not evaluated:
        return
    index = StructureIndex(period.schedule.organisation, period.planned_date)
    superiors = {e.pk: index.superior_manager(e.servant) for e in evaluated}
    wanted = {e.servant_id for e in evaluated} | {e.evaluator_id for e in evaluated}
    wanted |= {s.pk for s in superiors.values() if s is not None}
    people = Servant.objects.select_related("user").in_bulk([pk for pk in wanted if pk])
    for evaluation in evaluated:
        url = reverse("typical:evaluation", args=[evaluation.pk])
        params = {
            "servant": evaluation.servant.full_name,
            "period": period,
            "due": day_text(evaluation.due_date),
        }
        evaluator = people.get(evaluation.evaluator_id) if evaluation.evaluator_id else None
        yield Note(
            recipient=evaluator,
            kind="sheet_to_fill",
            params=params,
            url=url,
            dedupe_key=f"typical{evaluation.pk}:notice:evaluator",
        )
        superior = superiors[evaluation.pk]
        if superior is not None and superior.pk != evaluation.evaluator_id:
            yield Note(
                recipient=people[superior.pk],
                kind="typical_notice_superior",
                params=params,
                url=url,
                dedupe_key=f"typical{evaluation.pk}:notice:superior",
            )
        yield Note(
            recipient=people[evaluation.servant_id],
            kind="evaluation_notice",
            params={"period": period, "due": params["due"]},
            url=url,
            dedupe_key=f"typical{evaluation.pk}:notice:servant",
        )
