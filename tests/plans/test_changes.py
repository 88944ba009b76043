"""A change of an approved plan (seed 002 p.25): "НМИ-ге өзгерістер енгізу … Аппараттың функциялары
мен құрылымы өзгерген жағдайда жүзеге асырылады". The change names one of the two grounds and the
act, reopens the plan, and goes through HR's agreement and the superior manager's approval again
(p.22); the version in force before is kept for the record."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.evaluations.services.common import planned_kpis
from bagalau.notifications.models import Notification
from bagalau.plans.models import ChangeStatus, PlanChange, PlanStatus
from bagalau.plans.selectors import plan_history, plan_history_rows
from bagalau.plans.services import (
    kpi_add,
    kpi_remove,
    kpi_update,
    plan_approve,
    plan_change_open,
    plan_hr_agree,
    plan_post,
    plan_send_to_hr,
    plan_submit,
)
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory
from tests.plans.helpers import kpi_data, plan_in, snapshot

ORDER = "Аппарат басшысының 2026 жылғы 2 ақпандағы № 1-9/7 өкімі: шарттар секторы қайта құрылды"


@pytest.fixture(params=[PlanStatus.APPROVED, PlanStatus.POSTED])
def approved(request, pw):
    return plan_in(pw, request.param)


def _open(pw, plan, ground="structure", reference=ORDER):
    return plan_change_open(
        actor=pw.a_head_user,
        plan_id=plan.pk,
        version=plan.version,
        ground=ground,
        reference=reference,
    )


def test_an_approved_plans_kpis_are_not_edited_directly(pw, approved):
    kpi = approved.kpis.get(number=1)
    before = snapshot()
    for attempt in (
        lambda: kpi_update(
            actor=pw.a_head_user,
            plan_id=approved.pk,
            kpi_id=kpi.pk,
            version=approved.version,
            data=kpi_data(name="НМИ 1", plan_q4=D("50")),
        ),
        lambda: kpi_add(
            actor=pw.a_head_user, plan_id=approved.pk, version=approved.version, data=kpi_data()
        ),
        lambda: kpi_remove(
            actor=pw.a_head_user, plan_id=approved.pk, kpi_id=kpi.pk, version=approved.version
        ),
    ):
        with pytest.raises(DomainError) as caught:
            attempt()
        assert caught.value.field == "status"
        assert "p.25" in caught.value.message
    assert snapshot() == before


@pytest.mark.parametrize("ground", ["", "   ", "staff", "reorganisation", "Functions"])
def test_a_change_without_one_of_the_two_grounds_is_refused(pw, approved, ground):
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _open(pw, approved, ground=ground)
    assert caught.value.field == "ground"
    assert "p.25" in caught.value.message
    assert snapshot() == before


@pytest.mark.parametrize("reference", ["", "  \n ", "x" * 301])
def test_a_change_names_the_order_or_decision_within_bounds(pw, approved, reference):
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _open(pw, approved, reference=reference)
    assert caught.value.field == "reference"
    assert snapshot() == before


@pytest.mark.parametrize("who", ["a1_head_user", "deputy_user", "hr_staff_user", "head_user"])
def test_only_the_evaluator_opens_a_change(pw, approved, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plan_change_open(
            actor=getattr(pw, who),
            plan_id=approved.pk,
            version=approved.version,
            ground="structure",
            reference=ORDER,
        )
    assert snapshot() == before


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.SENT_TO_HR, PlanStatus.RETURNED])
def test_only_an_approved_plan_is_changed(pw, status):
    plan = plan_in(pw, status)
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        _open(pw, plan)
    assert caught.value.field == "status"
    assert snapshot() == before


def test_a_stale_version_is_refused(pw, approved):
    with pytest.raises(ConflictError):
        plan_change_open(
            actor=pw.a_head_user,
            plan_id=approved.pk,
            version=approved.version - 1,
            ground="functions",
            reference=ORDER,
        )
    assert not PlanChange.objects.exists()


def test_a_change_reenters_agreement_and_approval_and_keeps_the_old_version(pw, approved):
    old_kpis = list(approved.kpis.order_by("number").values_list("name", "plan_q4"))
    approved_at = approved.approved_at

    change = _open(pw, approved, ground="functions")

    plan = approved
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CHANGING
    assert (plan.approved_at, plan.hr_agreed_at, plan.posted_at) == (None, None, None)
    assert (change.ground, change.reference, change.status) == ("functions", ORDER, "open")
    assert change.before["approved_at"] == approved_at.isoformat()
    assert [(k["name"], k["plan_q4"]) for k in change.before["kpis"]] == [
        (name, format(q4.normalize(), "f")) for name, q4 in old_kpis
    ]
    # the superior manager, the servant and HR are told, with the act
    told = {n.recipient for n in Notification.objects.filter(kind="plan_changed")}
    assert told == {pw.deputy_user, pw.a1_head_user, pw.hr_staff_user, pw.hr_head_user}
    assert all(
        n.params["reason"] == ORDER for n in Notification.objects.filter(kind="plan_changed")
    )
    opened = AuditEntry.objects.get(action="change_opened")
    assert opened.changes["ground"] == [None, "functions"]

    # the evaluator edits the KPIs (the plan is not in force meanwhile)
    kpi = plan.kpis.get(number=1)
    kpi_update(
        actor=pw.a_head_user,
        plan_id=plan.pk,
        kpi_id=kpi.pk,
        version=plan.version,
        data=kpi_data(name="НМИ 1", plan_q4=D("50")),
    )
    plan.refresh_from_db()
    # approval is needed again: the superior manager cannot approve before HR agrees
    with pytest.raises(DomainError):
        plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)
    plan = plan_send_to_hr(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_hr_agree(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)
    plan = plan_submit(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert PlanChange.objects.get().status == ChangeStatus.OPEN
    plan = plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)
    plan = plan_post(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)

    assert plan.status == PlanStatus.POSTED
    change.refresh_from_db()
    assert (change.status, change.approved_by) == (ChangeStatus.APPROVED, pw.deputy_user)
    assert change.after["kpis"][0]["plan_q4"] == "50"
    assert change.before["kpis"][0]["plan_q4"] == "40"  # the old version stays on record
    assert AuditEntry.objects.filter(action="change_approved").count() == 1
    rows = plan_history_rows(plan)
    assert [(r["ground"], r["reference"], r["open"]) for r in rows] == [
        ("The apparatus's functions changed", ORDER, False)
    ]
    assert rows[0]["kpis"] == [
        {
            "number": 1,
            "kind": "changed",
            "fields": [{"label": "plan, Q4", "old": "40", "new": "50"}],
        }
    ]


def test_a_changing_plan_is_not_in_force_for_the_sheets(pw, approved):
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=pw.org, drafted_by=pw.hr_staff_user)
    )
    evaluation = EvaluationFactory(
        period=period,
        servant=pw.a1_head,
        assignment=pw.a1_head_assignment,
        evaluator=pw.a_head,
        method="kpi",
    )
    assert planned_kpis(evaluation).count() == 3
    _open(pw, approved)
    assert planned_kpis(evaluation).count() == 0


def test_removing_and_adding_in_a_change_shows_in_the_history(pw, approved):
    _open(pw, approved)
    approved.refresh_from_db()
    second = approved.kpis.get(number=2)
    kpi_remove(
        actor=pw.a_head_user, plan_id=approved.pk, kpi_id=second.pk, version=approved.version
    )
    approved.refresh_from_db()
    kpi_add(
        actor=pw.a_head_user,
        plan_id=approved.pk,
        version=approved.version,
        data=kpi_data(name="НМИ 4"),
    )
    rows = plan_history_rows(approved)
    assert rows[0]["open"] is True
    kinds = [(k["number"], k["kind"]) for k in rows[0]["kpis"]]
    # number 2 was removed (3 became 2), number 3 is the new KPI
    assert kinds == [(2, "changed"), (3, "changed")]
    assert list(plan_history(approved)) == [PlanChange.objects.get()]


def test_an_evaluated_kpi_cannot_be_removed_in_a_change(pw):
    plan = plan_in(pw, PlanStatus.APPROVED, kpis=4)
    kpi = plan.kpis.get(number=1)
    period = PeriodFactory(
        schedule=ScheduleFactory(organisation=pw.org, drafted_by=pw.hr_staff_user)
    )
    evaluation = EvaluationFactory(
        period=period,
        servant=pw.a1_head,
        assignment=pw.a1_head_assignment,
        evaluator=pw.a_head,
        method="kpi",
    )
    evaluation.kpi_results.create(kpi=kpi)
    _open(pw, plan)
    plan.refresh_from_db()
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        kpi_remove(actor=pw.a_head_user, plan_id=plan.pk, kpi_id=kpi.pk, version=plan.version)

    assert caught.value.field == "kpi"
    assert snapshot() == before


def test_a_changed_plan_goes_back_to_hr_with_three_to_five_kpis(pw):
    plan = plan_in(pw, PlanStatus.APPROVED)
    _open(pw, plan)
    plan.refresh_from_db()
    kpi_remove(
        actor=pw.a_head_user,
        plan_id=plan.pk,
        kpi_id=plan.kpis.get(number=3).pk,
        version=plan.version,
    )
    plan.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        plan_send_to_hr(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert caught.value.field == "kpis"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CHANGING


def test_a_plan_being_changed_is_not_overdue(pw, clock):
    plan = plan_in(pw, PlanStatus.APPROVED)
    _open(pw, plan)
    plan.refresh_from_db()
    later = dt.date(2026, 3, 2)
    clock(later)
    assert later > plan.draft_due
    assert not plan.is_draft_overdue(later)
