"""Drafting a 360 campaign in bulk (issue 12 item 2): the structure and the posts loaded once,
the evaluatees and their respondents inserted in batches, so the queries do not grow with the
apparatus; each evaluatee keeps the form, evaluator and respondents the structure gives."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.org.selectors import assignment_on, direct_manager
from bagalau.surveys.models import Campaign
from bagalau.surveys.respondents import propose_respondents
from bagalau.surveys.selectors import form_for
from bagalau.surveys.services import campaign_create
from tests.evaluations.test_pagination_roster import grow
from tests.surveys.conftest import DEADLINE, TODAY


def draft(world):
    return campaign_create(
        actor=world.hr_staff_user, organisation=world.org, year=2026, deadline=DEADLINE
    )


def test_drafting_a_campaign_does_not_grow_with_the_apparatus(world, clock):
    clock(TODAY)
    draft(world).delete()  # warm the per-process caches
    counts = []
    # 10 servants, then 20: SQLite splits an INSERT at 999 parameters (166 invitations), so
    # both sizes stay in one INSERT of each kind on either database.
    for more in (2, 12):
        grow(world, more, name=f"N{more}-")
        with CaptureQueriesContext(connection) as captured:
            campaign = draft(world)
        counts.append(len(captured))
        targets = list(campaign.targets.select_related("servant", "position__unit"))
        assert len(targets) >= more
        for target in targets:
            assignment = assignment_on(target.servant, TODAY)
            assert target.evaluator == direct_manager(target.servant, TODAY)
            assert target.form == form_for(assignment)
            proposed = propose_respondents(assignment, TODAY, limit=7, at_least=4)
            assert [(i.respondent_id, i.relation) for i in target.invitations.order_by("pk")] == [
                (p.servant.pk, p.relation) for p in proposed
            ]
        Campaign.objects.filter(pk=campaign.pk).delete()
    assert counts[0] == counts[1]
