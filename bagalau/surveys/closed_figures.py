"""The figures per unit of a closed campaign, written once when it closes (`ClosedFigures`):
its counts are frozen from then on, so its pages read one row instead of adding up every
evaluatee's counters and lowest competencies on each view (issue 12 item 3)."""

from __future__ import annotations

from dataclasses import astuple

from bagalau.surveys.models import Campaign, CampaignStatus, ClosedFigures
from bagalau.surveys.selectors import rules_for
from bagalau.surveys.training import lowest_per_unit
from bagalau.surveys.unit_figures import counted_figures


def closed_figures_write(campaign: Campaign) -> ClosedFigures:
    """Count and keep the figures of `campaign`, closed in the caller's transaction (its
    response counts written): the progress per unit and the training needs (p.36)."""
    if campaign.status != CampaignStatus.CLOSED:
        raise ValueError("only a closed campaign's figures are frozen")
    needed = rules_for(campaign).survey.min_respondents
    units = counted_figures(campaign, needed)
    training = lowest_per_unit(campaign, needed)
    figures, _created = ClosedFigures.objects.update_or_create(
        campaign=campaign,
        defaults={
            "units": {str(pk): list(astuple(values)) for pk, values in units.items()},
            "training": {
                code: {str(pk): n for pk, n in counts.items()} for code, counts in training.items()
            },
        },
    )
    return figures
