"""The training needs of a closed 360 campaign (seed 002 p.36): per competency and unit of the
evaluatees, how many servants have it among their lowest three (stored at closing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count

from bagalau.org.models import Unit
from bagalau.org.selectors import unit_tree
from bagalau.surveys.models import (
    Campaign,
    CampaignStatus,
    LowestCompetency,
)
from bagalau.surveys.selectors import (
    rules_for,
    text,
)


@dataclass(frozen=True)
class TrainingRow:
    """A competency and, per unit, how many servants have it among their lowest three."""

    code: str
    name: str
    counts: list[int]
    total: int


@dataclass
class TrainingNeeds:
    """The input for training topics: released reports only."""

    campaign: Campaign
    units: list[Unit]
    rows: list[TrainingRow]
    released: int
    withheld: int


def training_needs(
    campaign: Campaign,
    *,
    language: str | None = None,
    tree: Sequence[tuple[Unit, int]] | None = None,
) -> TrainingNeeds:
    """Per competency (p.34 order) and unit of the evaluatee, the number of servants whose
    released report has it among the lowest three: a count of the lowest competencies stored
    when the campaign closed (`LowestCompetency`, the reports' own computation) per competency
    and unit. `tree` is the organisation's `unit_tree` when the caller has it."""
    rules = rules_for(campaign)
    released_per_unit: dict[int, int] = {}
    per: dict[tuple[str, int], int] = {}
    if campaign.status == CampaignStatus.CLOSED:
        released_per_unit = dict(
            campaign.targets.filter(tally__responses__gte=rules.survey.min_respondents)
            .order_by()
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
        per = {
            (code, unit_id): n
            for code, unit_id, n in LowestCompetency.objects.filter(
                target__campaign=campaign,
                target__tally__responses__gte=rules.survey.min_respondents,
            )
            .order_by()
            .values("competency", "target__unit_id")
            .annotate(n=Count("pk"))
            .values_list("competency", "target__unit_id", "n")
        }
    if tree is None:
        tree = unit_tree(campaign.organisation) if released_per_unit else []
    units = [unit for unit, _d in tree if unit.pk in released_per_unit]
    rows = []
    for choice in rules.survey.competencies:
        line = [per.get((choice.code, unit.pk), 0) for unit in units]
        rows.append(TrainingRow(choice.code, text(choice.label, language), line, sum(line)))
    released = sum(released_per_unit.values())
    return TrainingNeeds(
        campaign=campaign,
        units=units,
        rows=rows,
        released=released,
        withheld=campaign.targets.count() - released,
    )
