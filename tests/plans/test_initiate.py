"""Opening the year's work plans (seed 002 p.22): who gets one, who drafts and approves it, and by
when the KPIs are due."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.notifications.models import Notification
from bagalau.plans.models import PlanStatus, WorkPlan
from bagalau.plans.services import plan_create_for_assignment, plans_initiate
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory
from tests.plans.helpers import snapshot


def newcomer(w, start: dt.date, *, end: dt.date | None = None):
    """A new head of a sector under the Analytics department, appointed on `start`."""
    user = UserFactory(username=f"new_{start:%m%d}")
    servant = ServantFactory(organisation=w.org, user=user, last_name="Жаңа", first_name="Асан")
    position = PositionFactory(unit=w.unit_b, category="B-1", heads_unit=False)
    return AssignmentFactory(servant=servant, position=position, start=start, end=end)


def test_every_manager_gets_a_draft_with_evaluator_approver_and_due_date(pw):
    report = plans_initiate(actor=pw.hr_staff_user, organisation=pw.org, year=2026)

    plans = {p.servant.pk: p for p in WorkPlan.objects.all()}
    # deputy, a_head, a1_head, b_head, hr_head hold posts evaluated by KPI; staff and the head of
    # the apparatus (corps A) do not.
    assert set(plans) == {pw.deputy.pk, pw.a_head.pk, pw.a1_head.pk, pw.b_head.pk, pw.hr_head.pk}
    assert len(report.created) == 5
    assert report.existing == []
    assert report.skipped == []
    managers = {
        pw.a1_head.pk: (pw.a_head, pw.deputy),  # evaluator = head of the Legal department
        pw.a_head.pk: (pw.deputy, pw.head),  # overridden direct manager, then the head
        pw.deputy.pk: (pw.head, pw.head),  # nobody above the head: he approves himself
        pw.b_head.pk: (pw.head, pw.head),
        pw.hr_head.pk: (pw.head, pw.head),
    }
    for servant_id, (evaluator, approver) in managers.items():
        plan = plans[servant_id]
        assert (plan.evaluator, plan.approver) == (evaluator, approver)
        assert plan.status == PlanStatus.DRAFT
        assert plan.period_start == dt.date(2026, 1, 1)
        # 10 working days from 1 January 2026: 1-2 January (New Year), the weekends and
        # 7 January (Orthodox Christmas) are not worked, so the days are 5, 6, 8, 9, 12, 13, 14,
        # 15, 16 and 19 January.
        assert plan.draft_due == dt.date(2026, 1, 19)


def test_each_evaluator_is_told_and_each_creation_audited(pw):
    plans_initiate(actor=pw.hr_staff_user, organisation=pw.org, year=2026)

    notes = Notification.objects.filter(kind="plan_to_draft")
    assert sorted((n.recipient.username, n.params["servant"]) for n in notes) == sorted(
        [
            ("a_head", "Сейітов Ержан Қанатұлы"),
            ("deputy", "Әлиев Арман"),
            ("head", "Орынбасар Дана"),
            ("head", "Қасымов Бауыржан"),
            ("head", "Кадрова Гүлнар"),
        ]
    )
    assert {n.params["due"] for n in notes} == {"19.01.2026"}
    entries = AuditEntry.objects.filter(action="create", object_type="plans.workplan")
    assert entries.count() == 5
    assert {e.actor for e in entries} == {pw.hr_staff_user}
    assert entries.first().changes["draft_due"] == [None, "2026-01-19"]


def test_running_it_again_creates_nothing(pw):
    plans_initiate(actor=pw.hr_staff_user, organisation=pw.org, year=2026)
    before = snapshot()

    report = plans_initiate(actor=pw.hr_head_user, organisation=pw.org, year=2026)

    assert report.created == []
    assert len(report.existing) == 5
    assert snapshot() == before


def test_a_newcomer_counts_from_the_appointment(pw):
    assignment = newcomer(pw, dt.date(2026, 3, 2))

    plans_initiate(actor=pw.hr_staff_user, organisation=pw.org, year=2026)

    plan = WorkPlan.objects.get(assignment=assignment)
    assert plan.period_start == dt.date(2026, 3, 2)
    # 10 working days after Monday 2 March 2026 (the appointment day is not counted, p.22):
    # 3-6, then 10-13 (8 March, a Sunday, is observed on Monday 9 March), 16 and 17 March.
    assert plan.draft_due == dt.date(2026, 3, 17)
    assert (plan.evaluator, plan.approver) == (pw.b_head, pw.head)


def test_a_newcomer_with_under_three_months_left_gets_no_plan(pw, clock):
    clock(dt.date(2026, 10, 15))
    assignment = newcomer(pw, dt.date(2026, 10, 15))

    report = plans_initiate(actor=pw.hr_staff_user, organisation=pw.org, year=2026)

    assert not WorkPlan.objects.filter(assignment=assignment).exists()
    [skipped] = report.skipped
    assert skipped.assignment == assignment
    assert skipped.error.field == "assignment"
    assert "Less than 3 months remain from 15.10.2026" in skipped.error.message

    with pytest.raises(DomainError) as caught:
        plan_create_for_assignment(actor=pw.hr_staff_user, assignment=assignment, year=2026)
    assert caught.value.field == "assignment"
    assert not WorkPlan.objects.filter(assignment=assignment).exists()


def test_appointed_exactly_three_months_before_the_end_gets_a_plan(pw, clock):
    clock(dt.date(2026, 10, 1))
    assignment = newcomer(pw, dt.date(2026, 10, 1))

    plan = plan_create_for_assignment(actor=pw.hr_staff_user, assignment=assignment, year=2026)

    assert plan.period_start == dt.date(2026, 10, 1)


def test_plan_for_a_newcomer_is_idempotent_and_notifies_once(pw):
    assignment = newcomer(pw, dt.date(2026, 2, 2))

    first = plan_create_for_assignment(actor=pw.hr_staff_user, assignment=assignment, year=2026)
    again = plan_create_for_assignment(actor=pw.hr_staff_user, assignment=assignment, year=2026)

    assert first.pk == again.pk
    assert Notification.objects.filter(kind="plan_to_draft", recipient=pw.b_head_user).count() == 1


def test_a_post_left_before_today_is_skipped(pw, clock):
    clock(dt.date(2026, 6, 1))
    gone = newcomer(pw, dt.date(2025, 5, 1), end=dt.date(2026, 4, 30))

    report = plans_initiate(actor=pw.hr_staff_user, organisation=pw.org, year=2026)

    assert [s.assignment for s in report.skipped] == [gone]
    assert not WorkPlan.objects.filter(assignment=gone).exists()


def test_a_staff_post_needs_no_plan(pw):
    with pytest.raises(DomainError) as caught:
        plan_create_for_assignment(
            actor=pw.hr_staff_user, assignment=pw.a_staff1_assignment, year=2026
        )
    assert caught.value.field == "assignment"
    assert not WorkPlan.objects.exists()


@pytest.mark.parametrize(
    "who", ["a1_head_user", "a_head_user", "deputy_user", "head_user", "outsider_user"]
)
def test_only_hr_opens_plans(pw, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        plans_initiate(actor=getattr(pw, who), organisation=pw.org, year=2026)
    with pytest.raises(PermissionDenied):
        plan_create_for_assignment(
            actor=getattr(pw, who), assignment=pw.a1_head_assignment, year=2026
        )
    assert snapshot() == before


def test_a_year_out_of_range_is_refused(pw):
    with pytest.raises(DomainError) as caught:
        plans_initiate(actor=pw.hr_staff_user, organisation=pw.org, year=1900)
    assert caught.value.field == "year"
    assert not WorkPlan.objects.exists()
