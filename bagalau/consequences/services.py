"""Writes of the register of decisions (seed 002 p.8): "НМИ қол жеткізу нәтижелері мен саралау
әдісі бойынша бағалау нәтижелері бонустарды төлеу, көтермелеу, оқыту, ротация, мемлекеттік
лауазымда төмендету немесе жұмыстан босату бойынша шешімдер қабылдауға негіз болып табылады"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.consequences.access import may_record
from bagalau.consequences.models import ORDER_NUMBER, Decision
from bagalau.consequences.selectors import basis_text, rules_of
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.methodology import MethodologyError
from bagalau.methodology.decisions import check_decision
from bagalau.org.models import Organisation

if TYPE_CHECKING:
    from bagalau.core.types import User


def _text(value: str, field: str, limit: int, missing: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise DomainError(field, missing)
    if len(text) > limit:
        raise DomainError(field, N_("At most %(max)s characters."), max=limit)
    return text


def decision_record(
    *,
    actor: User,
    organisation: Organisation,
    evaluation_id: int,
    kind: str,
    decided_by: str,
    order_number: str,
    order_date: dt.date,
) -> Decision:
    """The HR service records a decision of p.8 on a servant: it cites a *final* KPI,
    differentiation or annual result of that servant in the organisation (a result still open to
    familiarisation or calibration, or a provisional annual one, grounds nothing yet), and the
    result's rating must permit the decision (edition data, ``decisions.yaml``). The order's
    number and date are required; the date lies between the day the result became final and
    today. Audited (without the rating: the audit log is read by more people than p.20 names)."""
    if not may_record(actor, organisation):
        raise PermissionDenied("Only the HR service records decisions.")
    with transaction.atomic():
        evaluation = (
            Evaluation.objects.select_for_update(of=("self",))
            .select_related("servant", "period__schedule")
            .filter(pk=evaluation_id, period__schedule__organisation=organisation)
            .first()
        )
        if evaluation is None:
            raise DomainError("evaluation", N_("Choose a result of a servant of the organisation."))
        if evaluation.status != EvaluationStatus.FINAL or evaluation.completed_at is None:
            raise DomainError(
                "evaluation",
                N_("Only a final result grounds a decision (p.8): this one is %(status)s."),
                status=evaluation.get_status_display(),
            )
        rules = rules_of(evaluation.edition)
        if rules is None:
            raise DomainError(
                "evaluation", N_("The edition of this result keeps no register of decisions.")
            )
        try:
            decision_kind = check_decision(
                rules, (kind or "").strip(), evaluation.method, evaluation.result_rating
            )
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        who = _text(decided_by, "decided_by", bounds.TITLE, N_("Say who took the decision."))
        number = _text(order_number, "order_number", ORDER_NUMBER, N_("Enter the order's number."))
        if not isinstance(order_date, dt.date):
            raise DomainError("order_date", N_("Enter the order's date."))
        earliest, today = timezone.localdate(evaluation.completed_at), clock.today()
        if not earliest <= order_date <= today:
            raise DomainError(
                "order_date",
                N_(
                    "The order's date must fall between %(start)s, when the result became "
                    "final, and today (%(end)s)."
                ),
                start=f"{earliest:%d.%m.%Y}",
                end=f"{today:%d.%m.%Y}",
            )
        decision = Decision.objects.create(
            organisation=organisation,
            servant=evaluation.servant,
            evaluation=evaluation,
            basis=basis_text(evaluation)[: bounds.TITLE],
            rating=evaluation.result_rating,
            edition=evaluation.edition,
            kind=decision_kind.code,
            decided_by=who,
            order_number=number,
            order_date=order_date,
            recorded_by=account(actor),
            recorded_at=clock.now(),
        )
        audit_log(
            actor=actor,
            action="create",
            obj=decision,
            summary=f"{evaluation.servant}: {decision_kind.code}",
            changes={
                "kind": (None, decision_kind.code),
                "evaluation": (None, evaluation.pk),
                "decided_by": (None, who),
                "order_number": (None, number),
                "order_date": (None, order_date),
            },
        )
    return decision
