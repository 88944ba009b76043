"""The 360 survey on paper (seed 002 p.33): the blank App. 5/6 form names the evaluatee and no
respondent; HR marks who returned an envelope, types the target's batch in any order, with a
scan; the answers are sealed like web ones, counted at closing, and the report says how many came
from paper. Nothing links a respondent to the answers typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.surveys import reports
from bagalau.surveys.models import Ballot, Invitation, PaperBatch, ResponseTally
from bagalau.surveys.paper import paper_scan, target_enter_paper, target_mark_paper_returns
from tests.documents.conftest import pdf_text
from tests.surveys.conftest import answers, sealed_ballots
from tests.surveys.matrix import PNG
from tests.surveys.test_campaign import state


@pytest.fixture
def scans(settings, tmp_path):
    settings.SURVEY_SCAN_ROOT = tmp_path / "scans"
    return settings.SURVEY_SCAN_ROOT


def _mark(survey, evaluatee, *respondents):
    return target_mark_paper_returns(
        actor=survey.w.hr_staff_user,
        target_id=survey.target(evaluatee).pk,
        respondent_ids=[survey.servant(key).pk for key in respondents],
    )


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_blank_form_names_the_evaluatee_and_no_respondent(survey, world, language):
    survey.open()
    target = survey.target("a_head")  # App. 5, managers
    client = Client()
    client.force_login(world.hr_staff_user)
    response = client.get(reverse("surveys:paper_blank", args=[target.pk]), {"lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Әлиев Арман" in text
    for key in ("deputy", "a_staff1", "a_staff2", "b_head", "hr_head"):  # a_head's respondents
        servant = survey.servant(key)
        assert servant.last_name not in text, key
    heading = {"kk": "5-қосымша", "ru": "Приложение 5", "en": "Appendix 5"}[language]
    assert heading in text
    statement = {
        "kk": "Стратегиялық мақсаттарға сәйкес",
        "ru": "Ставит конкретные задачи",
        "en": "Sets specific objectives",
    }[language]
    assert statement in " ".join(text.split())


def test_a_batch_is_typed_in_any_order_sealed_and_counted_at_closing(survey, world, scans):
    survey.open()
    target = survey.target("hr_staff")  # respondents: hr_head, b_staff1, a_staff2
    survey.submit("hr_head", "hr_staff", 5)  # one answers online
    marked = _mark(survey, "hr_staff", "b_staff1", "a_staff2")
    assert marked.paper_pending == 2
    for key in ("b_staff1", "a_staff2"):
        invitation = survey.invitation(key, "hr_staff")
        assert (invitation.completed, invitation.on_paper) == (True, True)
    entry = AuditEntry.objects.get(action="paper_returned")
    assert entry.changes == {"paper_pending": [0, 2]}  # a count, never whom

    first, second = answers("staff", [1, 2, 3]), answers("staff", [4, 4, 4])
    batch = target_enter_paper(
        actor=world.hr_staff_user,
        target_id=target.pk,
        questionnaires=[second, first],  # any order
        scan=PNG,
    )
    assert batch.count == 2
    target.refresh_from_db()
    assert target.paper_pending == 0
    assert sealed_ballots(target) == sorted(
        [answers("staff", 5), first, second], key=lambda a: sorted(a.items())
    )
    # The scan is sealed at rest and opens for HR.
    stored = next(scans.iterdir()).read_bytes()
    assert PNG not in stored
    assert paper_scan(batch) == (PNG, "image/png")
    survey.close()
    target = survey.target("hr_staff")
    tally = ResponseTally.objects.get(target=target)
    assert (tally.responses, tally.paper) == (3, 2)
    assert not Ballot.objects.exists()
    report = reports.report_for(target)
    assert report.released
    # ethics: (5+5+5) + (1+4) ... per competency mean of 3 respondents x 3 statements.
    assert report.result.competencies["ethics"] == round(
        __import__("decimal").Decimal(15 + 6 + 12) / 9, 2
    )
    client = Client()
    client.force_login(world.hr_staff_user)  # the evaluatee reads her report
    html = client.get(reverse("surveys:report", args=[target.pk])).content.decode()
    assert 'data-testid="responded">3 (2 on paper)' in html


def test_a_batch_must_hold_every_envelope_awaiting_entry(survey, world, scans):
    survey.open()
    target = survey.target("hr_staff")
    _mark(survey, "hr_staff", "b_staff1", "a_staff2")
    before = state()
    with pytest.raises(DomainError) as raised:
        target_enter_paper(
            actor=world.hr_staff_user, target_id=target.pk, questionnaires=[answers("staff", 3)]
        )
    assert raised.value.field == "questionnaires"
    assert "2 paper questionnaires" in raised.value.message
    bad = answers("staff", 3)
    bad["ethics"] = [3, 9, 3]
    with pytest.raises(DomainError) as raised:
        target_enter_paper(
            actor=world.hr_staff_user,
            target_id=target.pk,
            questionnaires=[answers("staff", 3), bad],
        )
    assert raised.value.field == "questionnaires[1].answers.ethics[1]"
    with pytest.raises(DomainError) as raised:
        target_enter_paper(
            actor=world.hr_staff_user,
            target_id=target.pk,
            questionnaires=[answers("staff", 3), answers("staff", 2)],
            scan=b"MZ\x90\x00 not an image",
        )
    assert raised.value.field == "scan"
    assert state() == before
    assert not list(scans.iterdir()) if scans.exists() else True


def test_marking_is_refused_for_someone_who_answered_and_closing_waits_for_typing(survey, world):
    survey.open()
    survey.submit("b_staff1", "hr_staff", 4)
    before = state()
    with pytest.raises(DomainError):
        _mark(survey, "hr_staff", "b_staff1")
    with pytest.raises(DomainError):
        _mark(survey, "hr_staff", "b_head")  # not on hr_staff's list
    assert state() == before
    _mark(survey, "hr_staff", "a_staff2")
    survey.clock(survey.campaign.deadline.replace(day=11))
    from bagalau.surveys.services import campaign_close

    with pytest.raises(DomainError) as raised:
        campaign_close(actor=world.hr_staff_user, campaign_id=survey.campaign.pk)
    assert "not entered yet" in raised.value.message
    assert Invitation.objects.filter(on_paper=True).count() == 1


def test_the_paper_page_shows_no_one_s_online_status(survey, world):
    survey.open()
    survey.submit("b_staff1", "hr_staff", 4)
    client = Client()
    client.force_login(world.hr_staff_user)
    html = client.get(reverse("surveys:paper", args=[survey.target("hr_staff").pk])).content
    html = html.decode()
    for key in ("hr_head", "b_staff1", "a_staff2"):  # everyone on the list, answered or not
        assert survey.servant(key).full_name in html
    assert "disabled" not in html.split('value="returns"')[1].split("</form>")[0]


def test_the_api_enters_a_batch_with_a_multipart_scan(survey, world, scans):
    survey.open()
    target = survey.target("hr_staff")
    client = APIClient()
    client.force_authenticate(world.hr_staff_user)
    url = f"/api/v1/surveys/targets/{target.pk}/paper/"
    response = client.post(
        f"{url}returns/", {"respondents": [survey.servant("a_staff2").pk]}, format="json"
    )
    assert response.json() == {"target_id": target.pk, "paper_pending": 1}
    import io
    import json

    scan = io.BytesIO(b"%PDF-1.4 scan")
    scan.name = "scan.pdf"
    response = client.post(
        url,
        {"questionnaires": json.dumps([answers("staff", 2)]), "scan": scan},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["count"] == 1
    assert response.json()["scan"] is True
    batch = PaperBatch.objects.get()
    assert paper_scan(batch) == (b"%PDF-1.4 scan", "application/pdf")
    again = client.post(url, {"questionnaires": [answers("staff", 2)]}, format="json")
    assert again.status_code == 400
    assert again.json()["error"]["field"] == "questionnaires"
