"""A closed campaign's figures per unit, frozen when it closes (`ClosedFigures`, issue 12 item
3): what the closing writes is what counting its evaluatees gives, the campaign page and the
training needs read it, a campaign closed without it is counted, and the migration freezes the
campaigns closed before it the same way."""

from __future__ import annotations

import importlib

from django.apps import apps

from bagalau.surveys import training
from bagalau.surveys.models import ClosedFigures
from bagalau.surveys.selectors import progress_and_short, rules_for
from bagalau.surveys.unit_figures import counted_figures, unit_figures


def frozen(campaign):
    stored = ClosedFigures.objects.get(campaign=campaign)
    return stored.units, stored.training


def test_the_closing_freezes_what_counting_gives(closed):
    campaign = closed.campaign
    needed = rules_for(campaign).survey.min_respondents
    assert unit_figures(campaign, needed) == counted_figures(campaign, needed)
    released, per = training.counted_training(campaign)
    assert training.closed_counts(campaign) == (released, per)
    assert sum(released.values()) == 7
    assert sum(n for counts in per.values() for n in counts.values()) == 7 * 3


def test_the_pages_read_the_frozen_figures_and_count_without_them(closed):
    campaign = closed.campaign
    rows, _total, short = progress_and_short(campaign)
    needs = training.training_needs(campaign, language="en")
    stored = ClosedFigures.objects.get(campaign=campaign)
    unit = str(rows[0].unit.pk)
    stored.units[unit][1] += 100  # a stored figure the rows do not give: the page shows it
    stored.save()
    assert progress_and_short(campaign)[0][0].answered == rows[0].answered + 100
    stored.delete()  # a campaign closed without them: counted from its evaluatees
    assert progress_and_short(campaign) == (rows, _total, short)
    assert training.training_needs(campaign, language="en") == needs


def test_the_migration_freezes_the_campaigns_closed_before_it(closed):
    before = frozen(closed.campaign)
    ClosedFigures.objects.all().delete()
    migration = importlib.import_module("bagalau.surveys.migrations.0008_closed_figures")
    migration.freeze_closed_campaigns(apps, None)
    assert frozen(closed.campaign) == before
