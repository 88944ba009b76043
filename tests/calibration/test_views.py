"""The calibration pages: forms show the service's errors next to their field, voting over HTMX,
what each viewer sees, the protocol page, the menu and the dashboard panels."""

import datetime as dt
import re
from decimal import Decimal as D

from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import Application, SessionStatus, Vote
from tests.calibration.conftest import APPLY_DUE, snapshot


def test_the_apply_page_shows_the_last_day_and_sends_the_application(client, flow, world, clock):
    clock(dt.date(2026, 4, 14))
    client.force_login(world.a_staff1_user)
    url = reverse("calibration:apply", args=[flow.evaluation.pk])
    page = client.get(url).content.decode()
    assert "20.04.2026" in page
    assert "3.80" in page  # the servant sees their own result…
    assert AuditEntry.objects.filter(action="view", object_id=str(flow.evaluation.pk)).exists()
    response = client.post(url, {"text": "  "})
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert not Application.objects.exists()
    response = client.post(url, {"text": "Келіспеймін."})
    application = Application.objects.get()
    assert response["Location"] == reverse("calibration:application", args=[application.pk])
    assert client.get(url)["Location"] == response["Location"]  # one application only


def test_the_apply_page_after_the_window(client, flow, world, clock):
    clock(APPLY_DUE + dt.timedelta(days=3))
    client.force_login(world.a_staff1_user)
    url = reverse("calibration:apply", args=[flow.evaluation.pk])
    page = client.get(url).content.decode()
    assert "The time to apply ended on 20.04.2026." in page
    assert "<textarea" not in page
    response = client.post(url, {"text": "Кеш."})
    assert "The 5 working days to apply ended on 20.04.2026." in response.content.decode()
    assert not Application.objects.exists()


def test_the_decision_form_shows_errors_next_to_the_field(client, flow, world, clock):
    flow.apply()
    clock(dt.date(2026, 4, 15))
    client.force_login(world.head_user)
    url = reverse("calibration:application", args=[flow.application.pk])
    page = client.get(url).content.decode()
    assert "17.04.2026" in page
    assert "28.04.2026" in page
    assert world.deputy.full_name in page
    assert f'value="{world.a_staff1_user.pk}"' not in page  # never offered: the servant
    assert f'value="{world.a_head_user.pk}"' not in page  # nor the evaluator
    assert not re.search(r"(?<![\d.])3\.80(?!\d)", page)  # the head does not see the score
    before = snapshot()
    response = client.post(
        url,
        {
            "participants": [world.deputy_user.pk, world.b_head_user.pk],
            "scheduled_for": "2026-04-21T10:00",
            "place": "Зал",
        },
    )
    assert response.status_code == 200
    assert "Approve at least 3 participants." in response.content.decode()
    assert snapshot() == before
    response = client.post(
        url,
        {
            "participants": [u.pk for u in flow.participants],
            "scheduled_for": "2026-04-29T10:00",
            "place": "Зал",
        },
    )
    assert "Hold the session by 28.04.2026" in response.content.decode()
    assert snapshot() == before


def test_overdue_decisions_are_shown_to_hr(client, flow, world, clock):
    flow.apply()
    clock(dt.date(2026, 4, 20))
    client.force_login(world.hr_staff_user)
    page = client.get(reverse("calibration:index")).content.decode()
    assert "overdue" in page
    home = client.get(reverse("home")).content.decode()
    assert "Applications the head of the apparatus has not decided in time" in home
    client.force_login(world.head_user)
    home = client.get(reverse("home")).content.decode()
    assert "Calibration applications to decide" in home
    assert reverse("calibration:application", args=[flow.application.pk]) in home


