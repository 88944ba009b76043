"""Explain this result (issue 14 item 5) for the typical-2018 sheets: the App. 2 KPI sheet (each
KPI achieved or not, the count and its band, seed 004 p.18) and the App. 3 competency sheet (the
App. 4 row, the competencies that apply, the 3/4 rule per competency, p.25-27).

The steps are recorded by the engine functions that computed the result at signing
(bagalau.methodology.typical2018 kpi_result, evaluate_competencies), run again on the stored
inputs; an explanation is offered only once the sheet is signed and only when it ends at the
stored result, so it never tells a different story from the sheet.

Callers get the sheet through bagalau.typical.access (kpi_sheet_get_for, competency_sheet_get_for)
first: 404 when not visible, and the read is audited.
"""

from __future__ import annotations

from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.explain import Explained, render, tracing
from bagalau.methodology.typical2018 import evaluate_competencies, kpi_result
from bagalau.typical.common import rules_for
from bagalau.typical.models import (
    COMPETENCY_SHEET_FLOW,
    KPI_SHEET_FLOW,
    CompetencySheet,
    KpiSheet,
)


def kpi_sheet_explanation(sheet: KpiSheet, language: str) -> Explained | None:
    """How the App. 2 result was reached, or None while the sheet is being filled or corrected
    (no result stands) or when its stored result no longer follows from its rows."""
    if sheet.status in KPI_SHEET_FLOW.groups["editable"] or sheet.achieved is None:
        return None
    rows = list(sheet.rows.order_by("number"))
    if any(row.achieved is None for row in rows):
        return None
    rules = rules_for(sheet.evaluation.edition)
    with tracing() as steps:
        try:
            result = kpi_result(rules, [row.achieved is True for row in rows])
        except MethodologyError:
            return None
    if (result.achieved, result.rating.code) != (sheet.achieved, sheet.rating):
        return None
    return Explained(
        language=language,
        result=f"{result.achieved} / {len(rows)} · {result.rating.label.get(language)}",
        steps=render(get_edition(sheet.evaluation.edition), steps, language),
    )


def competency_sheet_explanation(sheet: CompetencySheet, language: str) -> Explained | None:
    """How the App. 3 results were reached, or None while the sheet is a draft or when the
    stored results no longer follow from the ticked indicators (say, the position's category
    was changed after signing)."""
    if sheet.status in COMPETENCY_SHEET_FLOW.groups["editable"] or not sheet.results:
        return None
    position = sheet.evaluation.assignment.position
    rules = rules_for(sheet.evaluation.edition)
    with tracing() as steps:
        try:
            result = evaluate_competencies(
                rules,
                category=position.category,
                heads_unit=position.heads_unit,
                provides_services=sheet.provides_services,
                observed=sheet.observed,
                app4_row=sheet.tier,
            )
        except MethodologyError:
            return None
    computed = {item.code: item.result for item in result.competencies}
    if computed != {code: item["result"] for code, item in sheet.results.items()}:
        return None
    met = sum(1 for value in computed.values() if value == "meets")
    return Explained(
        language=language,
        result=f"{met} / {len(computed)} · {rules.results['meets'].get(language)}",
        steps=render(get_edition(sheet.evaluation.edition), steps, language),
    )
