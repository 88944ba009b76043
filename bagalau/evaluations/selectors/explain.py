"""Explain this score (issue 14 item 5): the steps from a result's inputs through each rule of
seed 002 to the number, for the KPI sheet (App. 2-3), the differentiation sheet (App. 4) and the
annual result (p.4).

The steps are recorded by the very engine functions that computed the result at signing
(bagalau.methodology.explain), run again on the stored inputs; an explanation is offered only
when it ends at the stored score, so it can never tell a different story from the page.

Callers get the evaluation through bagalau.evaluations.access.evaluation_get_for first (404 when
not visible; the read is audited). An annual result rests on quarter results: its explanation is
offered only to a reader who may see every quarter it counts (p.20).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bagalau.evaluations.access import evaluations_visible_to
from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.selectors.annual import standing_of
from bagalau.evaluations.selectors.sheets import (
    kpi_actual,
    kpi_input,
    kpi_rows,
    rules_for,
)
from bagalau.evaluations.workflow import OPEN
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.explain import note, render, tracing
from bagalau.methodology.labels import LANGUAGES
from bagalau.methodology.sjc2023 import (
    ScoreResult,
    annual_score,
    differentiation_score,
    evaluate_kpi_sheet,
    rate,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


@dataclass(frozen=True)
class Explanation:
    """The steps in one language and the number they end at."""

    language: str
    score: Decimal
    rating: str
    steps: list[dict[str, Any]]


def explain_language(requested: str | None) -> str:
    """kk, ru or en from a language code ("ru-ru" -> "ru"); Kazakh otherwise."""
    code = (requested or "").strip().lower()[:2]
    return code if code in LANGUAGES else "kk"


def _result(user: User, evaluation: Evaluation) -> ScoreResult | None:
    """Run the engine on the stored inputs, recording its steps (None: nothing to explain)."""
    rules = rules_for(evaluation)
    if evaluation.method == Method.KPI:
        rows = kpi_rows(evaluation)
        if not rows or any(kpi_actual(row) is None for row in rows):
            return None
        quarter = evaluation.period.number or 1
        sheet = evaluate_kpi_sheet(rules, [kpi_input(row, quarter, row.score) for row in rows])
        return ScoreResult(score=sheet.score, rating=sheet.rating)
    if evaluation.method == Method.DIFFERENTIATION:
        scores = {p.parameter: p.score for p in evaluation.parameter_scores.all()}
        return differentiation_score(rules, scores)
    standing = standing_of(evaluation)
    counted = [q.evaluation.pk for q in standing.quarters if q.score is not None and q.evaluation]
    visible = evaluations_visible_to(user).filter(pk__in=counted).count()
    if visible != len(counted):
        return None
    return annual_score(rules, standing.scores)


def evaluation_explanation(user: User, evaluation: Evaluation, language: str) -> Explanation | None:
    """How the evaluation's score was reached, in `language`, or None when there is no score
    yet (a draft), when the reader may not see every result it rests on, or when the stored
    score no longer follows from the stored inputs (an annual result awaiting its recomputation).
    A score the calibration session changed (p.41) ends with that step."""
    if evaluation.score is None or evaluation.status in OPEN:
        return None
    rules = rules_for(evaluation)
    with tracing() as steps:
        try:
            result = _result(user, evaluation)
        except MethodologyError:
            return None
        if result is None or result.score != evaluation.score:
            return None
        if evaluation.final_score is not None and evaluation.final_score != evaluation.score:
            note("calibration.adopted", score=evaluation.final_score, computed=evaluation.score)
            rate(rules, evaluation.final_score)
    return Explanation(
        language=language,
        score=evaluation.result_score or evaluation.score,
        rating=evaluation.result_rating,
        steps=render(get_edition(evaluation.edition), steps, language),
    )
