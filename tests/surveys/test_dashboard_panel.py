"""HR's 360 panel on the dashboard counts in the database (issue 12 item 3): its total and the
number of evaluatees below the responses a report needs are those of the campaign page
(`progress`, `withheld`) while the survey runs and once it is closed, and the dashboard takes
the same number of queries with 2 or 14 more evaluatees."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.surveys.models import Campaign, Invitation
from bagalau.surveys.selectors import progress, progress_total, withheld, withheld_count
from tests.surveys.test_pagination_campaign import more_targets


def test_the_panels_figures_are_the_campaign_pages(survey):
    survey.draft()
    survey.fix_lists()
    assert withheld_count(survey.campaign) == len(withheld(survey.campaign)) == 0
    survey.open()
    survey.answer_all(skip={("b_staff1", "hr_staff"), ("a_staff2", "hr_staff")})
    survey.self_assess("a_staff1", [4, 4, 3])
    running = Campaign.objects.get(pk=survey.campaign.pk)
    assert progress_total(running) == progress(running)[1]
    assert withheld_count(running) == len(withheld(running)) > 0
    survey.close()
    closed = Campaign.objects.get(pk=survey.campaign.pk)
    assert progress_total(closed) == progress(closed)[1]
    assert withheld_count(closed) == len(withheld(closed)) > 0


def home_queries(user):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(user)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    [panel] = [
        p["context"]
        for p in response.context["panels"]
        if p["template"] == "surveys/partials/panel_hr.html"
    ]
    return len(captured), panel


def test_the_hr_home_takes_the_same_queries_at_any_size(world, survey):
    survey.draft()
    survey.fix_lists()
    more_targets(survey, 2, name="Алғашқы")
    survey.open()
    small, panel = home_queries(world.hr_staff_user)
    assert panel["total"].targets == survey.campaign.targets.count()
    Campaign.objects.filter(pk=survey.campaign.pk).update(status="draft")
    more_targets(survey, 12, name="Кейінгі")
    Campaign.objects.filter(pk=survey.campaign.pk).update(status="open")
    Invitation.objects.filter(target__servant__last_name__startswith="Кейінгі00").update(
        completed=True
    )
    large, panel = home_queries(world.hr_staff_user)
    assert panel["total"] == progress(survey.campaign)[1]
    assert panel["at_risk"] == len(withheld(survey.campaign))
    assert large == small
