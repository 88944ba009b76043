"""Writes of the moj-2017 training referrals (seed 001 p.43; EDITIONS.md §9.4 M-10): "«Б»
корпусының қызметшісі Комиссия оның қызметін жылдық бағалаудың нәтижелерін бекіткеннен кейін үш
ай ішінде оқуға (біліктілік арттыру курстарына) жіберіледі", in the "қанағаттанарлықсыз болып
танылған қызмет бағыты". The HR service records the direction(s) and the day it referred the
servant, then the training done; the life cycle is TRAINING_REFERRAL_FLOW. Dates may lie in the
past (EDITIONS.md §9 G-1) but never before the approval nor after today; the due date is shown,
never enforced."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.consequences.models import TRAINING_REFERRAL_FLOW, TrainingReferral, TrainingStatus
from bagalau.consequences.moj import approved_filter, approved_on, is_training_case
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation
from bagalau.org.access import HR_ROLES, require_hr
from bagalau.org.selectors import organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User


def _text(value: str, field: str, missing: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise DomainError(field, missing)
    if len(text) > bounds.LONG_TEXT:
        raise DomainError(field, N_("At most %(max)s characters."), max=bounds.LONG_TEXT)
    return text


def _day(value: object, field: str, earliest: dt.date, message: str) -> dt.date:
    """A date between `earliest` and today; `message` names the two (start, end)."""
    if not isinstance(value, dt.date):
        raise DomainError(field, N_("Enter a date."))
    today = clock.today()
    if not earliest <= value <= today:
        raise DomainError(field, message, start=f"{earliest:%d.%m.%Y}", end=f"{today:%d.%m.%Y}")
    return value


def _locked_case(
    actor: User, evaluation_id: int, step: str
) -> tuple[Evaluation, TrainingReferral | None]:
    """The approved unsatisfactory annual result (locked) of an organisation whose HR service
    the actor is, and its referral row (locked), when TRAINING_REFERRAL_FLOW opens `step` (a
    result with no row yet is due); a result elsewhere is refused as a missing one."""
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .filter(
            approved_filter(),
            pk=evaluation_id,
            period__schedule__organisation__in=organisations_where(actor, *HR_ROLES),
        )
        .select_related("servant", "period__schedule__organisation")
        .first()
    )
    if evaluation is None or not is_training_case(evaluation):
        raise DomainError("evaluation", N_("Choose an approved unsatisfactory annual result."))
    row = TrainingReferral.objects.select_for_update().filter(evaluation=evaluation).first()
    status = row.status if row is not None else TrainingStatus.DUE
    TRAINING_REFERRAL_FLOW.require(
        step, status, label=str(TrainingStatus(status).label), field_name="status"
    )
    return evaluation, row


def training_referral_refer(
    *, actor: User, evaluation_id: int, directions: str, referred_on: dt.date
) -> TrainingReferral:
    """The HR service refers the servant to training in the direction(s) found unsatisfactory
    (p.43): the direction is required (HR writes it; the page suggests the engine's
    `training_directions`), the day lies between the approval and today. Recording it again
    while referred corrects it. Audited."""
    require_hr(actor, doing="refer to training and record it")
    with transaction.atomic():
        evaluation, row = _locked_case(actor, evaluation_id, "refer")
        text = _text(directions, "directions", N_("Write the direction of training (p.43)."))
        approved = approved_on(evaluation)
        day = _day(
            referred_on,
            "referred_on",
            approved,
            N_(
                "The referral's date must fall between %(start)s, when the commission approved "
                "the annual result, and today (%(end)s)."
            ),
        )
        before = (
            {} if row is None else {"directions": row.directions, "referred_on": row.referred_on}
        )
        if row is None:
            row = TrainingReferral(
                organisation=evaluation.period.schedule.organisation,
                servant=evaluation.servant,
                evaluation=evaluation,
            )
        else:
            row.version += 1
        row.status = TrainingStatus.REFERRED
        row.directions, row.referred_on, row.referred_by = text, day, account(actor)
        row.save()
        audit_log(
            actor=actor,
            action="create" if not before else "update",
            obj=row,
            summary=f"{evaluation.servant}: training referral",
            changes={
                "directions": (before.get("directions"), text),
                "referred_on": (before.get("referred_on"), day),
            },
        )
    return row


def training_referral_complete(
    *, actor: User, evaluation_id: int, done_on: dt.date, training: str
) -> TrainingReferral:
    """The HR service records the training the referred servant attended and its day, which is
    neither before the referral nor after today. Audited."""
    require_hr(actor, doing="refer to training and record it")
    with transaction.atomic():
        evaluation, row = _locked_case(actor, evaluation_id, "complete")
        assert row is not None
        text = _text(training, "training", N_("Name the training attended."))
        day = _day(
            done_on,
            "done_on",
            row.referred_on,
            N_(
                "The training cannot be done before the servant was referred: its date falls "
                "between %(start)s, the referral, and today (%(end)s)."
            ),
        )
        row.status, row.done_on, row.training = TrainingStatus.DONE, day, text
        row.done_by = account(actor)
        row.version += 1
        row.save()
        audit_log(
            actor=actor,
            action="update",
            obj=row,
            summary=f"{evaluation.servant}: training done",
            changes={"done_on": (None, day), "training": (None, text)},
        )
    return row
