"""The protocol (signed by the head of HR, posted within 3 working days), the final result in the
service record, the feedback meeting (p.42) and appeals (p.13)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import AppealOutcome, ScoreChange, SessionStatus
from bagalau.calibration.selectors import posted_late, posting_overdue, protocol_context
from bagalau.calibration.services import (
    appeal_record,
    appeal_update_outcome,
    feedback_record,
    protocol_post,
    protocol_sign,
)
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, ServiceRecordEntry
from bagalau.notifications.models import Notification
from tests.calibration.conftest import snapshot

# --- signing -------------------------------------------------------------------------------------


def test_signing_sets_the_final_result_with_its_history(flow, world):
    session = flow.sign()
    assert session.status == SessionStatus.SIGNED
    assert session.protocol_signed_by == world.hr_head_user
    assert session.protocol_posting_due == dt.date(2026, 4, 27)  # Wed 22.04 + 3 working days
    evaluation = flow.evaluation
    assert (evaluation.status, evaluation.final_score, evaluation.final_rating) == (
        EvaluationStatus.FINAL,
        D("4.20"),
        "effective",
    )
    assert (evaluation.score, evaluation.rating) == (D("3.80"), "proper")  # kept beside
    change = ScoreChange.objects.get()
    assert (change.old_score, change.new_score, change.old_rating, change.new_rating) == (
        D("3.80"),
        D("4.20"),
        "proper",
        "effective",
    )
    assert change.session == session
    entry = ServiceRecordEntry.objects.get(evaluation=evaluation)
    assert (entry.servant, entry.score, entry.rating) == (world.a_staff1, D("4.20"), "effective")
    kinds = {
        (n.recipient.username, n.kind)
        for n in Notification.objects.filter(
            kind__in=["calibration_final", "protocol_to_post", "feedback_to_hold"]
        )
    }
    assert kinds == {
        ("a_staff1", "calibration_final"),
        ("hr_staff", "protocol_to_post"),
        ("hr_head", "protocol_to_post"),
        ("a_head", "feedback_to_hold"),
    }
    assert AuditEntry.objects.get(action="sign").changes["protocol_posting_due"] == [
        None,
        "2026-04-27",
    ]
    assert AuditEntry.objects.get(object_type="calibration.scorechange").changes["score"] == [
        "3.80",
        "4.20",
    ]
    assert AuditEntry.objects.filter(action="finalize").count() == 1


def test_a_kept_score_leaves_no_score_change(flow):
    flow.present()
    for user in flow.participants:
        flow.vote(user, "keep")
    flow.clock(dt.date(2026, 4, 22))
    protocol_sign(actor=flow.world.hr_head_user, session_id=flow.session.pk)
    flow.evaluation.refresh_from_db()
    assert (flow.evaluation.final_score, flow.evaluation.status) == (D("3.80"), "final")
    assert not ScoreChange.objects.exists()


def test_posting_due_skips_the_may_holidays(flow):
    """Signed Wed 6.05.2026: Thu 7.05 (Defender's day) is off, Fri 8.05 is day 1, Sat 9.05
    (Victory day) is observed on Mon 11.05, so Tue 12.05 is day 2 and Wed 13.05 day 3."""
    session = flow.sign(day=dt.date(2026, 5, 6))
    assert session.protocol_posting_due == dt.date(2026, 5, 13)


def test_only_the_head_of_hr_signs_and_only_after_the_decision(flow, world):
    flow.present()
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        protocol_sign(actor=world.hr_head_user, session_id=flow.session.pk)
    assert caught.value.field == "status"
    for user in flow.participants:
        flow.vote(user, "raise", D("4.20"))
    before = snapshot()
    for user in (
        world.hr_staff_user,
        world.head_user,
        world.a_head_user,
        world.a_staff1_user,
        world.deputy_user,
    ):
        with pytest.raises(PermissionDenied):
            protocol_sign(actor=user, session_id=flow.session.pk)
    with pytest.raises(Http404):
        protocol_sign(actor=world.a_staff2_user, session_id=flow.session.pk)
    assert snapshot() == before
    protocol_sign(actor=world.hr_head_user, session_id=flow.session.pk)
    with pytest.raises(DomainError, match="already signed"):
        protocol_sign(actor=world.hr_head_user, session_id=flow.session.pk)


# --- posting -------------------------------------------------------------------------------------


def test_posting_in_time(flow, world):
    session = flow.post()
    assert session.status == SessionStatus.POSTED
    assert session.protocol_posted_at is not None
    assert not posted_late(session)
    assert AuditEntry.objects.get(action="post").changes["late"] == [None, False]
    with pytest.raises(DomainError, match="already posted"):
        protocol_post(actor=world.hr_head_user, session_id=session.pk)


def test_posting_late_is_recorded_and_flagged(flow, world, clock):
    session = flow.sign()
    clock(dt.date(2026, 4, 28))
    assert posting_overdue(session, dt.date(2026, 4, 28))
    session = protocol_post(actor=world.hr_staff_user, session_id=session.pk)
    assert posted_late(session)
    assert AuditEntry.objects.get(action="post").changes["late"] == [None, True]


def test_only_hr_posts_a_signed_protocol(flow, world):
    flow.decide()
    with pytest.raises(DomainError, match="Only a signed protocol"):
        protocol_post(actor=world.hr_staff_user, session_id=flow.session.pk)
    flow.clock(dt.date(2026, 4, 22))
    protocol_sign(actor=world.hr_head_user, session_id=flow.session.pk)
    before = snapshot()
    for user in (world.head_user, world.a_head_user, world.b_head_user):
        with pytest.raises(PermissionDenied):
            protocol_post(actor=user, session_id=flow.session.pk)
    assert snapshot() == before


# --- the feedback meeting ------------------------------------------------------------------------


def _feedback(flow, **overrides):
    values = {
        "actor": flow.world.a_head_user,
        "session_id": flow.session.pk,
        "held_on": dt.date(2026, 4, 24),
        "achievements": "Жетістіктер.",
        "skills": "Дағдылар.",
        "potential": "Әлеует.",
    }
    values.update(overrides)
    return feedback_record(**values)


def test_the_feedback_meeting_closes_the_session(flow):
    meeting = flow.feedback()
    flow.session.refresh_from_db()
    assert flow.session.status == SessionStatus.CLOSED
    assert (meeting.held_on, meeting.recorded_by) == (dt.date(2026, 4, 24), flow.world.a_head_user)
    assert AuditEntry.objects.get(action="close").changes["status"] == ["posted", "closed"]


def test_feedback_before_posting_keeps_the_posting_open(flow, world):
    flow.sign()
    flow.clock(dt.date(2026, 4, 23))
    _feedback(flow, held_on=dt.date(2026, 4, 23))
    session = protocol_post(actor=world.hr_staff_user, session_id=flow.session.pk)
    assert session.status == SessionStatus.CLOSED
    assert session.protocol_posted_at is not None


@pytest.mark.parametrize("topic", ["achievements", "skills", "potential"])
def test_feedback_requires_every_topic(flow, topic):
    flow.sign()
    flow.clock(dt.date(2026, 4, 24))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _feedback(flow, **{topic: "  "})
    assert caught.value.field == topic
    assert snapshot() == before


def test_feedback_dates_and_order(flow, world):
    flow.decide()
    with pytest.raises(DomainError, match="once the protocol is signed"):
        _feedback(flow)
    flow.clock(dt.date(2026, 4, 22))
    protocol_sign(actor=world.hr_head_user, session_id=flow.session.pk)
    with pytest.raises(DomainError, match="future"):
        _feedback(flow, held_on=dt.date(2026, 4, 23))
    with pytest.raises(DomainError, match="follows the session's decision of 21.04.2026"):
        _feedback(flow, held_on=dt.date(2026, 4, 20))
    with pytest.raises(DomainError) as caught:
        _feedback(flow, held_on=None)
    assert caught.value.field == "held_on"
    before = snapshot()
    for user in (world.a_staff1_user, world.hr_head_user, world.b_head_user):
        with pytest.raises(PermissionDenied):
            _feedback(flow, actor=user, held_on=dt.date(2026, 4, 22))
    assert snapshot() == before
    _feedback(flow, held_on=dt.date(2026, 4, 22))
    with pytest.raises(DomainError, match="already recorded"):
        _feedback(flow, held_on=dt.date(2026, 4, 22))


def test_the_head_of_hr_among_the_feedback_meeting_participants(flow, world, client):
    """p.19(3): the head of the Sector takes part in the manager's meeting with the servant when
    necessary: the evaluator records it; only a head of HR of the organisation can be named;
    the session page and the protocol say so."""
    flow.sign()
    flow.clock(dt.date(2026, 4, 24))
    before = snapshot()
    for wrong in (world.hr_staff_user, world.deputy_user, world.outsider_user, "x"):
        with pytest.raises(DomainError) as caught:
            _feedback(flow, sector_head=getattr(wrong, "pk", wrong))
        assert caught.value.field == "sector_head"
    assert snapshot() == before
    meeting = _feedback(flow, sector_head=world.hr_head_user.pk)
    assert meeting.sector_head == world.hr_head_user
    entry = AuditEntry.objects.get(action="create", object_type="calibration.feedbackmeeting")
    assert entry.changes["sector_head"] == [None, world.hr_head_user.pk]
    name = world.hr_head.full_name
    assert protocol_context(flow.session)["feedback"]["sector_head"] == name
    client.force_login(world.a_staff1_user)
    page = client.get(reverse("calibration:session", args=[flow.session.pk])).content.decode()
    assert f"The head of the HR service took part: {name}." in page


def test_a_feedback_meeting_without_the_head_of_hr(flow, world):
    flow.sign()
    flow.clock(dt.date(2026, 4, 24))
    meeting = _feedback(flow)
    assert meeting.sector_head is None
    assert protocol_context(flow.session)["feedback"]["sector_head"] == ""


# --- appeals -------------------------------------------------------------------------------------


def test_an_appeal_is_an_external_outcome(flow, world, clock):
    appeal = flow.appeal()
    assert (appeal.outcome, appeal.recorded_by) == (AppealOutcome.PENDING, world.hr_staff_user)
    clock(dt.date(2026, 6, 15))
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        appeal_update_outcome(actor=world.hr_head_user, appeal_id=appeal.pk, outcome="upheld")
    assert caught.value.field == "outcome_on"
    assert snapshot() == before
    appeal = appeal_update_outcome(
        actor=world.hr_head_user,
        appeal_id=appeal.pk,
        outcome=AppealOutcome.OVERTURNED,
        outcome_on=dt.date(2026, 6, 10),
        note="Сот шешімі.",
    )
    assert (appeal.outcome, appeal.outcome_on, appeal.note) == (
        "overturned",
        dt.date(2026, 6, 10),
        "Сот шешімі.",
    )
    entry = AuditEntry.objects.filter(object_type="calibration.appeal", action="update").get()
    assert entry.changes["outcome"] == ["pending", "overturned"]
    flow.evaluation.refresh_from_db()
    assert flow.evaluation.final_score == D("4.20")  # the outcome changes no score by itself


def test_appeal_rules(flow, world, clock):
    flow.present()
    with pytest.raises(DomainError, match="Only a decision"):
        appeal_record(
            actor=world.hr_staff_user,
            session_id=flow.session.pk,
            filed_on=dt.date(2026, 4, 21),
            authority="Сот",
        )
    for user in flow.participants:
        flow.vote(user, "keep")
    clock(dt.date(2026, 4, 24))
    cases = [
        ({"filed_on": None}, "filed_on"),
        ({"filed_on": dt.date(2026, 4, 25)}, "filed_on"),
        ({"filed_on": dt.date(2026, 4, 20)}, "filed_on"),
        ({"authority": " "}, "authority"),
    ]
    for overrides, field in cases:
        values = {"filed_on": dt.date(2026, 4, 23), "authority": "Сот", **overrides}
        with pytest.raises(DomainError) as caught:
            appeal_record(actor=world.hr_staff_user, session_id=flow.session.pk, **values)
        assert caught.value.field == field
    before = snapshot()
    for user in (world.a_staff1_user, world.a_head_user, world.head_user, world.b_head_user):
        with pytest.raises(PermissionDenied):
            appeal_record(
                actor=user,
                session_id=flow.session.pk,
                filed_on=dt.date(2026, 4, 23),
                authority="Сот",
            )
    assert snapshot() == before
    appeal = appeal_record(
        actor=world.hr_staff_user,
        session_id=flow.session.pk,
        filed_on=dt.date(2026, 4, 23),
        authority="Сот",
    )
    with pytest.raises(DomainError, match="precede"):
        appeal_update_outcome(
            actor=world.hr_staff_user,
            appeal_id=appeal.pk,
            outcome="withdrawn",
            outcome_on=dt.date(2026, 4, 22),
        )
    with pytest.raises(DomainError) as caught:
        appeal_update_outcome(actor=world.hr_staff_user, appeal_id=appeal.pk, outcome="lost")
    assert caught.value.field == "outcome"
    with pytest.raises(PermissionDenied):
        appeal_update_outcome(
            actor=world.a_staff1_user,
            appeal_id=appeal.pk,
            outcome="withdrawn",
            outcome_on=dt.date(2026, 4, 24),
        )
    with pytest.raises(Http404):
        appeal_update_outcome(actor=world.hr_staff_user, appeal_id=appeal.pk + 100, outcome="x")


# --- the protocol's data -------------------------------------------------------------------------


def test_protocol_context_holds_everything_the_protocol_shows(flow, world):
    flow.feedback()
    flow.session.refresh_from_db()
    protocol = protocol_context(flow.session)
    assert protocol["organisation"] == world.org.name
    assert protocol["servant"]["name"] == world.a_staff1.full_name
    assert protocol["servant"]["position"] == world.a_staff1_assignment.position.name
    assert protocol["period"] == str(flow.evaluation.period)
    assert protocol["method"] == "differentiation"
    assert protocol["evaluator"]["name"] == world.a_head.full_name
    assert protocol["evaluator"]["position"] == world.a_head_assignment.position.name
    assert (protocol["evaluator_score"], protocol["evaluator_rating"]) == (D("3.80"), "proper")
    assert protocol["application"]["submitted_on"] == dt.date(2026, 4, 14)
    assert protocol["application"]["text"] == flow.application.text
    assert protocol["decision"]["decided_on"] == dt.date(2026, 4, 15)
    assert protocol["decision"]["late"] is False
    assert {p["name"] for p in protocol["participants"]} == {
        world.deputy.full_name,
        world.b_head.full_name,
        world.b_staff1.full_name,
    }
    assert protocol["place"] == "Мәжіліс залы"
    assert protocol["presentation"].startswith("Қызметші")
    [only] = protocol["rounds"]
    assert {(v["voter"], v["choice"], v["score"]) for v in only["votes"]} == {
        (world.deputy.full_name, "raise", D("4.20")),
        (world.b_head.full_name, "raise", D("4.20")),
        (world.b_staff1.full_name, "raise", D("4.20")),
    }
    assert all(v["argument"] == "Дәлел." for v in only["votes"])
    assert (protocol["final_score"], protocol["final_rating"], protocol["changed"]) == (
        D("4.20"),
        "effective",
        True,
    )
    assert protocol["signed_by"] == world.hr_head.full_name
    assert protocol["posting_due"] == dt.date(2026, 4, 27)
    assert protocol["posted_at"] is not None
    assert protocol["posted_late"] is False
    assert protocol["feedback"]["held_on"] == dt.date(2026, 4, 24)
    assert set(protocol["feedback"]) >= {"achievements", "skills", "potential"}
