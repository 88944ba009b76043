"""The demo's 360 survey: a closed campaign built through the services, every report released
but exactly one (2 responses), feedback for a few, deterministic, idempotent."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.demo.structure import build_structure
from bagalau.demo.survey360 import load_survey360_demo
from bagalau.surveys import reports, selectors
from bagalau.surveys.models import Ballot, Campaign, CampaignStatus, ResponseTally


@pytest.fixture
def demo(db):
    return build_structure(start=dt.date(2024, 1, 9))


def test_the_demo_campaign_is_closed_with_one_withheld_report(demo):
    summary = load_survey360_demo(demo.organisation, 2025)
    campaign = Campaign.objects.get(organisation=demo.organisation, year=2025)
    assert campaign.status == CampaignStatus.CLOSED
    targets = list(campaign.targets.all())
    # Every "B" post: all but the head of the apparatus.
    everyone = demo.organisation.servants.count()
    assert len(targets) == everyone - 1
    assert not campaign.targets.filter(servant=demo.head).exists()
    released = selectors.released_targets(campaign)
    withheld = [t for t in targets if t.pk not in released]
    assert len(withheld) == 1
    assert ResponseTally.objects.get(target=withheld[0]).responses == 2
    assert "1 withheld" in summary
    assert "2 responses" in summary
    for target in targets:
        assert 3 <= target.invitations.count() <= 7
    assert campaign.targets.filter(feedback_given_on__isnull=False).count() == 3
    # Realistic: the reports differ.
    overalls = {reports.report_for(t).result.overall for t in targets if t.pk in released}
    assert len(overalls) > 10
    assert not Ballot.objects.exists()  # counted at closing
    # Every list has the direct manager (p.35) and the proposal took a fourth where it could.
    assert sum(1 for t in targets if t.invitations.count() == 3) <= 1
    # The "servant" login's report is released.
    mine = campaign.targets.get(servant__user__username="servant")
    assert mine.pk in released


def test_the_demo_is_idempotent_and_deterministic(demo):
    first = load_survey360_demo(demo.organisation, 2025)
    assert load_survey360_demo(demo.organisation, 2025) == "360 survey 2025: already loaded"
    totals = sorted(ResponseTally.objects.values_list("target__servant__last_name", "responses"))
    Campaign.objects.all().delete()
    again = load_survey360_demo(demo.organisation, 2025)
    assert again == first
    assert (
        sorted(ResponseTally.objects.values_list("target__servant__last_name", "responses"))
        == totals
    )
