"""The demo's register of decisions (seed 002 p.8): once Q1's results are final, the best one is
encouraged by an order of the head of the apparatus, which HR records citing that result."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from bagalau.consequences.services import decision_record
from bagalau.core import clock
from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.org.models import Organisation

if TYPE_CHECKING:
    from bagalau.core.types import User


def encourage_best(
    *, actor: User, organisation: Organisation, results: Iterable[Evaluation]
) -> None:
    """HR records an encouragement for the highest final "effective" result among `results`."""
    final = [
        e for e in results if e.status == EvaluationStatus.FINAL and e.result_rating == "effective"
    ]
    if not final:
        return
    best = max(final, key=lambda e: (e.result_score or Decimal(0), -e.pk))
    decision_record(
        actor=actor,
        organisation=organisation,
        evaluation_id=best.pk,
        kind="encouragement",
        decided_by="Аппарат басшысы",
        order_number="1-9/21",
        order_date=clock.today(),
    )
