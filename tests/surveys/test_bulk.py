"""A 360 campaign in bulk (issue 12 item 2): drafted with the structure and the posts loaded
once, the evaluatees and their respondents inserted in batches; opened and closed with the
lists checked, the self-assessments and the notices written in batches. The queries do not grow
with the apparatus; each evaluatee keeps the form, evaluator and respondents the structure
gives, and everyone is told as before."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bagalau.notifications.models import Notification
from bagalau.org.models import Servant
from bagalau.org.selectors import assignment_on, direct_manager
from bagalau.surveys.models import Campaign, SelfAssessment
from bagalau.surveys.respondents import propose_respondents
from bagalau.surveys.selectors import form_for
from bagalau.surveys.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    invitation_submit,
)
from tests.evaluations.test_pagination_roster import grow
from tests.surveys.conftest import AFTER, DEADLINE, TODAY, Survey, answers


def draft(world):
    return campaign_create(
        actor=world.hr_staff_user, organisation=world.org, year=2026, deadline=DEADLINE
    )


def test_drafting_a_campaign_does_not_grow_with_the_apparatus(world, clock, batches_only):
    clock(TODAY)
    draft(world).delete()  # warm the per-process caches
    counts = []
    for more in (2, 30):  # 10 servants, then 40
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


class Undo(Exception):
    """Rolls a whole campaign back, so the next size drafts the year's campaign again."""


def cycle(world, clock, grown):
    """Draft, fix the world's lists, open, answer every questionnaire, close; the queries of
    opening and closing and what they told, then everything undone."""
    survey = Survey(world, clock)
    seen = {}
    try:
        with transaction.atomic():
            survey.draft()
            survey.fix_lists()
            with CaptureQueriesContext(connection) as opened:
                campaign_open(actor=world.hr_staff_user, campaign_id=survey.campaign.pk)
            seen["open"] = len(opened)
            selves = SelfAssessment.objects.filter(target__campaign=survey.campaign)
            seen["selves"] = selves.count()
            survey.answer_all()
            for target in survey.campaign.targets.filter(servant__in=grown):
                for invitation in target.invitations.select_related("respondent__user"):
                    invitation_submit(
                        actor=invitation.respondent.user,
                        invitation_id=invitation.pk,
                        answers=answers(target.form, 4),
                    )
            clock(AFTER)
            with CaptureQueriesContext(connection) as closed:
                campaign_close(actor=world.hr_staff_user, campaign_id=survey.campaign.pk)
            seen["close"] = len(closed)
            seen["kinds"] = {
                kind: Notification.objects.filter(
                    kind=kind, dedupe_key__startswith=f"survey360:{survey.campaign.pk}:"
                ).count()
                for kind in (
                    "survey360_to_answer",
                    "survey360_self",
                    "survey360_report_ready",
                    "survey360_report_to_read",
                    "survey360_closed",
                )
            }
            seen["targets"] = survey.campaign.targets.count()
            raise Undo
    except Undo:
        pass
    return seen


def test_opening_and_closing_do_not_grow_with_the_apparatus(world, clock, batches_only):
    cycle(world, clock, [])  # warm the per-process caches
    runs = []
    for more in (2, 30):  # 10 servants, then 40
        grow(world, more, name=f"N{more}-")
        grown = list(Servant.objects.filter(last_name__startswith="N"))
        runs.append(cycle(world, clock, grown))
    small, large = runs
    assert large["targets"] == small["targets"] + 30
    for seen in runs:
        assert seen["selves"] == seen["targets"]
        kinds = seen["kinds"]
        assert kinds["survey360_self"] == seen["targets"]
        assert kinds["survey360_report_ready"] == seen["targets"]  # every list answered
        assert kinds["survey360_report_to_read"] > 0
        assert kinds["survey360_closed"] > 0
    assert large["kinds"]["survey360_to_answer"] > small["kinds"]["survey360_to_answer"]
    assert (large["open"], large["close"]) == (small["open"], small["close"])
