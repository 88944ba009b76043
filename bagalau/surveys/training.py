"""The training needs of a closed 360 campaign (seed 002 p.36): per competency and unit of the
evaluatees, how many servants have it among their lowest three (stored at closing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.db.models import Count

from bagalau.org.models import Unit
from bagalau.org.selectors import unit_order
from bagalau.surveys.models import (
    Campaign,
    CampaignStatus,
    ClosedFigures,
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
    unit_ids: list[int]
    rows: list[TrainingRow]
    released: int
    withheld: int
    #: The units of `unit_ids`, read (`with_units`) for the columns shown.
    units: list[Unit] = field(default_factory=list)


def with_units(needs: TrainingNeeds) -> TrainingNeeds:
    """`needs` with the units of its columns read, in one query."""
    units = Unit.objects.in_bulk(needs.unit_ids)
    return replace(needs, units=[units[pk] for pk in needs.unit_ids])


def training_needs(
    campaign: Campaign,
    *,
    language: str | None = None,
    order: Sequence[tuple[int, int]] | None = None,
    units: bool = True,
) -> TrainingNeeds:
    """Per competency (p.34 order) and unit of the evaluatee, the number of servants whose
    released report has it among the lowest three (`ClosedFigures`, written when the campaign
    closed). `order` is the organisation's `unit_order` when the caller has it; without
    `units`, the units are left unread (a page reads those of its columns: `with_units`)."""
    rules = rules_for(campaign)
    released_per_unit: dict[int, int] = {}
    per: dict[str, dict[int, int]] = {}
    if campaign.status == CampaignStatus.CLOSED:
        released_per_unit, per = closed_counts(campaign)
    if order is None:
        order = unit_order(campaign.organisation) if released_per_unit else []
    unit_ids = [pk for pk, _depth in order if pk in released_per_unit]
    rows = []
    for choice in rules.survey.competencies:
        line = [per.get(choice.code, {}).get(pk, 0) for pk in unit_ids]
        rows.append(TrainingRow(choice.code, text(choice.label, language), line, sum(line)))
    released = sum(released_per_unit.values())
    needs = TrainingNeeds(
        campaign=campaign,
        unit_ids=unit_ids,
        rows=rows,
        released=released,
        withheld=campaign.targets.count() - released,
    )
    return with_units(needs) if units else needs


def closed_counts(campaign: Campaign) -> tuple[dict[int, int], dict[str, dict[int, int]]]:
    """The released reports per unit and {competency: {unit: servants}} of a closed campaign:
    those written when it closed, else counted."""
    stored = ClosedFigures.objects.filter(campaign=campaign).first()
    if stored is None:
        return counted_training(campaign)
    released = {int(pk): values[0] - values[4] for pk, values in stored.units.items()}
    per = {
        code: {int(pk): n for pk, n in counts.items()} for code, counts in stored.training.items()
    }
    return {pk: n for pk, n in released.items() if n}, per


def counted_training(campaign: Campaign) -> tuple[dict[int, int], dict[str, dict[int, int]]]:
    """`closed_counts` counted from the counts and lowest competencies stored at closing."""
    needed = rules_for(campaign).survey.min_respondents
    released_per_unit = dict(
        campaign.targets.filter(tally__responses__gte=needed)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    return released_per_unit, lowest_per_unit(campaign, needed)


def lowest_per_unit(campaign: Campaign, needed: int) -> dict[str, dict[int, int]]:
    """{competency: {unit: servants whose released report (`needed` responses or more) ranks
    it among the lowest three}}, from the lowest competencies stored at closing."""
    per: dict[str, dict[int, int]] = defaultdict(dict)
    for code, unit_id, n in (
        LowestCompetency.objects.filter(
            target__campaign=campaign, target__tally__responses__gte=needed
        )
        .order_by()
        .values("competency", "target__unit_id")
        .annotate(n=Count("pk"))
        .values_list("competency", "target__unit_id", "n")
    ):
        per[code][unit_id] = n
    return dict(per)
