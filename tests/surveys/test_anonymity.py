"""Every path by which someone could learn who gave which answer — the database rows, HTML pages
and API responses of every role, the PDF, the XLSX, the admin site, the audit log and the
notifications — and none of them names a respondent next to an answer."""

from __future__ import annotations

import difflib
import io
import json
import re

import pytest
from django.contrib import admin
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.notifications.models import Notification
from bagalau.org.models import Servant
from bagalau.surveys.models import (
    AnswerTotal,
    Ballot,
    Invitation,
    PaperBatch,
    ResponseTally,
    SelfAssessment,
    Target,
)
from tests.documents.conftest import pdf_text
from tests.factories import UserFactory
from tests.surveys.conftest import LISTS, answers, questionnaire_url, sealed_ballots

READERS = ("a_staff1", "a_head", "hr_head")  # the evaluatee, the evaluator, the head of HR
RESPONDENTS = LISTS["a_staff1"]  # a_head, a_staff2, b_staff1


def names(servant: Servant) -> list[str]:
    """Every way a page could print a servant."""
    return [servant.full_name, servant.short_name, f"{servant.first_name} {servant.last_name}"]


def main_of(html: str) -> str:
    """The page's content, without the header that greets the viewer by name."""
    return html.split('<main id="main">', 1)[1].split("</main>", 1)[0]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the database --------------------------------------------------------------------------------


def _columns(model: type[models.Model]) -> set[str]:
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name for column in description}


@pytest.mark.django_db
def test_the_answer_store_has_no_column_naming_a_person_or_a_time():
    assert _columns(AnswerTotal) == {
        "id",
        "target_id",
        "competency",
        "statement",
        "total",
        "answers",
    }
    assert _columns(ResponseTally) == {"target_id", "responses", "paper", "invited"}
    assert _columns(Ballot) == {"id", "target_id", "sealed"}
    assert _columns(PaperBatch) == {
        "id",
        "target_id",
        "count",
        "entered_on",
        "entered_by_id",
        "scan",
        "scan_type",
    }
    assert isinstance(Ballot._meta.pk, models.UUIDField)  # random keys: no insertion order
    for model in (AnswerTotal, ResponseTally, Ballot):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateField | models.DateTimeField), field
            if field.is_relation:
                assert field.related_model is Target, field
    # The invitation records completion by date only and has no timestamp column at all.
    invitation_fields = {f.name: f for f in Invitation._meta.concrete_fields}
    assert not any(isinstance(f, models.DateTimeField) for f in invitation_fields.values())
    assert isinstance(invitation_fields["completed_on"], models.DateField)
    # The target keeps no progress and is not touched by a submission (no updated_at).
    assert not any(isinstance(f, models.DateTimeField) for f in Target._meta.concrete_fields)


def test_the_stored_state_is_the_same_whoever_answers_first(survey):
    """Two respondents answer two colleagues the other way round: the sealed ballots (opened
    with the key) and the totals written at closing cannot tell the order apart."""
    survey.open()
    first, second = answers("staff", seed=1), answers("staff", seed=2)
    survey.submit("a_head", "a_staff1", first)
    survey.submit("b_staff1", "a_staff1", second)
    survey.submit("b_staff1", "a_staff2", first)  # the same answers, the other way round
    survey.submit("a_head", "a_staff2", second)
    assert sealed_ballots(survey.target("a_staff1")) == sealed_ballots(survey.target("a_staff2"))
    survey.submit("a_staff2", "a_staff1", 3)
    survey.submit("a_staff1", "a_staff2", 3)

    def stored(key):
        return sorted(
            AnswerTotal.objects.filter(target=survey.target(key)).values_list(
                "competency", "statement", "total", "answers"
            )
        )

    survey.close()
    assert stored("a_staff1") == stored("a_staff2")
    tallies = dict(
        ResponseTally.objects.values_list("target__servant__user__username", "responses")
    )
    assert tallies["a_staff1"] == tallies["a_staff2"] == 3


def test_only_the_lists_link_a_servant_and_they_hold_no_answers(closed):
    """The survey's links to a person: the evaluatee and evaluator of a target, the respondent of
    an invitation. The invitation, once closed, keeps no draft; nothing else names anybody."""
    from django.apps import apps

    links = {
        (model.__name__, field.name)
        for model in apps.get_app_config("surveys").get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in (Servant, Servant.user.field.related_model)
    }
    assert links == {
        ("Campaign", "created_by"),
        ("Campaign", "opened_by"),
        ("Campaign", "closed_by"),
        ("Target", "servant"),
        ("Target", "evaluator"),
        ("Target", "feedback_recorded_by"),
        ("Invitation", "respondent"),
        ("PaperBatch", "entered_by"),
    }
    assert not Ballot.objects.exists()  # counted at closing and deleted


