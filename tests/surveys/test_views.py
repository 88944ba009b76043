"""The 360 pages: the hub, HR's campaign page in each state, the respondents page, the
questionnaire (statements by label, autosave, confirmation, errors in place, the submitted page),
the self-assessment and the dashboard panels and menu."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from bagalau.jobs.models import BackgroundJob, JobState
from bagalau.surveys.models import Campaign, Invitation
from tests.surveys.conftest import AFTER, answers, questionnaire_url, sealed_ballots
from tests.surveys.test_campaign import state


def login(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["bagalau_language"] = language
    return client


def checked(html: str) -> int:
    return len(re.findall(r"\schecked>", html))


def post_answers(client, url, given, *, confirm=True, **extra):
    data = {"confirm": "1"} if confirm else {}
    for code, values in given.items():
        for index, value in enumerate(values):
            if value is not None:
                data[f"a_{code}_{index}"] = str(value)
    return client.post(url, data, **extra)


def test_hr_drafts_from_the_hub_and_sees_the_lists(
    survey, world, django_capture_on_commit_callbacks
):
    client = login(world.hr_staff_user)
    hub = client.get(reverse("surveys:index"))
    assert b'data-testid="campaigns"' in hub.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("surveys:campaign_create"), {"year": "2026", "deadline": "2027-01-08"}
        )
    campaign = Campaign.objects.get()
    job = BackgroundJob.objects.get()
    assert (job.kind, job.state, job.outcome["campaign"]) == (
        "survey360_campaign_create",
        JobState.SUCCEEDED,
        campaign.pk,
    )
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    progress = client.get(response["Location"]).content.decode()
    assert 'aria-valuenow="100"' in progress
    assert f"{campaign.targets.count()} evaluatees: check the respondents" in progress
    link = reverse("surveys:campaign", args=[campaign.pk])
    assert f'href="{link}"' in progress
    page = client.get(link).content.decode()
    assert "Lists to complete before opening" in page
    assert "Әлиев Арман" in page
    assert "Direct manager" in page
    bad = client.post(reverse("surveys:campaign_create"), {"year": "2026"})
    assert bad.status_code == 400
    assert "There is already a 360 survey for 2026." in bad.content.decode()


def test_the_campaign_page_in_each_state(closed, world):
    client = login(world.hr_head_user)
    page = client.get(reverse("surveys:campaign", args=[closed.campaign.pk])).content.decode()
    assert 'data-testid="progress"' in page
    assert 'role="progressbar"' in page
    assert "Withheld reports" in page
    assert reverse("surveys:training", args=[closed.campaign.pk]) in page
    assert page.count("status survey-withheld") == 1
    assert "Record" in page  # feedback forms for the released reports
    hr = login(world.hr_staff_user).get(reverse("surveys:campaign", args=[closed.campaign.pk]))
    html = hr.content.decode()
    assert reverse("surveys:training", args=[closed.campaign.pk]) not in html
    assert reverse("surveys:report", args=[closed.survey.target("a_staff1").pk]) not in html


def test_the_respondents_page_shows_errors_in_place(survey, world):
    survey.draft()
    target = survey.target("a_staff1")
    client = login(world.hr_staff_user)
    url = reverse("surveys:target_respondents", args=[target.pk])
    page = client.get(url).content.decode()
    assert page.count('type="checkbox" name="respondents"') == 8  # everyone in post but her
    before = state()
    response = client.post(url, {"respondents": [world.a_head.pk], "version": target.version})
    assert response.status_code == 400
    assert "not 1" in response.content.decode()
    assert state() == before


def test_feedback_is_recorded_from_the_campaign_page(closed, world):
    target = closed.survey.target("a_staff1")
    client = login(world.hr_staff_user)
    closed.survey.clock(AFTER)
    response = client.post(
        reverse("surveys:target_feedback", args=[target.pk]),
        {f"t{target.pk}-given_on": "2027-01-11", f"t{target.pk}-note": "Жақсы өтті."},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert str(target.feedback_given_on) == "2027-01-11"
    assert target.feedback_note == "Жақсы өтті."
    withheld = closed.survey.target("hr_staff")
    client.post(
        reverse("surveys:target_feedback", args=[withheld.pk]),
        {f"t{withheld.pk}-given_on": "2027-01-11"},
    )
    withheld.refresh_from_db()
    assert withheld.feedback_given_on is None


def test_the_questionnaire_page_in_kazakh(survey, world):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    client = login(world.b_staff1_user, "kk")
    page = client.get(questionnaire_url(client, invitation)).content.decode()
    assert "Бекова Айгүл" in page
    assert "Құрметті респондент!" in page  # the App. 6 instructions
    assert page.count('type="radio"') == 24 * 5
    for label in (
        "Құзырет көрінбейді",
        "Құзырет сирек көрінеді",
        "Құзырет жағдайлардың жартысында көрінеді",
        "Құзырет көп жағдайда көрінеді",
        "Құзырет әрқашан көрінеді",
    ):
        assert page.count(label) >= 24
    assert "data-draft-key=" in page  # the draft stays in the browser (draft.js)
    assert "surveys/draft.js" in page
    assert 'name="viewport"' in page


def test_submitting_needs_the_confirmation_and_shows_errors_in_place(survey, world):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    client = login(world.b_staff1_user)
    url = questionnaire_url(client, invitation)
    before = state()
    response = post_answers(client, url, answers("staff", 4), confirm=False)
    assert response.status_code == 400
    assert "Tick the box to confirm" in response.content.decode()
    assert state() == before
    partial = answers("staff", 4)
    partial["ethics"] = [4, None, 4]
    response = post_answers(client, url, partial)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="survey-competency has-error" id="c-ethics"' in html
    assert 'data-testid="error-summary"' in html
    assert checked(html) == 23  # what was given stays on the page
    assert state() == before
    response = post_answers(client, url, answers("staff", 4))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="submitted"' in page
    assert "Submitted on 01.12.2026" in page
    assert "data-clear-draft=" in page  # the browser drops its draft
    assert len(sealed_ballots(survey.target("a_staff1"))) == 1
    again = post_answers(client, url, answers("staff", 1))
    assert again.status_code == 400
    assert len(sealed_ballots(survey.target("a_staff1"))) == 1


def test_self_assessment_page(survey, world):
    survey.open()
    target = survey.target("a_staff1")
    client = login(world.a_staff1_user)
    url = reverse("surveys:self", args=[target.pk])
    assert b"Self-assessment" in client.get(url).content
    assert post_answers(client, url, answers("staff", 5)).status_code == 302
    page = client.get(url).content.decode()
    assert "Submitted on 01.12.2026" in page
    assert "not counted (p.35)" in page


def test_the_hub_lists_my_questionnaires_and_reports(closed, world):
    client = login(world.a_head_user)
    page = client.get(reverse("surveys:index")).content.decode()
    for name in ("Орынбасар Дана", "Бекова Айгүл", "Жанов Нұрлан"):
        assert name in page
    assert "My 360 report for 2026" in page
    assert reverse("surveys:report", args=[closed.survey.target("a_staff1").pk]) in page


def test_dashboard_panels_and_menu(survey, world):
    survey.open()
    respondent = login(world.b_staff1_user).get(reverse("home")).content.decode()
    assert 'data-testid="panel-360-questionnaires"' in respondent
    assert 'href="/surveys/"' in respondent
    hr_client = login(world.hr_staff_user)
    hr = hr_client.get(reverse("home")).content.decode()
    assert 'data-testid="panel-360-hr"' in hr
    figures = reverse("surveys:campaign_panel", args=[survey.campaign.pk])
    assert f'hx-get="{figures}"' in hr
    assert "0/28" in hr_client.get(figures).content.decode()
    outsider = login(world.outsider_user).get(reverse("home")).content.decode()
    assert 'href="/surveys/"' not in outsider
    survey.answer_all()
    for key in ("a_staff1",):
        survey.self_assess(key)
    survey.close()
    mine = login(world.a_staff1_user).get(reverse("home")).content.decode()
    assert 'data-testid="panel-360-report"' in mine
    assert "Open my report" in mine


def test_invitations_only_from_the_respondents_side(survey, world):
    survey.open()
    assert Invitation.objects.filter(respondent=world.b_staff1).count() == 4
