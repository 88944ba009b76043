"""The commission deciding moj-2017 quarters and years (seed 001 p.7-9, p.32-36, p.46; EDITIONS.md
§5.2 A2-A3, D7, E4, E6-E7, §5.3; §9.4 M-5, M-17, M-21): the agenda, the annual computation's
5 working days, the late quarter warned about, the revision with a corrected score and an
explanation, no approval by the authorised person: the protocol's last signature makes the
decisions take effect. Refusals name the field and write nothing. Dates: tests/commission/moj_world.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.commission import services
from bagalau.commission.access import session_actions
from bagalau.commission.models import SessionStatus
from bagalau.commission.moj_selectors import papers_of, session_periods, session_warnings
from bagalau.commission.selectors import agenda_candidates
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, ResultKind, ServiceRecordEntry
from bagalau.notifications.models import Notification
from tests.commission.conftest import counts
from tests.commission.moj_world import (
    ANNUAL_SESSION,
    COMPUTATION_DUE,
    FAMILIARISATION_DUE,
    LATE_SESSION,
    MEMBERS,
    aware,
    build,
    decided_quarter,
    put,
    schedule,
    sign_all,
    vote,
)
from tests.commission.moj_world import all_for as all_vote_for
from tests.commission.moj_world import attend as record_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def moj(world, clock):
    return build(world, clock)


@pytest.fixture
def held(moj):
    """The Q3 session of 24.10.2017, everyone present."""
    moj.session = schedule(moj, [moj.quarter1, moj.quarter2])
    record_attendance(moj, moj.session)
    moj.session.refresh_from_db()
    return moj


def test_the_agenda_offers_the_moj_quarters_and_years_before_the_commission(moj):
    """p.35: "тоқсандық және жылдық" results both go before the commission."""
    assert set(agenda_candidates(moj.org)) == {moj.quarter1, moj.quarter2, moj.annual}


def test_a_session_shows_its_kind_period_and_papers(moj):
    """App. 5 names the kind and the period; p.34: the sheets and the job description."""
    position = moj.a_staff1_assignment.position
    position.job_description = "Құжат айналымын жүргізеді"
    position.save()
    session = schedule(moj, [moj.quarter1, moj.annual], day=ANNUAL_SESSION)
    assert session_periods(session) == [("quarter", "3 / 2017"), ("annual", "2017")]
    papers = {p.code: p for p in papers_of(moj.quarter1)}
    assert papers["job_description"].text == "Құжат айналымын жүргізеді"
    assert set(papers) == {"job_description"}  # no App. 3 sheet was opened in this world


def test_a_quarter_session_more_than_10_working_days_late_is_warned_not_refused(moj):
    """M-5: the 10th binds the manager's sheet; the session on 24.10.2017 (the 10th working day
    after 10.10.2017) is not warned about, the one on 25.10.2017 is."""
    on_time = schedule(moj, [moj.quarter1])
    assert session_warnings(on_time) == []
    late = schedule(moj, [moj.quarter2], day=LATE_SESSION)
    [warning] = session_warnings(late)
    assert warning.code == "quarter_session_late"
    assert warning.params["deadline"] == "2017-10-10"


def test_an_annual_item_needs_the_computation_5_working_days_before(moj):
    """p.32: computed on 12.12.2017, after the 11th, the 5th working day before 20.12.2017
    (18-19 December off): refused naming the evaluations, nothing written."""
    moj.annual.signed_at = aware(dt.date(2017, 12, 12))
    moj.annual.save()
    before = counts()
    with pytest.raises(DomainError) as error:
        schedule(moj, [moj.annual], day=ANNUAL_SESSION)
    assert error.value.field == "evaluations"
    assert "11.12.2017" in str(error.value.params["due"])
    assert counts() == before
    moj.annual.signed_at = aware(COMPUTATION_DUE)
    moj.annual.save()
    assert schedule(moj, [moj.annual], day=ANNUAL_SESSION).agenda.count() == 1


def test_decisions_take_effect_with_the_last_signature_no_approval(held, clock):
    """p.35, §5.3: approve 112 (effective), revise 98 to 106 ((105, 130]: effective, p.27). The
    votes decide nothing yet; the last signature does: final score and rating, DECIDED,
    completed now, familiarisation due 26.10.2017 (2 WD after the session, M-17), the service
    record in points (p.46)."""
    w = held
    approve = put(w, w.session, w.quarter1)
    revise = put(w, w.session, w.quarter2, "revise", revised_score="106", reason="Ескерілмеген")
    assert revise.revised_score == D("106")
    all_vote_for(w, approve)
    all_vote_for(w, revise)
    w.quarter2.refresh_from_db()
    assert w.quarter2.status == EvaluationStatus.BEFORE_COMMISSION
    sign_all(w, w.session, names=MEMBERS)
    assert w.session.status == SessionStatus.HELD
    sign_all(w, w.session, names=("hr_staff",))
    assert w.session.status == SessionStatus.PROTOCOL_SIGNED
    for evaluation, score, rating in (
        (w.quarter1, "112", "effective"),
        (w.quarter2, "106", "effective"),
    ):
        evaluation.refresh_from_db()
        assert evaluation.status == EvaluationStatus.DECIDED
        assert (evaluation.final_score, evaluation.final_rating) == (D(score), rating)
        assert evaluation.completed_at == aware(dt.date(2017, 12, 20))
        assert evaluation.familiarisation_due == FAMILIARISATION_DUE
        entry = ServiceRecordEntry.objects.get(evaluation=evaluation)
        assert (entry.result_kind, entry.score, entry.rating) == (
            ResultKind.POINTS,
            D(score),
            rating,
        )
        assert str(entry.score) == f"{score}.00"
    assert Notification.objects.filter(kind="commission_result_decided").count() == 2
    assert not Notification.objects.filter(kind="commission_protocol_to_approve").exists()
    assert "approve" not in session_actions(user=w.head_user, obj=w.session)
    with pytest.raises(PermissionDenied):
        services.session_approve(
            actor=w.head_user, session_id=w.session.pk, approved_on=dt.date(2017, 10, 25)
        )


def test_a_revised_quarter_below_80_is_unsatisfactory(held):
    """p.27: 79 falls in (-inf, 80)."""
    motion = put(held, held.session, held.quarter1, "revise", revised_score=79, reason="Тәртіп")
    all_vote_for(held, motion)
    all_vote_for(held, put(held, held.session, held.quarter2))
    sign_all(held, held.session)
    held.quarter1.refresh_from_db()
    assert (held.quarter1.final_score, held.quarter1.final_rating) == (D(79), "unsatisfactory")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"revised_score": "106"}, "reason"),  # p.35: the explanation is mandatory
        ({"reason": "Себеп"}, "revised_score"),  # the corrected score is mandatory
        ({"revised_score": "105.5", "reason": "Себеп"}, "revised_score"),  # whole points
        ({"revised_score": "abc", "reason": "Себеп"}, "revised_score"),
        ({"revised_score": "100000", "reason": "Себеп"}, "revised_score"),
        ({"revised_kpi_achieved": 3, "reason": "Себеп"}, "revised_score"),  # typical's field
    ],
)
def test_a_bad_quarter_revision_is_refused_and_nothing_written(held, values, field):
    before = counts()
    with pytest.raises(DomainError) as error:
        put(held, held.session, held.quarter1, "revise", **values)
    assert error.value.field == field
    assert counts() == before


def test_approving_carries_no_score(held):
    with pytest.raises(DomainError) as error:
        put(held, held.session, held.quarter1, revised_score="100")
    assert error.value.field == "kind"


@pytest.mark.parametrize(
    ("score", "ok", "rating"),
    [
        ("3.9", True, "satisfactory"),  # [3.0, 4.0)
        ("4.0", True, "effective"),  # [4.0, 5.0)
        ("5", True, "excellent"),
        ("3.95", False, None),  # one decimal (p.32)
        ("5.1", False, None),  # at most 5
        ("1.9", False, None),  # at least 2
    ],
)
def test_an_annual_revision_has_one_decimal_between_2_and_5(moj, score, ok, rating):
    """p.32-33: the annual score to 1 decimal; the rating by the annual bands."""
    session = schedule(moj, [moj.annual], day=ANNUAL_SESSION)
    record_attendance(moj, session)
    if not ok:
        with pytest.raises(DomainError) as error:
            put(moj, session, moj.annual, "revise", revised_score=score, reason="Түзету")
        assert error.value.field == "revised_score"
        return
    all_vote_for(moj, put(moj, session, moj.annual, "revise", revised_score=score, reason="Түзету"))
    sign_all(moj, session, day=ANNUAL_SESSION)
    moj.annual.refresh_from_db()
    assert (moj.annual.final_score, moj.annual.final_rating) == (D(score), rating)


def test_without_quorum_the_session_adjourns_and_takes_no_vote(moj):
    """p.7: 2 of 4 members present is under 2/3 (3 needed): adjourned; no motion."""
    session = schedule(moj, [moj.quarter1])
    record_attendance(moj, session, ("deputy", "a_head", "hr_staff"))
    session.refresh_from_db()
    assert (session.status, session.quorum_needed, session.present_count) == (
        SessionStatus.ADJOURNED,
        3,
        2,
    )
    before = counts()
    with pytest.raises(DomainError):
        put(moj, session, moj.quarter1)
    assert counts() == before


def test_on_a_tie_the_chair_decides(held):
    """p.8: 2 for, 2 against, the chair against: rejected."""
    motion = put(held, held.session, held.quarter1)
    done = vote(held, motion, deputy="against", a_head="against", b_head="for", hr_head="for")
    assert done.adopted is False


def test_only_hr_puts_motions_and_another_organisation_sees_nothing(held):
    for who in ("deputy", "b_head", "head"):
        with pytest.raises(PermissionDenied):
            services.motion_put(
                actor=getattr(held, f"{who}_user"),
                session_id=held.session.pk,
                evaluation_id=held.quarter1.pk,
                kind="approve",
            )
    for user in (held.other_hr_user, held.outsider_user, held.a_staff1_user):
        with pytest.raises(Http404):
            services.motion_put(
                actor=user,
                session_id=held.session.pk,
                evaluation_id=held.quarter1.pk,
                kind="approve",
            )


def test_the_whole_quarter_path(moj):
    session = decided_quarter(moj)
    assert session.status == SessionStatus.PROTOCOL_SIGNED
    assert (moj.quarter2.final_score, moj.quarter2.final_rating) == (D(106), "effective")