# --- pages and API of every role -----------------------------------------------------------------


def test_report_html_api_and_pdf_name_no_respondent_for_any_reader(closed):
    survey = closed.survey
    target = survey.target("a_staff1")
    respondents = [survey.servant(key) for key in RESPONDENTS]
    for reader in READERS:
        client = client_for(survey.user(reader))
        page = client.get(reverse("surveys:report", args=[target.pk]))
        assert page.status_code == 200
        html = main_of(page.content.decode())
        api = client.get(f"/api/v1/surveys/reports/{target.pk}/")
        body = json.dumps(api.json(), ensure_ascii=False)
        pdf = pdf_text(client.get(reverse("surveys:report_pdf", args=[target.pk])).content)
        for respondent in respondents:
            for name in names(respondent):
                assert name not in html, (reader, name)
                assert name not in body, (reader, name)
                assert name not in pdf, (reader, name)
        # A count of respondents, nothing about any of them.
        assert isinstance(api.json()["respondents"], int)
        for key in ("relation", "completed", "invitation", "respondent_id"):
            assert key not in body
        assert "Бекова Айгүл" in html  # the evaluatee, of course


def test_the_training_needs_and_xlsx_name_nobody(closed):
    from openpyxl import load_workbook

    client = client_for(closed.w.hr_head_user)
    html = main_of(
        client.get(reverse("surveys:training", args=[closed.campaign.pk])).content.decode()
    )
    book = load_workbook(
        io.BytesIO(client.get(reverse("surveys:training_xlsx", args=[closed.campaign.pk])).content)
    )
    cells = " ".join(
        str(value) for row in book.active.iter_rows(values_only=True) for value in row if value
    )
    api = json.dumps(
        client.get(f"/api/v1/surveys/campaigns/{closed.campaign.pk}/training/").json(),
        ensure_ascii=False,
    )
    for servant in Servant.objects.all():
        for name in names(servant):
            assert name not in html, name
            assert name not in cells, name
            assert name not in api, name


def _hr_views(client: Client, campaign_id: int) -> str:
    page = main_of(client.get(reverse("surveys:campaign", args=[campaign_id])).content.decode())
    api = client.get(f"/api/v1/surveys/campaigns/{campaign_id}/").json()
    # Drop the token-like noise that changes on every request.
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return page + "\n" + json.dumps(api, ensure_ascii=False, indent=1, sort_keys=True)


@pytest.mark.parametrize("hr", ["hr_staff", "hr_head"])
def test_hr_cannot_tell_who_just_answered(survey, hr):
    """Whatever HR sees before and after one submission differs only in counts: the
    respondent's name and questionnaire never appear in the difference."""
    survey.open()
    survey.submit("a_head", "a_staff1", 4)
    client = client_for(survey.user(hr))
    before = _hr_views(client, survey.campaign.pk)
    invitation = survey.invitation("b_staff1", "a_staff1")
    survey.submit("b_staff1", "a_staff1", 3)
    after = _hr_views(client, survey.campaign.pk)
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed, "the counters moved"
    respondent = survey.servant("b_staff1")
    for line in changed:
        for name in names(respondent):
            assert name not in line, line
        assert f"questionnaires/{invitation.pk}/" not in line
    assert '"completed' not in after
    assert "answered on" not in after.lower()


def test_the_respondent_cannot_see_their_own_answers_after_submission(survey):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    survey.submit("b_staff1", "a_staff1", [1, 2, 3])
    client = client_for(survey.user("b_staff1"))
    page = main_of(client.get(questionnaire_url(client, invitation)).content.decode())
    assert "Submitted on 01.12.2026" in page
    assert 'type="radio"' not in page
    assert "checked" not in page
    api = client.get(questionnaire_url(client, invitation, api=True)).json()
    assert api["draft"] is None
    assert api["submitted_on"] == "2026-12-01"


def test_no_draft_about_a_colleague_is_kept_on_the_server(survey):
    """The questionnaire page keeps the draft in the browser (a key only that user's pages
    name); there is no draft endpoint and no draft column."""
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    client = client_for(survey.user("b_staff1"))
    page = client.get(questionnaire_url(client, invitation)).content.decode()
    key = re.search(r'data-draft-key="(bagalau-360-draft-[0-9a-f]{32})"', page)
    assert key is not None
    from bagalau.surveys.refs import draft_key

    assert key.group(1) == draft_key(survey.user("b_staff1"), invitation.pk)  # an HMAC
    assert "hx-post" not in main_of(page)
    assert "draft" not in {f.name for f in Invitation._meta.get_fields()}
    for user in ("a_staff1", "a_head", "hr_head", "hr_staff", "head"):
        other = client_for(survey.user(user))
        assert other.get(questionnaire_url(client, invitation)).status_code == 404
        assert other.get(questionnaire_url(other, invitation)).status_code == 404


