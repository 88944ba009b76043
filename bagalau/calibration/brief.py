"""The information on the servant prepared for a calibration session (seed 002 p.19(4): the head
of the Sector is responsible for "калибрлеу сессияларына дайындық шеңберінде әр қызметкерге
ақпарат дайындауды қоса алғанда, калибрлеу сессиясын өткізу").

What the Sector prepares is what the session decides on (p.41: the evaluator presents the work
and the reasons for the score, the participants support it or argue for a change): the servant's
post, the evaluation sheet as signed — for KPI every indicator with its planned and actual value,
percent, allowed range and score (App. 2); for differentiation the four parameters with their
scores and the evaluator's justifications (App. 4); for an annual result the quarterly results it
is the mean of (p.4) — the evaluator's score and rating, and the servant's application (p.12).
Other quarters of a quarterly result are not part of it: p.15 and p.20 name the session's
participants for the result under calibration only.

Plain data for the session page and the protocol PDF; the caller has checked that the reader may
see the results (`calibration.access.session_results_get_for`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bagalau.calibration.models import Session
from bagalau.calibration.selectors import position_name, rules_for
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    ParameterScore,
)
from bagalau.evaluations.selectors.annual import quarter_evaluations
from bagalau.plans.models import Direction


def _plain(value: Decimal | None) -> str:
    """A number without trailing zeros ("" for none)."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


def _kpi_lines(evaluation: Evaluation) -> list[dict[str, Any]]:
    quarter = evaluation.period.number or 0
    lines = []
    results = KpiResult.objects.filter(evaluation=evaluation).select_related("kpi")
    for result in results.order_by("kpi__number", "kpi_id"):
        kpi = result.kpi
        binary = kpi.direction == Direction.BINARY
        lines.append(
            {
                "number": kpi.number,
                "name": kpi.name,
                "unit": kpi.unit,
                "planned": _plain(kpi.planned(quarter)) if quarter else "",
                "binary": binary,
                "achieved": result.actual_achieved if binary else None,
                "actual": "" if binary else _plain(result.actual_value),
                "percent": result.percent,
                "allowed_min": result.allowed_min,
                "allowed_max": result.allowed_max,
                "score": result.score,
            }
        )
    return lines


def _parameter_lines(evaluation: Evaluation, language: str) -> list[dict[str, Any]]:
    given = {p.parameter: p for p in ParameterScore.objects.filter(evaluation=evaluation)}
    lines = []
    for number, parameter in enumerate(rules_for(evaluation).differentiation.parameters, 1):
        score = given.get(parameter.code)
        lines.append(
            {
                "number": number,
                "name": parameter.label.get(language),
                "score": score.score if score is not None else None,
                "justification": score.justification if score is not None else "",
            }
        )
    return lines


def _quarter_lines(evaluation: Evaluation) -> list[dict[str, Any]]:
    found = quarter_evaluations(evaluation.period.schedule, [evaluation.servant_id]).get(
        evaluation.servant_id, {}
    )
    lines = []
    for number in sorted(found):
        item = found[number]
        standing = item.final_score if item.final_score is not None else item.score
        lines.append(
            {
                "number": number,
                "period": str(item.period),
                "score": standing,
                "final": item.status == EvaluationStatus.FINAL,
            }
        )
    return lines


def session_brief(session: Session, *, language: str) -> dict[str, Any]:
    """The information prepared for the session on its servant (p.19(4)), as plain data."""
    application = session.application
    evaluation = application.evaluation
    assignment = evaluation.assignment
    return {
        "servant": evaluation.servant.full_name,
        "position": assignment.position.name,
        "unit": assignment.position.unit.name,
        "period": str(evaluation.period),
        "method": evaluation.method,
        "evaluator": evaluation.evaluator.full_name if evaluation.evaluator else "",
        "evaluator_position": position_name(evaluation.evaluator, evaluation.period.ends),
        "score": evaluation.score,
        "rating": evaluation.rating,
        "kpis": _kpi_lines(evaluation) if evaluation.method == Method.KPI else [],
        "parameters": (
            _parameter_lines(evaluation, language)
            if evaluation.method == Method.DIFFERENTIATION
            else []
        ),
        "quarters": _quarter_lines(evaluation) if evaluation.method == Method.ANNUAL else [],
        "justification": evaluation.justification,
        "application_on": application.submitted_on,
        "application": application.text,
    }
