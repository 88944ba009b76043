"""The development list of a typical-2018 year (seed 004 p.7: the competency results ground the
development of the competencies the servant needs; EDITIONS.md §8 "a development list built from
the competencies that did not meet and their missing indicators, an input to training plans").

Built from the signed App. 3 sheets of the servants whose year the reader may see
(bagalau.typical.access), so a manager sees their own servants and the working body everyone;
nothing here feeds a bonus, a rotation or a penalty (p.7).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bagalau.core.language import reader_language
from bagalau.evaluations.models import Evaluation, Period
from bagalau.typical.access import typical_evaluations_visible_to
from bagalau.typical.common import rules_for
from bagalau.typical.models import COMPETENCY_SHEET_FLOW, CompetencySheet

if TYPE_CHECKING:
    from bagalau.core.types import User


@dataclass(frozen=True)
class Need:
    """A competency the servant did not meet, and the effective indicators not observed."""

    code: str
    competency: str
    missing: list[str]


@dataclass(frozen=True)
class DevelopmentRow:
    """One servant of the list and the competencies to develop."""

    evaluation: Evaluation
    needs: list[Need]


def development_list(user: User, period: Period) -> list[DevelopmentRow]:
    """The servants of `period` the user may see whose signed App. 3 sheet has a competency that
    did not meet expectations, with the indicators not observed, by name."""
    language = reader_language()
    sheets = (
        CompetencySheet.objects.filter(
            evaluation__in=typical_evaluations_visible_to(user).filter(period=period)
        )
        .exclude(status__in=COMPETENCY_SHEET_FLOW.groups["editable"])
        .select_related("evaluation__servant", "evaluation__assignment__position__unit")
        .order_by("evaluation__servant__last_name", "evaluation__servant__first_name", "pk")
    )
    rows = []
    for sheet in sheets:
        rules = rules_for(sheet.evaluation.edition)
        needs = []
        for competency in rules.competencies:
            result = sheet.results.get(competency.code)
            if not result or result.get("result") != "does_not_meet":
                continue
            effective = rules.indicators[(competency.code, sheet.tier)].effective
            needs.append(
                Need(
                    code=competency.code,
                    competency=competency.label.get(language),
                    missing=[effective[n - 1].get(language) for n in result.get("missing", [])],
                )
            )
        if needs:
            rows.append(DevelopmentRow(evaluation=sheet.evaluation, needs=needs))
    return rows
