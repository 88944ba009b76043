"""The chair's consent to the moj-2017 schedule and the opening of a quarter that requires it
(seed 001 p.14 "Персоналды басқару қызметі Бағалау жөніндегі комиссия төрағасының келісімі
бойынша бағалауды өткізу кестесін жасайды"; EDITIONS.md §5.2 C1).

HR records who the chair is, the day of the consent and the document; the schedule is then in
force (MOJ_SCHEDULE_FLOW). A quarter opens (`moj_period_open`) only in a schedule in force.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from bagalau.evaluations.models import Period
from bagalau.evaluations.selectors.schedule import can_manage_schedule, is_member
from bagalau.evaluations.services.schedule_consent import (
    model_schedule_locked,
    schedule_consent_write,
    schedule_require_consent,
)
from bagalau.moj.common import MODEL
from bagalau.moj.models import MOJ_SCHEDULE_FLOW, ScheduleConsent
from bagalau.moj.services.schedule import QuarterOpened, moj_period_open

if TYPE_CHECKING:
    from bagalau.core.types import User


def moj_schedule_record_consent(
    *,
    actor: User,
    schedule_id: int,
    chair_name: str,
    agreed_on: dt.date,
    reference: str = "",
) -> ScheduleConsent:
    """HR records the commission chair's consent to the drafted schedule (p.14, C1), which puts
    it in force. A blank chair, a day in the future or a second consent is refused naming the
    field."""
    with transaction.atomic():
        schedule = model_schedule_locked(actor, schedule_id, MODEL)
        if not can_manage_schedule(actor, schedule.organisation):
            raise PermissionDenied("Only the HR service records the chair's consent.")
        return schedule_consent_write(
            ScheduleConsent,
            actor=actor,
            schedule=schedule,
            flow=MOJ_SCHEDULE_FLOW,
            chair_name=chair_name,
            agreed_on=agreed_on,
            reference=reference,
        )


def moj_quarter_open(*, actor: User, period_id: int) -> QuarterOpened:
    """HR opens a quarter of a schedule in force (`moj_period_open`); before the chair's consent
    it is refused naming the schedule (C1)."""
    with transaction.atomic():
        period = (
            Period.objects.select_related("schedule__organisation").filter(pk=period_id).first()
        )
        if period is None or not is_member(actor, period.schedule.organisation):
            raise Http404("No such period.")
        schedule = model_schedule_locked(actor, period.schedule_id, MODEL)
        if not can_manage_schedule(actor, schedule.organisation):
            raise PermissionDenied("Only the HR service opens a quarter.")
        schedule_require_consent(schedule, MOJ_SCHEDULE_FLOW)
        return moj_period_open(actor=actor, period_id=period_id)