def test_voting_over_htmx(client, flow, world):
    flow.present()
    client.force_login(world.deputy_user)
    session_url = reverse("calibration:session", args=[flow.session.pk])
    page = client.get(session_url).content.decode()
    assert "Round 1: 0 of 3 voted" in page
    url = reverse("calibration:voting", args=[flow.session.pk])
    response = client.post(
        url, {"choice": "raise", "score": "3.50", "argument": "x"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="voting"' in body
    assert "A vote to raise proposes a score above the evaluator&#x27;s 3.80." in body
    assert not Vote.objects.exists()
    response = client.post(
        url, {"choice": "raise", "score": "4.20", "argument": "Дәлел."}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Round 1: 1 of 3 voted" in body
    assert "Your vote in round 1" in body
    assert "<form" not in body
    # the others' votes stay hidden until the round is complete
    flow.vote(world.b_head_user, "keep")
    client.force_login(world.b_staff1_user)
    page = client.get(session_url).content.decode()
    assert "Round 1: 2 of 3 voted" in page
    assert "Дәлел." not in page
    response = client.post(
        url, {"choice": "raise", "score": "4.20", "argument": "Келісемін."}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.final_score) == (SessionStatus.DECIDED, D("4.20"))
    page = client.get(session_url).content.decode()
    assert "Adopted final score" in page
    assert "4.20" in page
    assert "Дәлел." in page


def test_progress_polling_reloads_when_the_round_closes(client, flow, world):
    flow.present()
    client.force_login(world.hr_head_user)
    url = reverse("calibration:progress", args=[flow.session.pk])
    response = client.get(url, {"round": 1, "status": "presented"}, HTTP_HX_REQUEST="true")
    assert "0 of 3 voted" in response.content.decode()
    assert "HX-Refresh" not in response
    for user in flow.participants:
        flow.vote(user, "keep")
    response = client.get(url, {"round": 1, "status": "presented"}, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_workflow_viewers_do_not_see_results(client, flow, world):
    flow.sign()
    url = reverse("calibration:session", args=[flow.session.pk])
    for user in (world.hr_staff_user, world.head_user):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert not re.search(r"(?<![\d.])(4\.20|3\.80)(?!\d)", page)  # no score
        assert flow.session.presentation not in page
        assert reverse("calibration:protocol", args=[flow.session.pk]) not in page
    client.force_login(world.hr_staff_user)
    assert "Record as posted" in client.get(url).content.decode()
    client.force_login(world.hr_head_user)  # the head of HR sees the result
    assert re.search(r"(?<![\d.])4\.20(?!\d)", client.get(url).content.decode())


def test_result_views_are_audited(client, flow, world):
    flow.decide()
    client.force_login(world.b_head_user)
    client.get(reverse("calibration:protocol", args=[flow.session.pk]))
    entry = AuditEntry.objects.filter(action="view_protocol").get()
    assert (entry.actor, entry.object_id) == (world.b_head_user, str(flow.evaluation.pk))


def test_the_protocol_page(client, flow, world):
    flow.feedback()
    client.force_login(world.a_staff1_user)
    page = client.get(reverse("calibration:protocol", args=[flow.session.pk])).content.decode()
    for text in (
        world.org.name,
        world.a_staff1.full_name,
        world.a_head.full_name,
        world.deputy.full_name,
        flow.application.text,
        "Мәжіліс залы",
        "21.04.2026 10:00",
        "4.20",
        "3.80",
        "27.04.2026",
        "Құжаттарды уақытында дайындады.",
        "Round 1",
    ):
        assert text in page, text


def test_signing_posting_feedback_and_appeals_on_the_page(client, flow, world, clock):
    flow.decide()
    clock(dt.date(2026, 4, 22))
    url = reverse("calibration:session", args=[flow.session.pk])
    client.force_login(world.hr_head_user)
    assert "Sign the protocol" in client.get(url).content.decode()
    client.post(reverse("calibration:sign", args=[flow.session.pk]), {"confirm": "1"})
    page = client.get(url).content.decode()
    assert "27.04.2026" in page
    assert "Record as posted" in page
    client.force_login(world.a_head_user)
    response = client.post(
        reverse("calibration:feedback", args=[flow.session.pk]),
        {"held_on": "2026-04-22", "achievements": "А", "skills": "", "potential": "П"},
    )
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    client.force_login(world.hr_staff_user)
    response = client.post(
        reverse("calibration:appeal_add", args=[flow.session.pk]),
        {"filed_on": "2026-04-23", "authority": "Сот"},
    )
    assert "The appeal cannot be dated in the future." in response.content.decode()
    response = client.post(
        reverse("calibration:appeal_add", args=[flow.session.pk]),
        {"filed_on": "2026-04-22", "authority": "Сот"},
    )
    assert response.status_code == 302
    assert "Record the outcome" in client.get(url).content.decode()


def test_the_menu_and_the_panels(client, flow, world):
    flow.present()
    client.force_login(world.b_head_user)
    home = client.get(reverse("home")).content.decode()
    assert reverse("calibration:index") in home
    assert "Your vote is awaited" in home
    client.force_login(world.a_head_user)
    flow.vote(world.deputy_user, "keep")
    home = client.get(reverse("home")).content.decode()
    assert "Presentations to record" not in home
    client.force_login(world.outsider_user)
    assert reverse("calibration:index") not in client.get(reverse("home")).content.decode()


def test_the_panels_show_a_scheduled_session_to_its_evaluator_and_participants_only(
    client, flow, world
):
    flow.schedule()
    client.force_login(world.a_head_user)
    assert "Presentations to record" in client.get(reverse("home")).content.decode()
    client.force_login(world.b_head_user)
    assert "Upcoming sessions" in client.get(reverse("home")).content.decode()
    for user in (world.a_staff2_user, world.outsider_user):
        client.force_login(user)
        home = client.get(reverse("home")).content.decode()
        assert "Presentations to record" not in home
        assert "Upcoming sessions" not in home


def test_the_head_of_hr_closes_a_round_on_the_page(client, flow, world):
    flow.present()
    url = reverse("calibration:session", args=[flow.session.pk])
    client.force_login(world.hr_head_user)
    flow.vote(world.deputy_user, "raise", D("4.20"), argument="Дәлел.")
    assert 'data-testid="close-round"' not in client.get(url).content.decode()
    flow.vote(world.b_head_user, "raise", D("4.20"), argument="Дәлел.")
    page = client.get(url).content.decode()
    assert 'data-testid="close-round"' in page
    assert "2 of 3 participants have voted" in page
    for other in (world.hr_staff_user, world.deputy_user):
        client.force_login(other)
        assert 'data-testid="close-round"' not in client.get(url).content.decode()
    client.force_login(world.hr_head_user)
    response = client.post(
        reverse("calibration:close_round", args=[flow.session.pk]), {"confirm": "1"}
    )
    assert response.status_code == 302
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.final_score) == (SessionStatus.DECIDED, D("4.20"))
    page = client.get(url).content.decode()
    assert "The round was closed with the votes cast." in page
    assert 'data-testid="close-round"' not in page
    protocol = client.get(reverse("calibration:protocol", args=[flow.session.pk]))
    assert "2 of 3 participants voted; the head of HR closed the round" in protocol.content.decode()


def test_closing_too_early_on_the_page_shows_the_rule(client, flow, world):
    flow.present()
    flow.vote(world.deputy_user, "keep")
    client.force_login(world.hr_head_user)
    before = snapshot()
    response = client.post(reverse("calibration:close_round", args=[flow.session.pk]), follow=True)
    assert "once 2 of the 3 participants have voted; 1 have voted so far" in (
        response.content.decode()
    )
    assert snapshot() == before


def test_the_decision_page_offers_no_rejection(client, flow, world, clock):
    """p.38: the head decides to hold the session and approves its members; a posted
    "reject" with reasons orders nothing and finalises nothing."""
    flow.apply()
    clock(dt.date(2026, 4, 16))
    client.force_login(world.head_user)
    url = reverse("calibration:application", args=[flow.application.pk])
    page = client.get(url).content.decode()
    assert "Reject" not in page
    assert 'name="decision"' not in page
    assert "An application made in time leads to a calibration session" in page
    before = snapshot()
    response = client.post(url, {"decision": "reject", "comment": "Негіз жоқ."})
    assert response.status_code == 200
    assert "Approve at least 3 participants." in response.content.decode()
    assert snapshot() == before


def test_a_late_head_sees_the_limit_of_the_application(client, flow, world, clock):
    """Decided on working day 5 (21.04.2026): the page still says 28.04, and after it the next
    working day, shown late."""
    flow.apply()
    client.force_login(world.head_user)
    url = reverse("calibration:application", args=[flow.application.pk])
    clock(dt.date(2026, 4, 21))
    assert "hold the session by 28.04.2026" in client.get(url).content.decode()
    clock(dt.date(2026, 4, 29))
    page = client.get(url).content.decode()
    assert "ended on 28.04.2026: hold the session as soon as possible, by 30.04.2026" in page
