"""A commission session's whole-agenda steps in bulk (issue 12 item 2): the protocol's signature
reads the undecided servants in one query, the authorised person's approval (typical-2018, p.39)
and the last signature of a moj-2017 protocol (its decisions take effect, 001 p.35) write the
evaluations, service record entries, audit rows and notifications in batches, and scheduling a
moj-2017 year reads each servant's computation with the agenda (p.32): the same number of
queries with 3 or 12 servants on the agenda. A moj-2017 session's results export with each
servant's rating in words (it has no KPI count)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from bagalau.audit.models import AuditEntry
from bagalau.commission import services
from bagalau.commission.models import CommissionSession, SessionStatus
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    ServiceRecordEntry,
)
from bagalau.notifications.models import Notification
from tests.commission import moj_world
from tests.commission.conftest import (
    ALL_PRESENT,
    SESSION_DAY,
    all_for,
    attend,
    extra_servants,
    form,
)
from tests.factories import AssignmentFactory, EvaluationFactory, PositionFactory
from tests.queries import bulk_change_extra, notice_ids

pytestmark = pytest.mark.django_db

SIZES = [3, 12]
#: The queries of each step, whatever the size of the agenda.
FIRST_SIGNATURE = 20
APPROVAL = 24
MOJ_LAST_SIGNATURE = 35
MOJ_YEAR_SCHEDULE = 28


def _servants(world, count: int) -> list:
    """`count` servants of the analytics department in B-4 posts, each with a login."""
    made = extra_servants(world, count)
    for servant in made:
        position = PositionFactory(unit=world.unit_b, category="B-4")
        servant.post = AssignmentFactory(
            servant=servant, position=position, start=dt.date(2016, 1, 1)
        )
    return made


def _typical(world, count: int) -> list[Evaluation]:
    """The 2019 typical-2018 years of `count` servants before the commission (3 KPIs of 5)."""
    return [
        EvaluationFactory(
            period=world.period,
            servant=servant,
            assignment=servant.post,
            evaluator=world.b_head,
            method=Method.KPI_COMPETENCY,
            edition="almaty-2018",
            status=EvaluationStatus.BEFORE_COMMISSION,
            score=D(3),
            rating="satisfactory",
        )
        for servant in _servants(world, count)
    ]


def _decide(world, session, evaluations, voters) -> None:
    for evaluation in evaluations:
        motion = services.motion_put(
            actor=world.hr_staff_user,
            session_id=session.pk,
            evaluation_id=evaluation.pk,
            kind="approve",
        )
        all_for(world, motion, voters=voters)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


@pytest.mark.parametrize("count", SIZES)
def test_signing_and_approving_a_typical_protocol_take_the_same_queries_at_any_size(case, count):
    form(case)
    evaluations = _typical(case, count)
    session = services.session_schedule(
        actor=case.hr_staff_user,
        organisation_id=case.org.pk,
        date=SESSION_DAY,
        chair_agreed_on=SESSION_DAY - dt.timedelta(days=7),
        evaluation_ids=[e.pk for e in evaluations],
    )
    attend(case, session, ALL_PRESENT)
    _decide(case, session, evaluations, ALL_PRESENT[:5])
    signers = [getattr(case, f"{name}_user") for name in ALL_PRESENT]
    first = _queries(
        lambda: services.protocol_sign(
            actor=signers[0], session_id=session.pk, signed_on=SESSION_DAY
        )
    )
    for user in signers[1:]:
        services.protocol_sign(actor=user, session_id=session.pk, signed_on=SESSION_DAY)
    approval = _queries(
        lambda: services.session_approve(
            actor=case.head_user, session_id=session.pk, approved_on=SESSION_DAY
        )
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.APPROVED
    approved = Evaluation.objects.filter(pk__in=[e.pk for e in evaluations])
    assert {(e.status, e.final_score, e.final_rating) for e in approved} == {
        (EvaluationStatus.APPROVED, D(3), "satisfactory")
    }
    assert {e.familiarisation_due for e in approved} == {dt.date(2020, 1, 22)}
    audited = AuditEntry.objects.filter(action="approve", object_type="evaluations.evaluation")
    assert sorted(int(a.object_id) for a in audited) == sorted(e.pk for e in evaluations)
    assert Notification.objects.filter(kind="commission_result_approved").count() == count
    assert (first, approval) == (FIRST_SIGNATURE, APPROVAL + notice_ids() + bulk_change_extra())


@pytest.mark.parametrize("count", SIZES)
def test_a_moj_protocols_last_signature_takes_the_same_queries_at_any_size(world, clock, count):
    w = moj_world.build(world, clock)
    quarters = [
        EvaluationFactory(
            period=w.q3,
            servant=servant,
            assignment=servant.post,
            evaluator=w.b_head,
            method=Method.MOJ_QUARTER,
            edition="moj-2017",
            status=EvaluationStatus.BEFORE_COMMISSION,
            score=D(100 + number),
            rating="effective",
        )
        for number, servant in enumerate(_servants(w, count))
    ]
    session = moj_world.schedule(w, quarters)
    moj_world.attend(w, session)
    _decide(w, session, quarters, moj_world.MEMBERS)
    names = moj_world.ALL_PRESENT
    for name in names[:-1]:
        services.protocol_sign(
            actor=getattr(w, f"{name}_user"),
            session_id=session.pk,
            signed_on=moj_world.QUARTER_SESSION,
        )
    last = _queries(
        lambda: services.protocol_sign(
            actor=getattr(w, f"{names[-1]}_user"),
            session_id=session.pk,
            signed_on=moj_world.QUARTER_SESSION,
        )
    )
    decided = Evaluation.objects.filter(pk__in=[e.pk for e in quarters]).order_by("pk")
    assert [(e.status, e.final_score) for e in decided] == [
        (EvaluationStatus.DECIDED, D(100 + n)) for n in range(count)
    ]
    assert {e.familiarisation_due for e in decided} == {moj_world.FAMILIARISATION_DUE}
    entries = ServiceRecordEntry.objects.filter(evaluation__in=quarters).order_by("evaluation_id")
    assert [(x.score, x.rating) for x in entries] == [
        (D(100 + n), "effective") for n in range(count)
    ]
    assert AuditEntry.objects.filter(action="decide").count() == count
    assert Notification.objects.filter(kind="commission_result_decided").count() == count
    assert last == MOJ_LAST_SIGNATURE + notice_ids() + bulk_change_extra()


@pytest.mark.parametrize("count", SIZES)
def test_scheduling_a_moj_year_takes_the_same_queries_at_any_size(world, clock, count):
    w = moj_world.build(world, clock)
    years = [
        EvaluationFactory(
            period=w.year,
            servant=servant,
            assignment=servant.post,
            evaluator=w.b_head,
            method=Method.MOJ_ANNUAL,
            edition="moj-2017",
            status=EvaluationStatus.BEFORE_COMMISSION,
            score=D("4.0"),
            rating="effective",
            signed_at=moj_world.aware(dt.date(2017, 12, 8)),
        )
        for servant in _servants(w, count)
    ]
    queries = _queries(lambda: moj_world.schedule(w, years, day=moj_world.ANNUAL_SESSION))
    assert queries == MOJ_YEAR_SCHEDULE


def test_a_year_computed_late_is_still_refused(world, clock):
    w = moj_world.build(world, clock)
    w.annual.signed_at = moj_world.aware(dt.date(2017, 12, 12))
    w.annual.save(update_fields=["signed_at"])
    with pytest.raises(DomainError) as refused:
        moj_world.schedule(w, [w.annual], day=moj_world.ANNUAL_SESSION)
    assert refused.value.field == "evaluations"
    assert not CommissionSession.objects.filter(date=moj_world.ANNUAL_SESSION).exists()


def test_a_moj_sessions_results_export_with_the_ratings_in_words(world, clock, client):
    w = moj_world.build(world, clock)
    session = moj_world.decided_quarter(w)
    client.force_login(w.hr_staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("exports:commission", args=[session.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(min_row=7, values_only=True)]
    assert [(r[2], r[4], r[5], r[7]) for r in rows] == [
        (w.a_staff1.full_name, None, "Effective", "Approve the results"),
        (w.a_staff2.full_name, None, "Satisfactory", "Revise the results"),
    ]