def test_the_evaluatee_never_sees_who_was_asked(closed):
    survey = closed.survey
    client = client_for(
        survey.user("hr_staff")
    )  # hr_staff's respondents: hr_head, b_staff1, a_staff2
    html = main_of(client.get(reverse("surveys:index")).content.decode())
    api = json.dumps(client.get("/api/v1/surveys/reports/").json(), ensure_ascii=False)
    for key in LISTS["hr_staff"]:
        for name in names(survey.servant(key)):
            if key in ("b_staff1",):  # hr_staff answers about b_staff1 themselves
                continue
            assert name not in api
    report = main_of(
        client.get(reverse("surveys:report", args=[survey.target("hr_staff").pk])).content.decode()
    )
    for key in LISTS["hr_staff"]:
        for name in names(survey.servant(key)):
            assert name not in report
    assert "withheld" in html


# --- the admin site ------------------------------------------------------------------------------


def main_of_admin(html: str) -> str:
    """The admin page without its navigation sidebar (which lists the registered models)."""
    return html.split('id="content"', 1)[1] if 'id="content"' in html else html


def test_the_admin_shows_no_invitation_draft_or_answer(closed):
    for model in (Invitation, AnswerTotal, ResponseTally, SelfAssessment, Ballot, PaperBatch):
        assert model not in admin.site._registry, model
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = client_for(superuser)
    for url in (
        "/admin/surveys/",
        "/admin/surveys/campaign/",
        f"/admin/surveys/campaign/{closed.campaign.pk}/change/",
        "/admin/surveys/target/",
        f"/admin/surveys/target/{closed.survey.target('a_staff1').pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = main_of_admin(response.content.decode())
        for term in ("questionnaire", "answer total", "response count", "self-assessment"):
            assert term not in html.lower(), (url, term)
        if "target" in url and url.endswith("/change/"):  # evaluator yes, respondents never
            for key in ("a_staff2", "b_staff1"):
                for name in names(closed.survey.servant(key)):
                    assert name not in html, (url, name)
    for url in ("/admin/surveys/invitation/", "/admin/surveys/answertotal/"):
        assert client.get(url).status_code == 404
    # Deleting a respondent's record would list their questionnaires: by number, never by whom.
    respondent = closed.survey.servant("b_staff1")
    html = client.get(f"/admin/org/servant/{respondent.pk}/delete/").content.decode()
    for key, people in LISTS.items():
        if "b_staff1" in people and key != "b_staff1":
            for name in names(closed.survey.servant(key)):
                assert name not in html, name


# --- the audit log and notifications -------------------------------------------------------------


def test_the_audit_log_has_no_answers_and_no_respondent_target_pair(closed):
    survey = closed.survey
    for reader in READERS:  # report reads are audited
        client_for(survey.user(reader)).get(
            reverse("surveys:report", args=[survey.target("a_staff1").pk])
        )
    entries = list(AuditEntry.objects.all())
    assert any(e.action == "view" and e.object_type == "surveys.target" for e in entries)
    forbidden_types = {
        "surveys.invitation",
        "surveys.answertotal",
        "surveys.responsetally",
        "surveys.ballot",
    }
    assert not [e for e in entries if e.object_type in forbidden_types]
    respondents_of = {
        str(target.pk): [
            name
            for invitation in target.invitations.select_related("respondent")
            for name in names(invitation.respondent)
        ]
        for target in Target.objects.all()
    }
    for entry in entries:
        assert not {"answers", "draft", "self_answers"} & set(entry.changes)
        if "respondents" in entry.changes:  # counts, never who
            assert all(isinstance(v, int) or v is None for v in entry.changes["respondents"])
        if entry.object_type == "surveys.target":
            text = entry.summary + json.dumps(entry.changes, ensure_ascii=False)
            for name in respondents_of.get(entry.object_id, []):
                assert name not in text, (entry, name)
    # No entry by a respondent about a target they answered, except reading a report they may.
    for target in Target.objects.select_related("servant", "evaluator"):
        for invitation in target.invitations.select_related("respondent__user"):
            user = invitation.respondent.user
            pair = [
                e
                for e in entries
                if e.actor_id == getattr(user, "pk", None)
                and e.object_type == "surveys.target"
                and e.object_id == str(target.pk)
            ]
            allowed = invitation.respondent_id == target.evaluator_id or (
                user is not None and user.username == "hr_head"
            )
            for entry in pair:
                assert allowed, entry
                assert entry.action in ("view", "download"), entry


def test_notifications_to_respondents_name_no_evaluatee(closed):
    for note in Notification.objects.filter(kind__in=("survey360_to_answer", "survey360_reminder")):
        assert set(note.params) == {"year", "count", "due"}
