"""Services shared by the stages of an evaluation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    ServiceRecordEntry,
)
from bagalau.plans.models import Kpi, PlanStatus

FINALISABLE = (
    EvaluationStatus.SIGNED,
    EvaluationStatus.ACKNOWLEDGED,
    EvaluationStatus.REFUSED,
    EvaluationStatus.CALIBRATION,
)


def evaluation_finalize(
    *,
    actor: Any,
    evaluation: Evaluation,
    final_score: Decimal | None = None,
    final_rating: str | None = None,
) -> Evaluation:
    """Make the result final and enter it into the servant's service record (SPEC §4.7, §5).

    `final_score`/`final_rating` are the calibrated result when a calibration session changed it;
    otherwise the evaluator's score stands.
    """
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.status not in FINALISABLE:
            raise DomainError(
                "status",
                N_("Only a signed evaluation can become final (it is %(status)s)."),
                status=locked.get_status_display(),
            )
        if locked.score is None:
            raise DomainError("score", N_("The evaluation has no score yet."))
        before = {
            "status": locked.status,
            "final_score": locked.final_score,
            "final_rating": locked.final_rating,
        }
        locked.final_score = final_score if final_score is not None else locked.score
        locked.final_rating = final_rating or locked.rating
        locked.status = EvaluationStatus.FINAL
        locked.completed_at = clock.now()
        locked.version += 1
        locked.save()
        ServiceRecordEntry.objects.update_or_create(
            evaluation=locked,
            defaults={
                "servant": locked.servant,
                "score": locked.final_score,
                "rating": locked.final_rating,
                "period": str(locked.period),
                "method": locked.method,
            },
        )
        audit_log(
            actor=actor,
            action="finalize",
            obj=locked,
            summary=str(locked),
            changes={key: (value, getattr(locked, key)) for key, value in before.items()},
        )
    evaluation.refresh_from_db()
    return evaluation


def kpi_results_sync(*, evaluation: Evaluation) -> list[KpiResult]:
    """Make sure a KPI sheet has one row per KPI of the servant's approved (or posted) work plan
    that has a planned value in the evaluated quarter; returns the rows in KPI order."""
    if evaluation.method != Method.KPI or evaluation.period.number is None:
        return []
    quarter = evaluation.period.number
    kpis = Kpi.objects.filter(
        plan__servant=evaluation.servant,
        plan__year=evaluation.period.schedule.year,
        plan__status__in=[PlanStatus.APPROVED, PlanStatus.POSTED],
        **{f"plan_q{quarter}__isnull": False},
    ).order_by("number")
    with transaction.atomic():
        for kpi in kpis:
            KpiResult.objects.get_or_create(evaluation=evaluation, kpi=kpi)
    return list(evaluation.kpi_results.select_related("kpi").order_by("kpi__number"))
