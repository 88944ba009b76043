"""The commission chair's consent to a year's schedule, as HR records it (typical-2018: seed 004
p.29 "Комиссия төрағасының келісімімен"; moj-2017: seed 001 p.14 "Бағалау жөніндегі комиссия
төрағасының келісімі бойынша"; EDITIONS.md §2.2 D1, §5.2 C1): one service body for both models,
each with its own consent row (`ChairConsentRecord`) and schedule workflow, the lock on a
model's schedule or period its services take, the schedule row and periods every model's
drafting creates and the mark of a period opened (issue 9)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import (
    ChairConsentRecord,
    Period,
    PeriodStatus,
    Schedule,
    ScheduleStatus,
)
from bagalau.evaluations.selectors.schedule import is_member

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.core.workflow import Workflow
    from bagalau.org.models import Organisation

Consent = TypeVar("Consent", bound=ChairConsentRecord)


def schedule_row_create(
    *, actor: User, organisation: Organisation, year: int, edition: str
) -> Schedule:
    """The draft schedule of `organisation` for `year` under `edition`, drafted by `actor`; a
    DomainError on "year" when the year has one already (drafted by someone else a moment ago
    too). The caller holds the transaction and adds the periods and the audit entry."""
    try:
        with transaction.atomic():
            return Schedule.objects.create(
                organisation=organisation, year=year, edition=edition, drafted_by=account(actor)
            )
    except IntegrityError as error:
        raise DomainError(
            "year", N_("There is already an evaluation schedule for %(year)s."), year=year
        ) from error


@dataclass(frozen=True)
class PeriodDraft:
    """A period of a schedule being drawn up: its kind, quarter number (quarters only), the
    days evaluated, the legal deadline and the planned date (the deadline unless given)."""

    kind: str
    starts: dt.date
    ends: dt.date
    deadline: dt.date
    planned_date: dt.date | None = None
    number: int | None = None


def schedule_draft_write(
    *,
    actor: User,
    organisation: Organisation,
    year: int,
    edition: str,
    periods: Iterable[PeriodDraft],
    changes: Mapping[str, tuple[object, object]] | None = None,
) -> Schedule:
    """The draft schedule (`schedule_row_create`) with its `periods`, audited as created with
    its status, year and edition and the model's `changes`; in one transaction. The caller has
    checked the actor and computed the periods from its edition's rules."""
    with transaction.atomic():
        schedule = schedule_row_create(
            actor=actor, organisation=organisation, year=year, edition=edition
        )
        for period in periods:
            Period.objects.create(
                schedule=schedule,
                kind=period.kind,
                number=period.number,
                starts=period.starts,
                ends=period.ends,
                deadline=period.deadline,
                planned_date=period.planned_date or period.deadline,
            )
        audit_log(
            actor=actor,
            action="create",
            obj=schedule,
            changes={
                "status": (None, ScheduleStatus.DRAFT),
                "year": (None, year),
                "edition": (None, edition),
                **(changes or {}),
            },
        )
    return schedule


def period_mark_open(
    period: Period,
    *,
    actor: User,
    had: int,
    created: int,
    changes: Mapping[str, tuple[object, object]] | None = None,
) -> None:
    """Mark the (locked) period open, the time of its first opening kept, and audit the opening:
    the status it had, the evaluations it had (`had`) and holds now (`created` more), and what
    else the caller did (`changes`)."""
    updates: dict[str, object] = {"status": PeriodStatus.OPEN}
    if period.opened_at is None:
        updates["opened_at"] = clock.now()
    old = period.status
    Period.objects.filter(pk=period.pk).update(**updates)
    for name, value in updates.items():
        setattr(period, name, value)
    audit_log(
        actor=actor,
        action="open",
        obj=period,
        changes={
            "status": (old, PeriodStatus.OPEN),
            "evaluations": (had, had + created),
            **(changes or {}),
        },
    )


def schedule_locked(actor: User, schedule_id: int) -> Schedule:
    """The schedule, locked; Http404 for users outside its organisation."""
    schedule = (
        Schedule.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=schedule_id)
        .first()
    )
    if schedule is None or not is_member(actor, schedule.organisation):
        raise Http404("No such schedule.")
    return schedule


def model_schedule_locked(actor: User, schedule_id: int, model: str) -> Schedule:
    """The schedule of an evaluation `model` (``typical2018``, ``moj2017``), locked; Http404
    outside its organisation or for another model's schedule."""
    schedule = schedule_locked(actor, schedule_id)
    if schedule.model != model:
        raise Http404(f"No such {model} schedule.")
    return schedule


def period_locked(actor: User, period_id: int, *, with_schedule: bool = False) -> Period:
    """The period with its schedule, locked (the schedule too `with_schedule`, where its status
    decides what may happen to the period); Http404 for users outside its organisation."""
    period = (
        Period.objects.select_for_update(of=("self", "schedule") if with_schedule else ("self",))
        .select_related("schedule__organisation")
        .filter(pk=period_id)
        .first()
    )
    if period is None or not is_member(actor, period.schedule.organisation):
        raise Http404("No such period.")
    return period


def model_period_locked(
    actor: User,
    period_id: int,
    model: str,
    kinds: Collection[str],
    *,
    with_schedule: bool = False,
) -> Period:
    """The period (of a `kinds`) of a schedule of an evaluation `model`, locked (its schedule
    too `with_schedule`); Http404 outside its organisation or for another model or kind."""
    period = period_locked(actor, period_id, with_schedule=with_schedule)
    if period.schedule.model != model or period.kind not in kinds:
        raise Http404(f"No such {model} period.")
    return period


def schedule_consent_write(
    model: type[Consent],
    *,
    actor: User,
    schedule: Schedule,
    flow: Workflow,
    chair_name: str,
    agreed_on: dt.date,
    reference: str = "",
) -> Consent:
    """Record the chair's consent on `schedule` (locked, the actor checked as its HR service by
    the caller, inside the caller's transaction), which puts it in force (`flow`'s
    ``record_consent``): the chair's name is required, a day in the future refused; audited."""
    chair_name, reference = (chair_name or "").strip(), (reference or "").strip()
    flow.require("record_consent", schedule.status, label=schedule.get_status_display())
    if not chair_name:
        raise DomainError("chair_name", N_("Name the commission chair who consented."))
    if agreed_on > clock.today():
        raise DomainError("agreed_on", N_("The consent cannot be dated in the future."))
    now = clock.now()
    consent = model._default_manager.create(
        schedule=schedule,
        chair_name=chair_name,
        agreed_on=agreed_on,
        reference=reference,
        recorded_by=account(actor),
        recorded_at=now,
    )
    new = flow.target("record_consent", schedule.status)
    Schedule.objects.filter(pk=schedule.pk).update(
        status=new, approved_by=account(actor), approved_at=now, updated_at=now
    )
    audit_log(
        actor=actor,
        action="approve",
        obj=schedule,
        changes={
            "status": (schedule.status, new),
            "chair": (None, chair_name),
            "agreed_on": (None, agreed_on),
            "reference": (None, reference),
        },
    )
    schedule.status = new
    return consent


def schedule_require_consent(schedule: Schedule, flow: Workflow) -> None:
    """Refuse, naming the schedule, to open a period of a schedule not in force under its
    model's `flow`: the commission chair has not consented to it yet (seed 004 p.29, seed 001
    p.14 C1)."""
    if schedule.status not in flow.group("in_force"):
        raise DomainError(
            "schedule",
            N_("Record the commission chair's consent to the %(year)s schedule first."),
            year=schedule.year,
        )
