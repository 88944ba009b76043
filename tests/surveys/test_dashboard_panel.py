"""HR's 360 panel on the dashboard counts in the database (issue 12 item 3): its total and the
number of evaluatees below the responses a report needs are those of the campaign page
(`progress`, `withheld`) while the survey runs and once it is closed, and the dashboard takes
the same number of queries with 2 or 14 more evaluatees. A respondent's panel lists the
questionnaires left to answer with the same queries however many were answered."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.core.navigation import PANEL_ROWS
from bagalau.surveys.models import Campaign, Invitation
from bagalau.surveys.my_tasks import tasks_of
from bagalau.surveys.selectors import (
    progress,
    progress_total,
    running_figures,
    withheld,
    withheld_count,
)
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
    assert running_figures(running) == (progress_total(running), withheld_count(running))
    survey.close()
    closed = Campaign.objects.get(pk=survey.campaign.pk)
    assert progress_total(closed) == progress(closed)[1]
    assert withheld_count(closed) == len(withheld(closed)) > 0


def home_queries(user):
    """The queries of HR's dashboard and of its 360 panel's figures (asked for once the
    dashboard is shown), and the figures."""
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
    figures = reverse("surveys:campaign_panel", args=[panel["campaign"].pk])
    assert f'hx-get="{figures}"' in response.content.decode()
    with CaptureQueriesContext(connection) as asked:
        fragment = client.get(figures)
    assert fragment.status_code == 200
    return (len(captured), len(asked)), fragment.context


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


def questionnaires_panel(user):
    """The queries of the dashboard, the questionnaires its 360 panel lists and how many it
    says are not shown."""
    client = Client()
    client.force_login(user)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    [panel] = [
        p["context"]
        for p in response.context["panels"]
        if p["template"] == "surveys/partials/panel_questionnaires.html"
    ]
    if panel["more"]:
        assert f"Not shown here: {panel['more']}." in response.content.decode()
    return len(captured), [(task.kind, task.pk) for task in panel["tasks"]], panel["more"]


def still_to_answer(servant):
    return [(t.kind, t.pk) for t in tasks_of(servant, only_open=True) if t.open and not t.done]


def test_a_respondents_panel_lists_the_questionnaires_left_at_any_size(world, survey):
    survey.draft()
    survey.fix_lists()
    more_targets(survey, 2, name="Алғашқы")
    survey.open()
    answered = Invitation.objects.filter(respondent=world.b_staff1)
    answered.filter(target__servant__last_name__startswith="Алғашқы").update(
        completed=True, completed_on=survey.campaign.deadline
    )
    small, shown, more = questionnaires_panel(world.b_staff1_user)
    assert (shown, more) == (still_to_answer(world.b_staff1), 0)
    Campaign.objects.filter(pk=survey.campaign.pk).update(status="draft")
    more_targets(survey, 12, name="Кейінгі")
    Campaign.objects.filter(pk=survey.campaign.pk).update(status="open")
    answered.filter(target__servant__last_name__startswith="Кейінгі").update(
        completed=True, completed_on=survey.campaign.deadline
    )
    large, shown, more = questionnaires_panel(world.b_staff1_user)
    assert (shown, more) == (still_to_answer(world.b_staff1), 0)
    assert large == small


def test_a_respondent_asked_about_many_sees_the_first_questionnaires_and_a_count(world, survey):
    """A manager is asked about each subordinate: the panel lists the first `PANEL_ROWS`
    questionnaires in the "360" page's order and says how many more there are."""
    survey.draft()
    survey.fix_lists()
    more_targets(survey, PANEL_ROWS + 3, name="Көп")
    survey.open()
    _queries, shown, more = questionnaires_panel(world.b_staff1_user)
    left = still_to_answer(world.b_staff1)
    assert len(left) > PANEL_ROWS
    assert (shown, more) == (left[:PANEL_ROWS], len(left) - PANEL_ROWS)
