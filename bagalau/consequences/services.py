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
from bagalau.consequences.moj import EDITIONS, approved_filter, year_of
from bagalau.consequences.selectors import basis_text, rules_of
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.methodology import MethodologyError
from bagalau.methodology.decisions import check_decision, check_run
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


def _citable(evaluation: Evaluation) -> bool:
    """A final result (seed 002 p.8, seed 004 p.7), or an approved moj-2017 one (seed 001 p.35)."""
    if evaluation.edition in EDITIONS:
        return Evaluation.objects.filter(approved_filter(), pk=evaluation.pk).exists()
    return evaluation.status == EvaluationStatus.FINAL and evaluation.completed_at is not None


def annual_ratings(evaluation: Evaluation) -> dict[int, str]:
    """The servant's approved moj-2017 annual ratings by year (p.45)."""
    results = Evaluation.objects.filter(
        approved_filter(),
        servant_id=evaluation.servant_id,
        method=Method.MOJ_ANNUAL,
        period__schedule__organisation_id=evaluation.period.schedule.organisation_id,
    ).select_related("period__schedule")
    return {year_of(e): e.final_rating for e in results}


def decision_record(
    *,
    actor: User,
    organisation: Organisation,
    evaluation_id: int,
    kind: str,
    decided_by: str,
    order_number: str,
    order_date: dt.date,
    reason: str = "",
) -> Decision:
    """The HR service records a decision of p.8 on a servant: it cites a *final* KPI,
    differentiation or annual result of that servant in the organisation (a result still open to
    familiarisation or calibration, or a provisional annual one, grounds nothing yet), and the
    result's rating must permit the decision (edition data, ``decisions.yaml``). The order's
    number and date are required; the date lies between the day the result became final and
    today. Audited (without the rating: the audit log is read by more people than p.20 names).

    moj-2017 (seed 001 p.42, p.45): the result is an approved one (`consequences.moj`); a
    decision of two consecutive unsatisfactory years cites the later year's annual result and the
    servant's approved annual results must make that run; a kind without an order (no action)
    takes no number, and a kind with a reason (dismissal, no action) requires it."""
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
        if not _citable(evaluation):
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
            if decision_kind.consecutive_years > 1:
                check_run(decision_kind, annual_ratings(evaluation), year_of(evaluation))
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        who = _text(decided_by, "decided_by", bounds.TITLE, N_("Say who took the decision."))
        number = ""
        if decision_kind.order or (order_number or "").strip():
            number = _text(
                order_number, "order_number", ORDER_NUMBER, N_("Enter the order's number.")
            )
        why = ""
        if decision_kind.reason or (reason or "").strip():
            why = _text(reason, "reason", bounds.LONG_TEXT, N_("State the reason of the decision."))
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
            reason=why,
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
                "reason": (None, why),
            },
        )
    return decision
