"""The head of the apparatus replaces a participant who cannot take part (p.38): before the final
score, and only someone who has not voted in the round under way; earlier votes stay."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.calibration import services
from bagalau.calibration.access import session_get_for
from bagalau.calibration.models import SessionStatus
from bagalau.calibration.selectors import protocol_context
from bagalau.core.errors import DomainError
from bagalau.notifications.models import Notification
from tests.calibration.conftest import snapshot


def replace(flow, leaving, joining, actor=None):
    return services.session_replace_participant(
        actor=actor or flow.world.head_user,
        session_id=flow.session.pk,
        leaving=leaving.pk,
        joining=joining.pk,
    )


def test_the_head_replaces_a_participant_before_the_session(flow, world):
    flow.schedule()
    replace(flow, world.deputy_user, world.a_staff2_user)
    members = set(flow.session.participants.all())
    assert members == {world.a_staff2_user, world.b_head_user, world.b_staff1_user}
    entry = AuditEntry.objects.get(action="replace_participant")
    assert entry.actor == world.head_user
    before, after = entry.changes["participants"]
    assert world.deputy_user.pk in before
    assert world.deputy_user.pk not in after
    assert world.a_staff2_user.pk in after
    assert Notification.objects.filter(
        recipient=world.a_staff2_user, kind="session_scheduled"
    ).exists()
    with pytest.raises(Http404):
        session_get_for(user=world.deputy_user, id=flow.session.pk)


def test_a_newcomer_during_voting_is_asked_to_vote_and_completes_the_round(flow, world):
    flow.present()
    flow.vote(world.deputy_user, "raise", D("4.20"))
    replace(flow, world.b_head_user, world.a_staff2_user)
    assert Notification.objects.filter(
        recipient=world.a_staff2_user, kind="session_to_vote"
    ).exists()
    flow.vote(world.b_staff1_user, "raise", D("4.20"))
    flow.session.refresh_from_db()
    assert flow.session.status == SessionStatus.PRESENTED  # a_staff2 has not voted yet
    flow.vote(world.a_staff2_user, "keep")
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.final_score) == (SessionStatus.DECIDED, D("4.20"))


def test_a_participant_who_voted_in_this_round_stays(flow, world):
    flow.present()
    flow.vote(world.deputy_user, "keep")
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        replace(flow, world.deputy_user, world.a_staff2_user)
    assert caught.value.field == "leaving"
    assert "has already voted in round 1" in caught.value.message
    assert snapshot() == before


def test_earlier_rounds_keep_the_votes_of_who_left(flow, world):
    flow.present()
    flow.vote(world.deputy_user, "raise", D("4.20"))
    flow.vote(world.b_head_user, "keep")
    flow.vote(world.b_staff1_user, "lower", D("3.50"))  # 1-1-1: round 2
    replace(flow, world.deputy_user, world.a_staff2_user)
    for user in (world.a_staff2_user, world.b_head_user, world.b_staff1_user):
        flow.vote(user, "keep")
    flow.session.refresh_from_db()
    first, second = protocol_context(flow.session)["rounds"]
    assert world.deputy.full_name in {vote["voter"] for vote in first["votes"]}
    assert world.deputy.full_name not in {vote["voter"] for vote in second["votes"]}


@pytest.mark.parametrize(
    ("leaving", "joining", "field", "message"),
    [
        ("a_staff2_user", "hr_staff_user", "leaving", "Choose a participant of the session"),
        ("deputy_user", "b_head_user", "joining", "is already a participant"),
        ("deputy_user", "a_staff1_user", "joining", "chosen among the servants"),
        ("deputy_user", "a_head_user", "joining", "chosen among the servants"),
        ("deputy_user", "outsider_user", "joining", "chosen among the servants"),
    ],
    ids=["not-a-participant", "already-in", "the-evaluatee", "the-evaluator", "outsider"],
)
def test_who_may_leave_and_join(flow, world, leaving, joining, field, message):
    flow.schedule()
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        replace(flow, getattr(world, leaving), getattr(world, joining))
    assert caught.value.field == field
    assert message in caught.value.message
    assert snapshot() == before


def test_no_replacement_after_the_decision(flow, world):
    flow.decide()
    before = snapshot()
    with pytest.raises(DomainError, match="already adopted"):
        replace(flow, world.deputy_user, world.a_staff2_user)
    assert snapshot() == before


@pytest.mark.parametrize("who", ["hr_head_user", "hr_staff_user", "a_head_user", "b_head_user"])
def test_only_the_head_of_the_apparatus_replaces(flow, world, who):
    flow.schedule()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        replace(flow, world.deputy_user, world.a_staff2_user, actor=getattr(world, who))
    assert snapshot() == before


def test_the_session_page_form(client, flow, world):
    flow.schedule()
    url = reverse("calibration:session", args=[flow.session.pk])
    action = reverse("calibration:replace_participant", args=[flow.session.pk])
    client.force_login(world.hr_head_user)
    assert action not in client.get(url).content.decode()
    client.force_login(world.head_user)
    page = client.get(url).content.decode()
    assert action in page
    wrong = client.post(action, {"leaving": world.deputy_user.pk, "joining": world.a_head_user.pk})
    assert wrong.status_code == 200
    assert 'class="field-error"' in wrong.content.decode()
    assert flow.session.participants.filter(pk=world.deputy_user.pk).exists()
    done = client.post(action, {"leaving": world.deputy_user.pk, "joining": world.a_staff2_user.pk})
    assert done.status_code == 302
    assert flow.session.participants.filter(pk=world.a_staff2_user.pk).exists()
    assert "The participant was replaced." in client.get(url).content.decode()


def test_the_api(client, flow, world):
    flow.schedule()
    url = f"/api/v1/calibration/sessions/{flow.session.pk}/participants/"
    client.force_login(world.head_user)
    bad = client.post(
        url,
        {"leaving": world.deputy_user.pk, "joining": world.a_staff1_user.pk},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "joining"
    missing = client.post(url, {"leaving": world.deputy_user.pk}, content_type="application/json")
    assert missing.status_code == 400
    assert missing.json()["error"]["field"] == "joining"
    ok = client.post(
        url,
        {"leaving": world.deputy_user.pk, "joining": world.a_staff2_user.pk},
        content_type="application/json",
    )
    assert ok.status_code == 200, ok.content
    assert world.a_staff2_user.pk in {p["id"] for p in ok.json()["participants"]}


def test_the_head_finds_the_sessions_under_way_he_ordered(client, flow, world):
    flow.schedule()
    link = reverse("calibration:session", args=[flow.session.pk])
    client.force_login(world.head_user)
    page = client.get(reverse("calibration:index")).content.decode()
    assert "Sessions under way that I ordered" in page
    assert link in page
    client.force_login(world.a_staff2_user)  # no part in the case
    assert link not in client.get(reverse("calibration:index")).content.decode()


def test_a_decided_session_leaves_the_heads_list(client, flow, world):
    flow.decide()
    client.force_login(world.head_user)
    page = client.get(reverse("calibration:index")).content.decode()
    assert reverse("calibration:session", args=[flow.session.pk]) not in page
