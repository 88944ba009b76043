"""The campaign page's figures per unit of the evaluatees in one query (issue 12 item 3): how
many evaluatees, questionnaires answered, questionnaires due, self-assessments submitted, and
evaluatees short of the responses a report needs (seed 002 p.35: 3), the `withheld` list's
length.

Each evaluatee's counters are one row: while open those kept as the survey runs
(`RunningTally`: due and answered, online or on paper), once closed those written at closing
(`ResponseTally`: due and counted), so a view reads one row an evaluatee, never the 700,000
questionnaires. Its self-assessment is joined one to one and everything added up per unit.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from bagalau.surveys.models import Campaign, CampaignStatus, ClosedFigures


@dataclass(frozen=True)
class UnitFigures:
    """The figures of one unit's evaluatees."""

    targets: int
    answered: int
    due: int
    self_done: int
    short: int


def counters(campaign: Campaign) -> tuple[str, str]:
    """The paths from a target to its counters of questionnaires answered and due: while open
    those kept as the survey runs, once closed those written at closing."""
    if campaign.status == CampaignStatus.CLOSED:
        return "tally__responses", "tally__invited"
    return "running__answered", "running__invited"


def unit_figures(campaign: Campaign, needed: int) -> dict[int, UnitFigures]:
    """{unit id: its evaluatees' figures} of the units with evaluatees; `short` counts those
    with fewer than `needed` responses (an evaluatee without counters has none). A closed
    campaign's are those written when it closed (`ClosedFigures`)."""
    if campaign.status == CampaignStatus.CLOSED:
        stored = (
            ClosedFigures.objects.filter(campaign=campaign).values_list("units", flat=True).first()
        )
        if stored is not None:
            return {int(pk): UnitFigures(*values) for pk, values in stored.items()}
    return counted_figures(campaign, needed)


def figure_aggregates(campaign: Campaign, needed: int) -> dict[str, Any]:
    """What is added up of the evaluatees' counters, per unit (`counted_figures`) or for the
    whole organisation (`selectors.running_figures`): `UnitFigures`' fields by name."""
    answered, due = counters(campaign)
    return {
        "targets": Count("pk"),
        "answered": Sum(Coalesce(F(answered), 0)),
        "due": Sum(Coalesce(F(due), 0)),
        "self_done": Count("pk", filter=Q(self_assessment__submitted_on__isnull=False)),
        "short": Count("pk", filter=Q(**{f"{answered}__lt": needed}) | Q(**{answered: None})),
    }


def counted_figures(campaign: Campaign, needed: int) -> dict[int, UnitFigures]:
    """`unit_figures` counted from the evaluatees' counters."""
    rows = (
        campaign.targets.order_by()
        .values("unit_id")
        .annotate(**figure_aggregates(campaign, needed))
        .values_list("unit_id", *(field.name for field in fields(UnitFigures)))
    )
    return {unit_id: UnitFigures(*values) for unit_id, *values in rows}
