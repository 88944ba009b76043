"""Retention (seed 002 p.14): documents are kept 3 years after the evaluation is completed, then
the head of the HR service disposes of them with a record; the result stays in the service
record."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from bagalau.audit.models import AuditEntry
from bagalau.calibration.models import (
    Appeal,
    Application,
    FeedbackMeeting,
    ScoreChange,
    Session,
    Vote,
)
from bagalau.core.errors import DomainError
from bagalau.documents.models import Disposal
from bagalau.documents.retention import documents_due_for_disposal, retention_years
from bagalau.documents.services import documents_dispose
from bagalau.evaluations.models import (
    Evaluation,
    KpiResult,
    ParameterScore,
    RefusalAct,
    ServiceRecordEntry,
)
from bagalau.plans.models import Kpi

MODELS = [
    Evaluation,
    KpiResult,
    ParameterScore,
    RefusalAct,
    Application,
    Session,
    Vote,
    ScoreChange,
    FeedbackMeeting,
    Appeal,
    ServiceRecordEntry,
    Disposal,
    Kpi,
]


def snapshot():
    rows = {model.__name__: model.objects.count() for model in MODELS}
    rows["audit"] = AuditEntry.objects.count()
    return rows


@pytest.fixture
def cases(world, kpi_case, diff_case):
    """Q1 of a_head (final 17.04.2026, with a refusal act), Q2 of a_head (under calibration, never
    final) and a_staff1's Q2 (final 24.07.2026, calibrated, with an appeal)."""
    act = RefusalAct.objects.create(
        evaluation=kpi_case.q1, text="Танысудан бас тартты.", hr_signer=world.hr_staff_user
    )
    for number, servant in enumerate((world.b_staff1, world.a_staff2), start=1):
        act.signers.create(number=number, role="servant", servant=servant)
    ServiceRecordEntry.objects.create(
        servant=world.a_head,
        evaluation=kpi_case.q1,
        period=str(kpi_case.q1.period),
        method="kpi",
        score=D("4.79"),
        rating="effective",
    )
    Appeal.objects.create(
        session=diff_case.session,
        filed_on=dt.date(2026, 8, 3),
        authority="Сот",
        recorded_by=world.hr_head_user,
    )
    return kpi_case, diff_case


def due_ids(world, day):
    return [d.evaluation.pk for d in documents_due_for_disposal(world.org, day)]


def test_the_edition_keeps_documents_three_years():
    assert retention_years("sjc-2023") == 3
    assert retention_years("almaty-2018") == 3
    assert retention_years("no-such-edition") is None


def test_nothing_is_due_within_three_years(world, cases):
    assert due_ids(world, dt.date(2026, 12, 31)) == []
    assert due_ids(world, dt.date(2029, 4, 17)) == []  # Q1 completed 17.04.2026: the last day


def test_due_the_day_after_three_full_years(world, cases):
    kpi_case, diff_case = cases
    assert due_ids(world, dt.date(2029, 4, 18)) == [kpi_case.q1.pk]
    assert due_ids(world, dt.date(2029, 7, 24)) == [kpi_case.q1.pk]
    assert due_ids(world, dt.date(2029, 7, 25)) == [kpi_case.q1.pk, diff_case.evaluation.pk]
    # an evaluation that never became final is never due
    assert kpi_case.evaluation.pk not in due_ids(world, dt.date(2040, 1, 1))


def test_what_the_documents_comprise(world, cases):
    kpi_case, diff_case = cases
    due = {d.evaluation.pk: d for d in documents_due_for_disposal(world.org, dt.date(2029, 8, 1))}
    q1 = due[kpi_case.q1.pk]
    assert q1.completed_on == dt.date(2026, 4, 17)
    assert q1.kept_until == dt.date(2029, 4, 17)
    assert q1.contents["kpi_results"] == 4
    assert q1.contents["refusal_act"] == 1
    assert q1.contents["calibration_session"] == 0
    diff = due[diff_case.evaluation.pk].contents
    assert diff == {
        "kpi_results": 0,
        "parameter_scores": 4,
        "refusal_act": 0,
        "calibration_application": 1,
        "calibration_session": 1,
        "votes": 6,
        "score_changes": 1,
        "feedback_meeting": 1,
        "appeals": 1,
        "paper_scan": 0,
    }


def test_another_organisations_documents_are_not_listed(world, cases):
    from tests.factories import OrganisationFactory

    assert documents_due_for_disposal(OrganisationFactory(), dt.date(2030, 1, 1)) == []


