"""Explain the moj-2017 annual score (issue 14 item 5; seed 001 p.30, p.32-33; EDITIONS.md §9.4
M-1, M-2, M-6): each indicator's points in the direct manager's column and the plan score, the
mean of the approved quarters and its points, the weighted sum with the weights (a
reconstruction: the formula of p.32 is lost, M-1) and the rating, each step citing its
paragraph.

The steps are recorded by the engine functions that computed the stored numbers (`plan_score`,
`annual_result`), run again on the stored inputs; an explanation is offered only once HR
computed and only when it ends at the stored score. Callers get the sheet through
`annual_access.annual_sheet_get_for` first (404 when not visible; the read is audited).
"""

from __future__ import annotations

from decimal import Decimal

from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.explain import Explained, render, tracing
from bagalau.methodology.moj2017 import Weights, annual_result, plan_score
from bagalau.moj.models import AnnualSheet


def annual_sheet_explanation(sheet: AnnualSheet, language: str) -> Explained | None:
    """How the annual score was reached, or None before HR's computation or when the stored
    score no longer follows from the stored inputs."""
    evaluation = sheet.evaluation
    if sheet.computed_on is None or evaluation.score is None or sheet.plan_score is None:
        return None
    edition = get_edition(evaluation.edition)
    rules = moj2017_rules(edition)
    code_of = {o.points: o.code for o in rules.outcomes}
    assert sheet.weight_quarters is not None
    assert sheet.weight_plan is not None
    weights = Weights(quarters=Decimal(sheet.weight_quarters), plan=Decimal(sheet.weight_plan))
    with tracing() as steps:
        try:
            plan = plan_score(rules, [code_of[row["manager"]] for row in sheet.rows])
            result = annual_result(rules, sheet.quarter_scores, plan, weights)
        except (MethodologyError, KeyError):
            return None
    if (plan, result.score, result.rating.code) != (
        sheet.plan_score,
        evaluation.score,
        evaluation.rating,
    ):
        return None
    return Explained(
        language=language,
        result=f"{result.score} · {result.rating.label.get(language)}",
        steps=render(edition, steps, language),
    )
