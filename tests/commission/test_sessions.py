"""A session: quorum, motions, the open vote, the protocol and its approval (G2-G4; G-6, G-7,
T-12, T-13)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.commission import services
from bagalau.commission.models import SessionStatus
from bagalau.commission.selectors import agenda_candidates
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus
from tests.commission.conftest import (
    ALL_PRESENT,
    SESSION_DAY,
    all_for,
    attend,
    counts,
    extra_servants,
    form,
    schedule,
    seats_of,
    vote,
)

MEMBERS5 = ("deputy", "a_head", "b_head", "hr_head", "b_staff1")


def _motion(world, evaluation, kind="approve", **values):
    return services.motion_put(
        actor=world.hr_staff_user,
        session_id=world.session.pk,
        evaluation_id=evaluation.pk,
        kind=kind,
        **values,
    )


@pytest.mark.parametrize(
    ("extra", "present", "status"),
    [
        (0, 4, SessionStatus.HELD),  # 5 members: 4 >= 10/3
        (0, 3, SessionStatus.ADJOURNED),
        (1, 4, SessionStatus.HELD),  # 6 members: 4 = 2/3 of 6
        (1, 3, SessionStatus.ADJOURNED),
        (2, 5, SessionStatus.HELD),  # 7 members: 5 >= 14/3
        (2, 4, SessionStatus.ADJOURNED),
    ],
)
def test_quorum_is_two_thirds_of_the_members_the_secretary_not_counted(
    case, extra, present, status
):
    added = extra_servants(case, extra)
    for number, servant in enumerate(added):
        setattr(case, f"extra{number}", servant)
    names = (*MEMBERS5, *(f"extra{n}" for n in range(extra)))
    form(case, seats=seats_of(case, members=names[1:]))
    session = schedule(case)
    attend(case, session, (*names[:present], "hr_staff"))
    session.refresh_from_db()
    assert session.status == status
    assert session.present_count == present


def test_an_adjourned_sessions_servants_go_on_a_new_session(formed):
    session = schedule(formed)
    attend(formed, session, ("deputy", "a_head", "hr_staff"))
    assert set(agenda_candidates(formed.org)) == {formed.eval1, formed.eval2}
    later = schedule(formed, day=SESSION_DAY + dt.timedelta(days=7))
    assert later.agenda.count() == 2


def test_attendance_waits_for_the_session_day(formed, clock):
    clock(SESSION_DAY - dt.timedelta(days=1))
    session = schedule(formed)
    with pytest.raises(DomainError) as error:
        attend(formed, session, ALL_PRESENT)
    assert error.value.field == "present"
    assert counts().attendance == 0


def test_a_revision_without_a_reason_is_refused(held):
    before = counts()
    with pytest.raises(DomainError) as error:
        _motion(held, held.eval1, "revise", revised_kpi_achieved=4)
    assert error.value.field == "reason"
    with pytest.raises(DomainError) as error:
        _motion(held, held.eval1, "revise", reason="Дәлелденді")
    assert error.value.field == "revised_kpi_achieved"
    with pytest.raises(DomainError) as error:
        _motion(held, held.eval1, "revise", revised_kpi_achieved=6, reason="x")
    assert error.value.field == "revised_kpi_achieved"
    with pytest.raises(DomainError) as error:
        _motion(held, held.eval1, "approve", revised_kpi_achieved=4)
    assert error.value.field == "kind"
    assert counts() == before


def test_the_secretary_cannot_vote(held):
    motion = _motion(held, held.eval1)
    before = counts()
    with pytest.raises(DomainError) as error:
        vote(held, motion, **dict.fromkeys(ALL_PRESENT, "for"))
    assert error.value.field == "votes"
    assert "secretary" in error.value.message
    assert counts() == before
    motion.refresh_from_db()
    assert motion.adopted is None
    held.eval1.refresh_from_db()
    assert held.eval1.status == EvaluationStatus.BEFORE_COMMISSION


def test_every_member_present_votes(held):
    motion = _motion(held, held.eval1)
    with pytest.raises(DomainError, match="no abstentions"):
        vote(held, motion, **dict.fromkeys(MEMBERS5[:4], "for"))
    assert counts().votes == 0


def test_an_absent_member_does_not_vote(formed):
    formed.session = schedule(formed)
    attend(formed, formed.session, ("deputy", "a_head", "b_head", "hr_head", "hr_staff"))
    motion = _motion(formed, formed.eval1)
    with pytest.raises(DomainError, match="members present"):
        vote(formed, motion, **dict.fromkeys(MEMBERS5, "for"))


def test_a_tie_is_decided_by_the_chair(case):
    (extra,) = extra_servants(case, 1)
    case.extra0 = extra
    form(case, seats=seats_of(case, members=(*MEMBERS5[1:], "extra0")))
    case.session = schedule(case)
    attend(case, case.session, (*MEMBERS5, "extra0"))
    first = _motion(case, case.eval1)
    vote(
        case,
        first,
        deputy="for",
        a_head="for",
        b_head="for",
        hr_head="against",
        b_staff1="against",
        extra0="against",
    )
    second = _motion(case, case.eval2)
    vote(
        case,
        second,
        deputy="against",
        a_head="for",
        b_head="for",
        hr_head="for",
        b_staff1="against",
        extra0="against",
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.adopted, first.votes_for, first.votes_against) == (True, 3, 3)
    assert second.adopted is False
    case.eval2.refresh_from_db()
    assert case.eval2.status == EvaluationStatus.BEFORE_COMMISSION


def test_a_tie_without_the_chair_fails(formed):
    formed.session = schedule(formed)
    attend(formed, formed.session, ("a_head", "b_head", "hr_head", "b_staff1", "hr_staff"))
    motion = _motion(formed, formed.eval1)
    vote(formed, motion, a_head="for", b_head="for", hr_head="against", b_staff1="against")
    motion.refresh_from_db()
    assert motion.adopted is False


def test_a_rejected_motion_leaves_room_for_another(held):
    motion = _motion(held, held.eval1)
    vote(
        held,
        motion,
        deputy="against",
        a_head="against",
        b_head="against",
        hr_head="for",
        b_staff1="for",
    )
    revised = _motion(held, held.eval1, "revise", revised_kpi_achieved=2, reason="Есеп расталмады")
    all_for(held, revised)
    held.eval1.refresh_from_db()
    assert held.eval1.status == EvaluationStatus.DECIDED
    with pytest.raises(DomainError, match="decided"):
        _motion(held, held.eval1)


def test_one_pending_motion_a_servant(held):
    _motion(held, held.eval1)
    with pytest.raises(DomainError, match="awaits its vote"):
        _motion(held, held.eval1, "revise", revised_kpi_achieved=4, reason="x")


def _decide_both(world):
    all_for(world, _motion(world, world.eval1))
    all_for(
        world,
        _motion(world, world.eval2, "revise", revised_kpi_achieved=5, reason="5-ші НМИ орындалды"),
    )


def _sign(world, name, day=SESSION_DAY):
    return services.protocol_sign(
        actor=getattr(world, f"{name}_user"), session_id=world.session.pk, signed_on=day
    )


def test_the_protocol_is_signed_once_every_servant_is_decided(held):
    all_for(held, _motion(held, held.eval1))
    with pytest.raises(DomainError) as error:
        _sign(held, "hr_staff")
    assert "Жанов" in error.value.message
    assert counts().signatures == 0


def test_the_whole_session(held):
    _decide_both(held)
    for evaluation in (held.eval1, held.eval2):
        evaluation.refresh_from_db()
        assert evaluation.status == EvaluationStatus.DECIDED
    for name in ALL_PRESENT:
        held.session.refresh_from_db()
        assert held.session.status == SessionStatus.HELD
        _sign(held, name)
    held.session.refresh_from_db()
    assert held.session.status == SessionStatus.PROTOCOL_SIGNED
    with pytest.raises(PermissionDenied):
        services.session_approve(
            actor=held.hr_staff_user, session_id=held.session.pk, approved_on=SESSION_DAY
        )
    with pytest.raises(DomainError) as error:
        services.session_approve(
            actor=held.head_user,
            session_id=held.session.pk,
            approved_on=SESSION_DAY - dt.timedelta(days=1),
        )
    assert error.value.field == "approved_on"
    services.session_approve(
        actor=held.head_user,
        session_id=held.session.pk,
        approved_on=SESSION_DAY + dt.timedelta(days=2),
        remarks="",
    )
    held.session.refresh_from_db()
    assert held.session.status == SessionStatus.APPROVED
    held.eval1.refresh_from_db()
    held.eval2.refresh_from_db()
    assert held.eval1.status == held.eval2.status == EvaluationStatus.APPROVED
    assert (held.eval1.final_score, held.eval1.final_rating) == (D(3), "satisfactory")
    assert (held.eval2.final_score, held.eval2.final_rating) == (D(5), "excellent")
    assert held.eval2.score == D(4)  # the evaluator's value is kept (T-13)


def test_only_signatories_sign_and_once(held):
    _decide_both(held)
    _sign(held, "deputy")
    for name in ("deputy", "head"):
        with pytest.raises(PermissionDenied):
            _sign(held, name)
    with pytest.raises(Http404):
        _sign(held, "a_staff1")
    with pytest.raises(DomainError) as error:
        _sign(held, "a_head", day=SESSION_DAY - dt.timedelta(days=1))
    assert error.value.field == "signed_on"
    assert counts().signatures == 1


def test_only_hr_puts_motions_and_records_votes(held):
    with pytest.raises(PermissionDenied):
        services.motion_put(
            actor=held.deputy_user,
            session_id=held.session.pk,
            evaluation_id=held.eval1.pk,
            kind="approve",
        )
    motion = _motion(held, held.eval1)
    with pytest.raises(PermissionDenied):
        services.motion_vote(actor=held.head_user, motion_id=motion.pk, votes={})
    assert counts().votes == 0


def test_hr_writes_the_conclusion_while_the_session_is_held(held):
    services.session_conclude(
        actor=held.hr_staff_user, session_id=held.session.pk, conclusion="  Нәтижелер бекітілсін. "
    )
    held.session.refresh_from_db()
    assert held.session.conclusion == "Нәтижелер бекітілсін."
    with pytest.raises(PermissionDenied):
        services.session_conclude(
            actor=held.deputy_user, session_id=held.session.pk, conclusion="x"
        )
    held.session.refresh_from_db()
    assert held.session.conclusion == "Нәтижелер бекітілсін."


def test_the_commission_is_told_of_the_session_and_the_head_of_the_protocol(held):
    from bagalau.notifications.models import Notification

    told = set(
        Notification.objects.filter(kind="commission_session_scheduled").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == set(ALL_PRESENT)
    _decide_both(held)
    for name in ALL_PRESENT:
        assert not Notification.objects.filter(kind="commission_protocol_to_approve").exists()
        _sign(held, name)
    approve = Notification.objects.get(kind="commission_protocol_to_approve")
    assert approve.recipient == held.head_user
