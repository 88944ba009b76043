"""Services shared by the stages of an evaluation."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

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
from bagalau.evaluations.selectors.sheets import evaluation_load, planned_kpis
from bagalau.evaluations.services.annual import annual_recompute
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import rate

if TYPE_CHECKING:
    from bagalau.core.types import User

FINALISABLE = (
    EvaluationStatus.SIGNED,
    EvaluationStatus.ACKNOWLEDGED,
    EvaluationStatus.REFUSED,
    EvaluationStatus.CALIBRATION,
)


def evaluation_finalize(
    *,
    actor: User | None,
    evaluation: Evaluation,
    final_score: Decimal | None = None,
    final_rating: str | None = None,
) -> Evaluation:
    """Make the result final and enter it into the servant's service record (SPEC §4.7, §5);
    a quarter's annual result, once computed, is brought in line at once (p.4).

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
        if final_rating:
            locked.final_rating = final_rating
        elif final_score is not None and final_score != locked.score:
            # A changed score takes its own rating, never the evaluator's one.
            locked.final_rating = _rate(locked.edition, final_score)
        else:
            locked.final_rating = locked.rating
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
        if locked.method != Method.ANNUAL:
            annual_recompute(
                actor=actor,
                servant=locked.servant,
                year=locked.period.schedule.year,
                cause=locked,
            )
    evaluation.refresh_from_db()
    return evaluation


def _rate(edition: str, score: Decimal) -> str:
    """The p.7 rating of a score under the evaluation's edition."""
    try:
        return rate(sjc2023_rules(get_edition(edition)), score).code
    except (MethodologyError, ValueError) as error:
        raise DomainError("final_score", N_("The final score cannot be rated.")) from error


#: Sheets whose KPI rows may still follow the work plan (a signed sheet keeps what was signed).
OPEN_SHEET = (EvaluationStatus.PENDING, EvaluationStatus.DEFERRED)


def kpi_results_sync(*, evaluation: Evaluation) -> list[KpiResult]:
    """Make sure a KPI sheet has one row per KPI of the servant's approved (or posted) work plan
    that has a planned value in the evaluated quarter; returns the rows in KPI order.

    Only a sheet not yet signed follows the plan; a row whose KPI is no longer planned that
    quarter (a p.25 change) is left out of the sheet, and its data kept."""
    if evaluation.method != Method.KPI or evaluation.period.number is None:
        return []
    rows = evaluation.kpi_results.select_related("kpi").order_by("kpi__number", "pk")
    # The stored status decides, not the caller's copy, which may predate the signature.
    status = Evaluation.objects.filter(pk=evaluation.pk).values_list("status", flat=True).first()
    if status not in OPEN_SHEET:
        return list(rows)
    kpis = planned_kpis(evaluation)
    with transaction.atomic():
        for kpi in kpis:
            KpiResult.objects.get_or_create(evaluation=evaluation, kpi=kpi)
    return list(rows.filter(kpi__in=kpis))


def evaluation_locked(evaluation_id: int) -> Evaluation:
    """The evaluation with what the sheets need, its row locked for the rest of the transaction
    (Http404 when it does not exist; callers check access)."""
    evaluation = evaluation_load(evaluation_id)
    list(Evaluation.objects.select_for_update().filter(pk=evaluation.pk).values_list("pk"))
    evaluation.refresh_from_db()
    return evaluation
