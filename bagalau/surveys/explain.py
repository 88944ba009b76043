"""Explain this score for the 360 report (issue 14 item 5): the steps from the stored anonymous
totals through each rule of seed 002 to the App. 7/8 numbers — the respondents counted together
(p.33, p.35), the anonymity threshold (p.35), the rounding (SPEC §9), each competency's mean, the
overall score, the lowest competencies (p.36) and the self-assessment beside (p.35).

The steps are recorded by the engine's `survey360_report` itself (bagalau.methodology.explain)
run again on the very totals the report is computed from, and offered only when it ends at the
report's overall score. Only a released report is explained: it rests on at least the anonymity
threshold of respondents, and the survey app holds nothing finer than totals per statement, so
no step can show a respondent's answer or a group's (our decision: not even how many answered
in each group, which would tell the evaluatee whether their one direct manager did).

Callers get the target through `surveys.access.report_get_for` first (404 when the report is
not theirs to read; the read is audited there).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bagalau.core.errors import DomainError
from bagalau.methodology import get_edition
from bagalau.methodology.explain import render, tracing
from bagalau.surveys.reports import Report, competency_totals, compute_result, self_answers


@dataclass(frozen=True)
class ReportExplanation:
    """The steps in one language and the overall score they end at."""

    language: str
    overall: Decimal
    respondents: int
    steps: list[dict[str, Any]]


def report_explanation(report: Report, language: str) -> ReportExplanation | None:
    """How the released report's numbers were reached, in `language`; None for a withheld
    report (not closed, or below the anonymity threshold) or when the stored totals no longer
    give the report's overall score."""
    if not report.released or report.result is None:
        return None
    target = report.target
    with tracing() as steps:
        try:
            result = compute_result(
                report.campaign,
                target,
                totals=competency_totals([target.pk]).get(target.pk, {}),
                responses=report.responses,
                self_answers=self_answers(target),
            )
        except DomainError:
            return None
    if result.overall != report.result.overall:
        return None
    return ReportExplanation(
        language=language,
        overall=result.overall,
        respondents=result.respondents,
        steps=render(get_edition(report.campaign.edition), steps, language),
    )
