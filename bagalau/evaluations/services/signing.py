"""What a signature would store, shown before the evaluator confirms it (issue 13 item 4).

The summary comes from the very services that sign (save, then `evaluation_sign`), run inside a
transaction that is rolled back: the scores shown are the scores that will be stored, and nothing
is written or sent (notifications are queued with `on_commit`, which a rollback drops).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.selectors.sheets import (
    differentiation_sheet,
    kpi_rows,
    rating_label,
    rules_for,
)


@dataclass(frozen=True, slots=True)
class SignedLine:
    """One KPI or App. 4 parameter as it will be signed."""

    number: str
    name: str
    score: Decimal | int | None
    from_proposal: bool = False


@dataclass(frozen=True, slots=True)
class SignSummary:
    """Everything the signature stores: the scores per line, the final score and rating, the
    feedback (KPI, p.17(3)) or the justification (App. 4)."""

    lines: list[SignedLine] = field(default_factory=list)
    score: Decimal | None = None
    rating_label: str = ""
    text: str = ""

    @property
    def from_proposal(self) -> int:
        """How many scores are taken from the proposal."""
        return sum(line.from_proposal for line in self.lines)


class _Preview(Exception):  # noqa: N818 - a control-flow signal, not an error
    def __init__(self, summary: SignSummary) -> None:
        super().__init__()
        self.summary = summary


def _summary(evaluation: Evaluation, from_proposal: Collection[int]) -> SignSummary:
    rules = rules_for(evaluation)
    label = rating_label(rules, evaluation.rating)
    if evaluation.method == Method.KPI:
        lines = [
            SignedLine(
                number=str(row.kpi.number),
                name=row.kpi.name,
                score=row.score,
                from_proposal=row.pk in from_proposal,
            )
            for row in kpi_rows(evaluation)
        ]
        return SignSummary(lines, evaluation.score, label, evaluation.feedback)
    lines = [
        SignedLine(number=str(index), name=line.label, score=line.score)
        for index, line in enumerate(differentiation_sheet(evaluation).lines, start=1)
    ]
    return SignSummary(lines, evaluation.score, label, evaluation.justification)


def evaluation_sign_preview(
    *, sign: Callable[[], Evaluation], from_proposal: Collection[int] = ()
) -> SignSummary:
    """Run `sign` (the services that save and sign, for the acting user) and roll it back;
    return what it stored. A refusal raises the services' DomainError, as the real signature
    would. `from_proposal`: the KPI rows whose score field was left empty (p.22: the proposal)."""
    try:
        with transaction.atomic():
            raise _Preview(_summary(sign(), from_proposal))
    except _Preview as preview:
        return preview.summary
