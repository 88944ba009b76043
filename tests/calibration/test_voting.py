"""The session: the evaluator presents, each participant votes for one final score, a score with
more than half of the votes is adopted, otherwise another round (p.41, SPEC §4.7)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.calibration import services
from bagalau.calibration.models import SessionStatus, Vote
from bagalau.calibration.selectors import majority_score, protocol_context, tally
from bagalau.calibration.services import session_record_presentation
from bagalau.core.errors import DomainError
from bagalau.notifications.models import Notification
from tests.calibration.conftest import SESSION_DAY, add_servants, snapshot

# --- the presentation ----------------------------------------------------------------------------


def test_the_evaluator_presents_at_the_session(flow, world, clock):
    flow.schedule()
    clock(SESSION_DAY - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="recorded at the session, on 21.04.2026"):
        session_record_presentation(
            actor=world.a_head_user, session_id=flow.session.pk, text="Алдын ала."
        )
    clock(SESSION_DAY, 10)
    with pytest.raises(DomainError) as caught:
        session_record_presentation(actor=world.a_head_user, session_id=flow.session.pk, text="")
    assert caught.value.field == "text"
    session = session_record_presentation(
        actor=world.a_head_user, session_id=flow.session.pk, text="Баяндама."
    )
    assert (session.status, session.presentation) == (SessionStatus.PRESENTED, "Баяндама.")
    assert Notification.objects.filter(kind="session_to_vote").count() == 3
    assert AuditEntry.objects.get(action="present").changes["status"] == ["scheduled", "presented"]


def test_only_the_evaluator_presents(flow, world, clock):
    flow.schedule()
    clock(SESSION_DAY, 11)
    before = snapshot()
    for user in (world.a_staff1_user, world.b_head_user, world.hr_head_user, world.head_user):
        with pytest.raises(PermissionDenied):
            session_record_presentation(actor=user, session_id=flow.session.pk, text="x")
    with pytest.raises(Http404):
        session_record_presentation(actor=world.a_staff2_user, session_id=flow.session.pk, text="x")
    assert snapshot() == before


def test_the_presentation_is_fixed_once_voting_began(flow, world):
    flow.present()
    flow.vote(world.deputy_user, "keep")
    with pytest.raises(DomainError, match="Voting has begun"):
        session_record_presentation(
            actor=world.a_head_user, session_id=flow.session.pk, text="Өзгеріс."
        )


# --- who votes -----------------------------------------------------------------------------------


def test_no_vote_before_the_presentation(flow, world):
    flow.schedule()
    with pytest.raises(DomainError) as caught:
        flow.vote(world.deputy_user, "keep")
    assert caught.value.field == "choice"
    assert not Vote.objects.exists()


def test_a_vote_from_a_non_participant_is_refused_and_nothing_is_written(flow, world):
    flow.present()
    before = snapshot()
    # they see the session but are not participants
    for user in (world.a_head_user, world.a_staff1_user, world.hr_head_user, world.head_user):
        with pytest.raises(PermissionDenied):
            flow.vote(user, "keep")
    # they do not even see it
    for user in (world.a_staff2_user, world.outsider_user):
        with pytest.raises(Http404):
            flow.vote(user, "keep")
    assert snapshot() == before


def test_one_vote_per_participant_per_round(flow, world):
    flow.present()
    flow.vote(world.deputy_user, "keep")
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        flow.vote(world.deputy_user, "raise", D("4.00"))
    assert (caught.value.field, caught.value.message) == (
        "choice",
        "You have already voted in round 1.",
    )
    assert snapshot() == before


# --- keep, raise, lower --------------------------------------------------------------------------


def test_keep_is_a_vote_for_the_evaluators_score(flow, world):
    flow.present()
    vote = flow.vote(world.deputy_user, "keep", argument="")
    assert (vote.choice, vote.score) == ("keep", D("3.80"))
    vote = flow.vote(world.b_head_user, "keep", "3.80")
    assert vote.score == D("3.80")


@pytest.mark.parametrize(
    ("choice", "score", "field", "message"),
    [
        ("keep", "4.00", "score", "A vote to keep is a vote for the evaluator's score, 3.80."),
        ("raise", "3.80", "score", "A vote to raise proposes a score above the evaluator's 3.80."),
        ("raise", "3.50", "score", "A vote to raise proposes a score above the evaluator's 3.80."),
        ("lower", "3.80", "score", "A vote to lower proposes a score below the evaluator's 3.80."),
        ("lower", "4.10", "score", "A vote to lower proposes a score below the evaluator's 3.80."),
        ("raise", "5.01", "score", "A score lies between 0.00 and 5.00."),
        ("lower", "-0.01", "score", "A score lies between 0.00 and 5.00."),
        ("raise", "4.205", "score", "A score has at most 2 decimal places."),
        ("raise", "abc", "score", "A score is a number such as 4.25."),
        ("raise", None, "score", "Propose the final score."),
        ("abstain", "3.80", "choice", "Choose to keep, raise or lower the score."),
    ],
)
def test_vote_score_rules(flow, world, choice, score, field, message):
    flow.present()
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        flow.vote(world.deputy_user, choice, score)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert snapshot() == before


def test_a_change_needs_arguments(flow, world):
    flow.present()
    with pytest.raises(DomainError) as caught:
        flow.vote(world.deputy_user, "lower", D("3.00"), argument="  ")
    assert caught.value.field == "argument"


def test_raise_and_lower_within_the_scale(flow, world):
    flow.present()
    assert flow.vote(world.deputy_user, "raise", D("5.00")).score == D("5.00")
    assert flow.vote(world.b_head_user, "lower", "0").score == D("0.00")


# --- the majority --------------------------------------------------------------------------------


def test_majority_helpers():
    assert majority_score([D("4.20")] * 3 + [D("3.80")] * 2) == D("4.20")
    assert majority_score([D("4.20")] * 2 + [D("3.80")] * 2 + [D("3.00")]) is None
    assert majority_score([D("4.20"), D("3.80")]) is None  # half is not more than half
    assert majority_score([]) is None
    assert tally([D("3.00"), D("4.20"), D("4.20")]) == [(D("4.20"), 2), (D("3.00"), 1)]


def test_a_majority_of_five_adopts_the_raised_score(flow, world):
    five = [world.deputy_user, world.b_head_user, world.b_staff1_user, *add_servants(world, 2)]
    flow.present(participants=five)
    for user in five[:3]:
        flow.vote(user, "raise", D("4.20"), argument="Бастамалары ескерілмеген.")
    flow.vote(five[3], "keep")
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.final_score) == (SessionStatus.PRESENTED, None)
    flow.vote(five[4], "keep")
    flow.session.refresh_from_db()
    assert flow.session.status == SessionStatus.DECIDED
    assert flow.session.final_score == D("4.20")
    assert flow.session.round == 1
    assert flow.session.decided_at is not None
    adopted = AuditEntry.objects.get(action="adopt")
    assert adopted.changes["final_score"] == [None, "4.20"]
    assert Notification.objects.filter(kind="protocol_to_sign").get().recipient == (
        world.hr_head_user
    )
    assert AuditEntry.objects.filter(action="vote").count() == 5


def test_a_split_vote_opens_round_two_and_the_protocol_keeps_both(flow, world):
    five = [world.deputy_user, world.b_head_user, world.b_staff1_user, *add_servants(world, 2)]
    flow.present(participants=five)
    flow.vote(five[0], "raise", D("4.20"))
    flow.vote(five[1], "raise", D("4.20"))
    flow.vote(five[2], "keep")
    flow.vote(five[3], "keep")
    flow.vote(five[4], "lower", D("3.50"))
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.round) == (SessionStatus.PRESENTED, 2)
    assert AuditEntry.objects.get(action="new_round").changes["round"] == [1, 2]
    assert Notification.objects.filter(kind="session_new_round").count() == 5
    # everyone votes again, including who already voted in round 1
    for user in five[:3]:
        flow.vote(user, "raise", D("4.20"))
    flow.vote(five[3], "keep")
    flow.vote(five[4], "keep")
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.final_score) == (SessionStatus.DECIDED, D("4.20"))
    protocol = protocol_context(flow.session)
    assert [r["number"] for r in protocol["rounds"]] == [1, 2]
    first, second = protocol["rounds"]
    assert first["adopted"] is None
    assert [(line["score"], line["votes"]) for line in first["tally"]] == [
        (D("4.20"), 2),
        (D("3.80"), 2),
        (D("3.50"), 1),
    ]
    assert len(first["votes"]) == 5
    assert len(second["votes"]) == 5
    assert second["adopted"] == D("4.20")
    assert Vote.objects.filter(session=flow.session).count() == 10


def test_the_round_under_way_is_not_shown_in_the_protocol(flow, world):
    flow.present()
    flow.vote(world.deputy_user, "raise", D("4.50"))
    protocol = protocol_context(flow.session)
    [current] = protocol["rounds"]
    assert (current["complete"], current["cast"], current["votes"]) == (False, 1, [])


def test_no_vote_after_the_decision(flow, world):
    flow.decide()
    with pytest.raises(DomainError, match="already adopted"):
        flow.vote(world.deputy_user, "keep")


# --- closing a round without the absent participants (our decision, SPEC §4.7) -------------------


def close(flow, user=None):
    return services.session_close_round(
        actor=user or flow.world.hr_head_user, session_id=flow.session.pk
    )


def test_a_round_cannot_be_closed_before_more_than_half_voted(flow, world):
    five = [world.deputy_user, world.b_head_user, world.b_staff1_user, *add_servants(world, 2)]
    flow.present(participants=five)
    flow.vote(five[0], "raise", D("4.20"))
    flow.vote(five[1], "raise", D("4.20"))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        close(flow)
    assert caught.value.field == "round"
    assert "once 3 of the 5 participants have voted; 2 have voted so far" in caught.value.message
    assert snapshot() == before


def test_closing_with_three_of_five_adopts_the_majority_of_the_votes_cast(flow, world):
    five = [world.deputy_user, world.b_head_user, world.b_staff1_user, *add_servants(world, 2)]
    flow.present(participants=five)
    flow.vote(five[0], "raise", D("4.20"))
    flow.vote(five[1], "raise", D("4.20"))
    flow.vote(five[2], "keep")
    close(flow)
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.final_score) == (SessionStatus.DECIDED, D("4.20"))
    closed = AuditEntry.objects.get(action="close_round")
    assert closed.actor == world.hr_head_user
    assert closed.changes["voted"] == [5, 3]
    assert AuditEntry.objects.filter(action="adopt").count() == 1
    assert Notification.objects.filter(kind="protocol_to_sign").count() == 1
    [round_one] = protocol_context(flow.session)["rounds"]
    assert (round_one["cast"], round_one["participants"], round_one["adopted"]) == (
        3,
        5,
        D("4.20"),
    )
    with pytest.raises(DomainError, match="already adopted"):
        flow.vote(five[3], "keep")


def test_closing_without_a_majority_opens_a_round_where_the_absent_may_vote(flow, world):
    flow.present()
    deputy, b_head, b_staff1 = flow.participants
    flow.vote(deputy, "raise", D("4.20"))
    flow.vote(b_head, "keep")
    close(flow)
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.round) == (SessionStatus.PRESENTED, 2)
    assert Notification.objects.filter(kind="session_new_round").count() == 3
    for user in flow.participants:
        flow.vote(user, "keep")
    flow.session.refresh_from_db()
    assert (flow.session.status, flow.session.final_score) == (SessionStatus.DECIDED, D("3.80"))
    first, second = protocol_context(flow.session)["rounds"]
    assert (first["cast"], first["adopted"], second["cast"]) == (2, None, 3)


@pytest.mark.parametrize("who", ["hr_staff_user", "deputy_user", "a_head_user", "head_user"])
def test_only_the_head_of_hr_closes_a_round(flow, world, who):
    flow.present()
    flow.vote(world.deputy_user, "keep")
    flow.vote(world.b_head_user, "keep")
    before = snapshot()
    with pytest.raises(PermissionDenied):
        close(flow, getattr(world, who))
    assert snapshot() == before


def test_an_outsider_cannot_find_the_session_to_close(flow, world):
    flow.present()
    with pytest.raises(Http404):
        close(flow, world.outsider_user)


@pytest.mark.parametrize("stage", ["schedule", "decide"])
def test_no_round_to_close_before_the_presentation_or_after_the_decision(flow, world, stage):
    getattr(flow, stage)()
    before = snapshot()
    with pytest.raises(DomainError, match="No voting round is under way"):
        close(flow)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("kk", "3 қатысушының 2 дауыс берді"),
        ("ru", "Проголосовали 2 из 3 участников"),
        ("en", "2 of 3 participants voted; the head of HR closed the round"),
    ],
)
def test_the_printed_protocol_says_a_round_was_closed_without_everybody(
    flow, world, language, line
):
    from bagalau.documents.selectors import protocol_data

    flow.present()
    flow.vote(world.deputy_user, "raise", D("4.20"))
    flow.vote(world.b_head_user, "raise", D("4.20"))
    close(flow)
    flow.session.refresh_from_db()
    [round_one] = protocol_data(flow.session, language=language)["rounds"]
    assert line in round_one["short"]
    assert len(round_one["votes"]) == 2


def test_the_printed_protocol_of_a_full_round_has_no_such_line(flow, world):
    from bagalau.documents.selectors import protocol_data

    flow.decide()
    [round_one] = protocol_data(flow.session, language="kk")["rounds"]
    assert round_one["short"] == ""