def test_disposal_removes_exactly_the_listed_documents(world, cases, clock):
    kpi_case, diff_case = cases
    clock(dt.date(2029, 7, 25))
    q1_id, diff_id = kpi_case.q1.pk, diff_case.evaluation.pk
    before = snapshot()

    disposal = documents_dispose(
        actor=world.hr_head_user,
        organisation=world.org,
        evaluation_ids=[diff_id, q1_id],
        note="Акт № 7, 25.07.2029",
    )

    assert not Evaluation.objects.filter(pk__in=[q1_id, diff_id]).exists()
    assert not KpiResult.objects.filter(evaluation_id=q1_id).exists()
    assert not ParameterScore.objects.filter(evaluation_id=diff_id).exists()
    assert not RefusalAct.objects.exists()
    assert not Session.objects.filter(pk=diff_case.session.pk).exists()
    assert not Vote.objects.filter(session_id=diff_case.session.pk).exists()
    assert not Appeal.objects.exists()
    assert not FeedbackMeeting.objects.exists()
    assert not ScoreChange.objects.exists()
    # the rest stays: Q2 of a_head with its rows and its own calibration case, the plan's KPIs
    assert Evaluation.objects.filter(pk=kpi_case.evaluation.pk).exists()
    assert KpiResult.objects.filter(evaluation=kpi_case.evaluation).count() == 4
    assert Session.objects.filter(pk=kpi_case.session.pk).exists()
    assert Vote.objects.filter(session=kpi_case.session).count() == 2
    after = snapshot()
    assert after["Kpi"] == before["Kpi"]
    assert before["Evaluation"] - after["Evaluation"] == 2
    assert before["KpiResult"] - after["KpiResult"] == 4
    assert before["Vote"] - after["Vote"] == 6
    assert before["Application"] - after["Application"] == 1
    # the results stay in the service records, unlinked
    entries = ServiceRecordEntry.objects.order_by("servant__last_name")
    assert [(e.servant, e.evaluation_id, e.score) for e in entries] == [
        (world.a_staff1, None, D("4.75")),
        (world.a_head, None, D("4.79")),
    ]
    # the record of the disposal
    assert disposal.disposed_by == world.hr_head_user
    assert disposal.organisation == world.org
    assert disposal.completed_before == dt.date(2026, 7, 25)
    assert disposal.note == "Акт № 7, 25.07.2029"
    assert [item["evaluation_id"] for item in disposal.items] == [q1_id, diff_id]
    first, second = disposal.items
    assert first["servant"] == "Әлиев Арман"
    assert first["period"] == "2026 жылғы 1-тоқсан"
    assert first["method"] == "kpi"
    assert first["completed"] == "2026-04-17"
    assert first["removed"]["kpi_results"] == 4
    assert first["removed"]["refusal_act"] == 1
    assert second["servant"] == "Бекова Айгүл"
    assert second["removed"]["votes"] == 6
    assert second["removed"]["appeals"] == 1
    assert second["removed"]["evaluation"] == 1
    # and the audit log
    assert (
        AuditEntry.objects.filter(
            action="dispose", object_type="documents.disposal", object_id=str(disposal.pk)
        ).count()
        == 1
    )
    assert set(
        AuditEntry.objects.filter(
            action="dispose", object_type="evaluations.evaluation"
        ).values_list("object_id", flat=True)
    ) == {str(q1_id), str(diff_id)}


def test_anything_not_yet_due_refuses_the_whole_request(world, cases, clock):
    kpi_case, diff_case = cases
    clock(dt.date(2029, 5, 1))  # Q1 is due, a_staff1's Q2 not yet
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        documents_dispose(
            actor=world.hr_head_user,
            organisation=world.org,
            evaluation_ids=[kpi_case.q1.pk, diff_case.evaluation.pk],
        )
    assert caught.value.field == "evaluations"
    assert str(diff_case.evaluation.pk) in caught.value.message
    assert snapshot() == before


def test_an_evaluation_that_is_not_final_is_never_disposed_of(world, cases, clock):
    kpi_case, _ = cases
    clock(dt.date(2040, 1, 1))
    before = snapshot()
    with pytest.raises(DomainError):
        documents_dispose(
            actor=world.hr_head_user,
            organisation=world.org,
            evaluation_ids=[kpi_case.evaluation.pk],
        )
    assert snapshot() == before


def test_an_empty_choice_is_refused(world, cases, clock):
    clock(dt.date(2030, 1, 1))
    with pytest.raises(DomainError):
        documents_dispose(actor=world.hr_head_user, organisation=world.org, evaluation_ids=[])


def test_another_organisations_head_of_hr_may_not(world, cases, clock):
    from bagalau.org.models import Role
    from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

    kpi_case, _ = cases
    clock(dt.date(2030, 1, 1))
    other = OrganisationFactory()
    stranger = UserFactory(username="other_hr_head")
    RoleAssignmentFactory(user=stranger, organisation=other, role=Role.HR_HEAD)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        documents_dispose(actor=stranger, organisation=world.org, evaluation_ids=[kpi_case.q1.pk])
    with pytest.raises(DomainError):  # its own organisation has no such documents
        documents_dispose(actor=stranger, organisation=other, evaluation_ids=[kpi_case.q1.pk])
    assert snapshot() == before


@pytest.mark.parametrize(
    "user", ["hr_staff_user", "head_user", "admin_user", "a_head_user", "outsider_user"]
)
def test_only_the_head_of_hr_disposes(world, cases, clock, user):
    kpi_case, diff_case = cases
    clock(dt.date(2030, 1, 1))
    before = snapshot()
    with pytest.raises(PermissionDenied):
        documents_dispose(
            actor=getattr(world, user),
            organisation=world.org,
            evaluation_ids=[kpi_case.q1.pk, diff_case.evaluation.pk],
        )
    assert snapshot() == before
