"""The commission chair's consent to a year's schedule, as HR records it (typical-2018: seed 004
p.29 "Комиссия төрағасының келісімімен"; moj-2017: seed 001 p.14 "Бағалау жөніндегі комиссия
төрағасының келісімі бойынша"; EDITIONS.md §2.2 D1, §5.2 C1): one service body for both models,
each with its own consent row (`ChairConsentRecord`) and schedule workflow, the lock on a
model's schedule its services take, the schedule row every model's drafting creates and the
mark of a period opened (issue 9)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import ChairConsentRecord, Period, PeriodStatus, Schedule
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


def period_mark_open(period: Period) -> str:
    """Mark the (locked) period open, the time of its first opening kept; returns the status it
    had. The caller audits the opening with what else it did."""
    updates: dict[str, object] = {"status": PeriodStatus.OPEN}
    if period.opened_at is None:
        updates["opened_at"] = clock.now()
    old = period.status
    Period.objects.filter(pk=period.pk).update(**updates)
    for name, value in updates.items():
        setattr(period, name, value)
    return old


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
        summary=str(schedule),
        changes={
            "status": (schedule.status, new),
            "chair": (None, chair_name),
            "agreed_on": (None, agreed_on),
            "reference": (None, reference),
        },
    )
    schedule.status = new
    return consent
