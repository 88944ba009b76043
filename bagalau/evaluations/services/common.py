"""Services shared by the stages of an evaluation."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
    Period,
    ServiceRecordEntry,
)
from bagalau.evaluations.selectors.sheets import evaluation_load, planned_kpis, planned_kpis_of
from bagalau.evaluations.services.annual import annual_recompute
from bagalau.evaluations.workflow import FINALISABLE, OPEN
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import rate

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.core.workflow import Workflow


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
                "period": locked.period.recorded_label(),
                "method": locked.method,
            },
        )
        audit_log(
            actor=actor,
            action="finalize",
            obj=locked,
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
    if status not in OPEN:
        return list(rows)
    kpis = planned_kpis(evaluation)
    with transaction.atomic():
        for kpi in kpis:
            KpiResult.objects.get_or_create(evaluation=evaluation, kpi=kpi)
    return list(rows.filter(kpi__in=kpis))


#: Rows per INSERT when sheets follow their plans in bulk.
BATCH = 500


def kpi_sheets_follow_plans(*, period: Period) -> int:
    """Bring every unsigned KPI sheet of an opened quarter in line with the work plans in force
    (p.22, p.25: a plan approved or changed after the opening): the writes that change a sheet's
    rows are HR opening the quarter (again), the daily notices job and every change to the sheet,
    never a page or an endpoint that only reads it. What `kpi_results_sync` does for each sheet,
    in a constant number of queries (issue 12 item 2): the planned KPIs in one query, the rows
    already there in another, the missing ones inserted in batches. Returns how many sheets were
    looked at."""
    sheets = list(
        Evaluation.objects.filter(period=period, method=Method.KPI, status__in=OPEN)
        .select_related("period__schedule")
        .order_by("pk")
    )
    planned = planned_kpis_of(sheets)
    present = set(
        KpiResult.objects.filter(
            evaluation__period=period, evaluation__method=Method.KPI, evaluation__status__in=OPEN
        ).values_list("evaluation_id", "kpi_id")
    )
    missing = [
        KpiResult(evaluation=sheet, kpi=kpi)
        for sheet in sheets
        for kpi in planned.get(sheet.pk, [])
        if (sheet.pk, kpi.pk) not in present
    ]
    # A sheet saved meanwhile may have added its own rows: those stay (one row per KPI).
    KpiResult.objects.bulk_create(missing, batch_size=BATCH, ignore_conflicts=True)
    return len(sheets)


def evaluation_locked(evaluation_id: int) -> Evaluation:
    """The evaluation with what the sheets need, its row locked for the rest of the transaction
    (Http404 when it does not exist; callers check access)."""
    evaluation = evaluation_load(evaluation_id)
    list(Evaluation.objects.select_for_update().filter(pk=evaluation.pk).values_list("pk"))
    evaluation.refresh_from_db()
    return evaluation


def sheet_step_write(
    sheet: Any,
    *,
    actor: User,
    flow: Workflow,
    action: str,
    audited_as: str = "",
    values: Mapping[str, Any],
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> None:
    """A workflow step of a commission edition's (locked) sheet (typical-2018 App. 2-3, moj-2017
    App. 3-4): the step's `values` set, the status `flow`'s `action` leads to, the version
    bumped, saved, and audited (as `audited_as`, else `action`) with its status and `changes`.
    Inside the caller's transaction."""
    before = sheet.status
    for name, value in values.items():
        setattr(sheet, name, value)
    sheet.status = flow.target(action, before)
    sheet.version += 1
    sheet.save()
    audit_log(
        actor=actor,
        action=audited_as or action,
        obj=sheet,
        changes={"status": (before, sheet.status), **(changes or {})},
    )
