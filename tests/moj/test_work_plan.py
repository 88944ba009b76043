"""The individual work plan App. 1 (seed 001 p.10-13; EDITIONS.md §5.2 B1-B4, §9.4 M-3, M-15):
at most 4 indicators with expected results, half measurable (the engine's check_plan naming the
field); the servant and the direct manager draft and sign, the second signature files it, HR and
the unit head then see it; amendments are new versions; refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.moj.models import WorkPlan, WorkPlanRevision, WorkPlanStatus
from bagalau.moj.plan_access import workplan_actions, workplan_get_for
from bagalau.moj.plan_selectors import filed_revision, plan_history, work_plan_deadline
from bagalau.moj.services.work_plan import (
    work_plan_amend,
    work_plan_create,
    work_plan_edit,
    work_plan_sign,
)
from bagalau.org.models import Assignment

pytestmark = pytest.mark.django_db


def ind(name="Draft 3 bills", result="3 bills sent", measurable=True):
    return {"name": name, "expected_result": result, "measurable": measurable}


TWO = [ind(), ind("Advise the units", "Advice given", False)]


def create(mw, indicators=TWO, actor=None):
    return work_plan_create(
        actor=actor or mw.b_staff1_user, servant_id=mw.b_staff1.pk, year=2017, indicators=indicators
    )


def filed(mw):
    plan = create(mw)
    work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    return work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)


def test_drafted_signed_by_both_and_filed(mw):
    plan = create(mw)
    assert plan.status == WorkPlanStatus.DRAFT
    assert plan.edition == "moj-2017"
    plan = work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    assert plan.status == WorkPlanStatus.SERVANT_SIGNED
    plan = work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)
    assert plan.status == WorkPlanStatus.FILED
    revision = filed_revision(plan)
    assert revision is not None
    assert (revision.servant_signed_on, revision.manager_signed_on, revision.filed_on) == (
        dt.date(2017, 12, 20),
        dt.date(2017, 12, 20),
        dt.date(2017, 12, 20),
    )
    assert revision.manager == mw.b_head
    assert AuditEntry.objects.filter(object_id=str(plan.pk), action="sign").count() == 2


def test_the_manager_drafts_jointly(mw):
    plan = create(mw, actor=mw.b_head_user)
    assert plan.servant == mw.b_staff1
    assert plan.revisions.get().drafted_by == mw.b_head_user


@pytest.mark.parametrize(
    ("indicators", "field"),
    [
        pytest.param([ind(f"i{n}", f"r{n}") for n in range(5)], "indicators", id="five"),
        pytest.param([], "indicators", id="none"),
        pytest.param(
            [ind(), ind("b", "r", False), ind("c", "r", False)],
            "indicators",
            id="1-of-3-measurable",
        ),
        pytest.param([ind(), ind("b", "  ", False)], "indicators[1].expected_result", id="empty"),
        pytest.param([ind(name="")], "indicators[0].name", id="no-name"),
    ],
)
def test_the_engine_refuses_a_bad_plan_naming_the_field(mw, indicators, field):
    with pytest.raises(DomainError) as caught:
        create(mw, indicators)
    assert caught.value.field == field
    assert not WorkPlan.objects.exists()
    assert not WorkPlanRevision.objects.exists()


def test_two_of_four_measurable_is_half(mw):
    rows = [ind(), ind("b", "r"), ind("c", "r", False), ind("d", "r", False)]
    assert len(create(mw, rows).revisions.get().indicators) == 4


def test_a_year_not_under_moj_and_a_second_plan_are_refused(mw):
    with pytest.raises(DomainError) as caught:
        work_plan_create(
            actor=mw.b_staff1_user, servant_id=mw.b_staff1.pk, year=2016, indicators=TWO
        )
    assert caught.value.field == "year"
    create(mw)
    with pytest.raises(DomainError) as caught:
        create(mw)
    assert caught.value.field == "year"
    assert WorkPlan.objects.count() == 1


def test_only_the_servant_or_the_direct_manager_drafts(mw):
    for user in (mw.hr_staff_user, mw.a_head_user, mw.head_user):
        with pytest.raises(PermissionDenied):
            create(mw, actor=user)
    with pytest.raises(Http404):
        create(mw, actor=mw.outsider_user)
    assert not WorkPlan.objects.exists()


def test_the_manager_signs_only_after_the_servant_and_nobody_signs_twice(mw):
    plan = create(mw)
    with pytest.raises(PermissionDenied):
        work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)
    work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    with pytest.raises(PermissionDenied):
        work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    plan.refresh_from_db()
    assert plan.status == WorkPlanStatus.SERVANT_SIGNED


def test_an_edit_takes_back_the_servants_signature(mw):
    plan = create(mw)
    work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    plan = work_plan_edit(
        actor=mw.b_head_user, plan_id=plan.pk, indicators=[ind("One task", "Done")], version=2
    )
    assert plan.status == WorkPlanStatus.DRAFT
    revision = plan.revisions.get()
    assert revision.servant_signed_on is None
    assert revision.indicators == [ind("One task", "Done")]


def test_a_bad_or_stale_edit_changes_nothing(mw):
    plan = create(mw)
    with pytest.raises(DomainError) as caught:
        work_plan_edit(actor=mw.b_staff1_user, plan_id=plan.pk, indicators=[ind(result="")])
    assert caught.value.field == "indicators[0].expected_result"
    with pytest.raises(ConflictError):
        work_plan_edit(actor=mw.b_staff1_user, plan_id=plan.pk, indicators=TWO, version=7)
    plan.refresh_from_db()
    assert plan.version == 1
    assert plan.revisions.get().indicators == TWO


def test_a_filed_plan_is_not_edited_but_amended_as_a_new_version(mw):
    plan = filed(mw)
    with pytest.raises(DomainError):
        work_plan_edit(actor=mw.b_staff1_user, plan_id=plan.pk, indicators=TWO)
    with pytest.raises(DomainError) as caught:
        work_plan_amend(actor=mw.b_staff1_user, plan_id=plan.pk, reason="  ")
    assert caught.value.field == "reason"
    plan = work_plan_amend(actor=mw.b_head_user, plan_id=plan.pk, reason="New law adopted")
    assert (plan.status, plan.revision) == (WorkPlanStatus.DRAFT, 2)
    work_plan_edit(actor=mw.b_staff1_user, plan_id=plan.pk, indicators=[ind("New task", "Done")])
    assert filed_revision(plan).number == 1  # HR still holds the first copy
    work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    plan = work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)
    history = plan_history(plan)
    assert [r.number for r in history] == [1, 2]
    assert history[0].indicators == TWO
    assert history[1].indicators == [ind("New task", "Done")]
    assert history[1].reason == "New law adopted"
    assert filed_revision(plan).number == 2


def test_who_sees_the_plan(mw):
    plan = create(mw)
    for user in (mw.b_staff1_user, mw.b_head_user):
        assert workplan_get_for(user=user, id=plan.pk) == plan
    for user in (mw.hr_staff_user, mw.hr_head_user, mw.a_head_user, mw.outsider_user, mw.head_user):
        with pytest.raises(Http404):
            workplan_get_for(user=user, id=plan.pk)
    work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)
    for user in (mw.hr_staff_user, mw.hr_head_user):
        assert workplan_get_for(user=user, id=plan.pk) == plan
        assert workplan_actions(user=user, obj=plan) == frozenset()
    for user in (mw.a_head_user, mw.outsider_user, mw.a_staff1_user):
        with pytest.raises(Http404):
            workplan_get_for(user=user, id=plan.pk)
    plan.refresh_from_db()
    assert workplan_actions(user=mw.b_staff1_user, obj=plan) == {"amend"}


def test_the_unit_head_who_is_not_the_manager_sees_the_filed_plan(mw):
    """a_staff1's direct manager is the head of the apparatus: a_head keeps the unit's copy."""
    Assignment.objects.filter(pk=mw.a_staff1_assignment.pk).update(direct_manager=mw.head)
    plan = work_plan_create(
        actor=mw.a_staff1_user, servant_id=mw.a_staff1.pk, year=2017, indicators=TWO
    )
    with pytest.raises(Http404):
        workplan_get_for(user=mw.a_head_user, id=plan.pk)
    with pytest.raises(Http404):  # the head of the unit does not sign instead of the manager
        work_plan_sign(actor=mw.a_head_user, plan_id=plan.pk)
    work_plan_sign(actor=mw.a_staff1_user, plan_id=plan.pk)
    work_plan_sign(actor=mw.head_user, plan_id=plan.pk)
    assert workplan_get_for(user=mw.a_head_user, id=plan.pk) == plan
    assert workplan_actions(user=mw.a_head_user, obj=plan) == frozenset()


def test_the_plan_is_due_on_10_january_or_10_working_days_after_a_later_appointment(mw):
    plan = create(mw)
    found = work_plan_deadline(plan)
    assert (found.due, found.filed, found.late) == (dt.date(2017, 1, 10), None, True)
    Assignment.objects.filter(pk=mw.b_staff1_assignment.pk).update(start=dt.date(2017, 8, 1))
    # 1 August 2017 (Tuesday) + 10 working days = 15 August 2017
    assert work_plan_deadline(plan).due == dt.date(2017, 8, 15)


def test_hr_lists_the_filed_plans_the_drafters_their_own(mw):
    from bagalau.moj.plan_selectors import work_plans_for

    plan = create(mw)
    assert work_plans_for(mw.hr_staff_user) == []
    assert work_plans_for(mw.b_head_user) == [plan]
    assert work_plans_for(mw.a_head_user) == []
    work_plan_sign(actor=mw.b_staff1_user, plan_id=plan.pk)
    work_plan_sign(actor=mw.b_head_user, plan_id=plan.pk)
    assert work_plans_for(mw.hr_staff_user) == [plan]
    assert work_plans_for(mw.outsider_user) == []
