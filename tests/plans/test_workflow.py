"""The approval workflow of a work plan (seed 002 p.22):

draft -send_to_hr-> sent_to_hr -hr_agree-> hr_agreed -submit-> submitted -approve-> approved
-post-> posted; HR returns from sent_to_hr/hr_agreed, the approver from submitted; a returned
plan goes back to HR after the evaluator's edits.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.notifications.models import Notification
from bagalau.plans.models import PlanStatus
from bagalau.plans.services import (
    kpi_update,
    plan_approve,
    plan_hr_agree,
    plan_hr_return,
    plan_post,
    plan_return,
    plan_send_to_hr,
    plan_submit,
)
from tests.plans.helpers import add_kpis, kpi_data, open_plan, plan_in, snapshot


def kinds_for(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_whole_way_from_draft_to_posted(pw, clock):
    plan = add_kpis(pw, open_plan(pw), 3)

    plan = plan_send_to_hr(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.SENT_TO_HR
    assert plan.sent_to_hr_at is not None
    # Both HR users (hr and hr_head) are asked to agree.
    assert "plan_to_agree" in kinds_for(pw.hr_staff_user)
    assert "plan_to_agree" in kinds_for(pw.hr_head_user)

    plan = plan_hr_agree(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)
    assert (plan.status, plan.hr_agreed_by) == (PlanStatus.HR_AGREED, pw.hr_staff_user)
    assert "plan_hr_agreed" in kinds_for(pw.a_head_user)

    plan = plan_submit(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.SUBMITTED
    assert kinds_for(pw.deputy_user) == ["plan_to_approve"]

    clock(dt.date(2026, 1, 14))
    plan = plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)
    assert (plan.status, plan.approved_by) == (PlanStatus.APPROVED, pw.deputy_user)
    # 5 working days after Wednesday 14 January 2026: 15, 16, 19, 20, 21 January.
    assert plan.posting_due == dt.date(2026, 1, 21)
    approved = Notification.objects.get(kind="plan_approved", recipient=pw.hr_staff_user)
    assert approved.params["due"] == "21.01.2026"

    plan = plan_post(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.POSTED
    assert plan.posted_at is not None
    assert kinds_for(pw.a1_head_user) == ["plan_posted"]
    assert Notification.objects.get(kind="plan_posted").url == f"/plans/{plan.pk}/"

    actions = list(
        AuditEntry.objects.filter(object_type="plans.workplan", object_id=str(plan.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-5:] == ["send_to_hr", "hr_agree", "submit", "approve", "post"]
    post = AuditEntry.objects.filter(action="post").get()
    assert post.changes["status"] == ["approved", "posted"]


def test_posting_due_counts_working_days_across_nauryz(pw, clock):
    plan = plan_in(pw, PlanStatus.SUBMITTED)
    clock(dt.date(2026, 3, 20))

    plan = plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)

    # Approved on Friday 20 March 2026. Nauryz: 21-23 March, observed on Tuesday 24 and
    # Wednesday 25 March (21-22 fall on the weekend), so the 5 working days *after* approval
    # (the approval day itself is not counted, as for every "within N days of" deadline in
    # methodology.sjc2023) are Thu 26, Fri 27, Mon 30, Tue 31 March and Wed 1 April.
    # (31 March would be the answer only if the approval day counted as day one.)
    assert plan.posting_due == dt.date(2026, 4, 1)


def test_two_kpis_cannot_be_sent(pw):
    plan = add_kpis(pw, open_plan(pw), 2)
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        plan_send_to_hr(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)

    assert caught.value.field == "kpis"
    assert "from 3 to 5 KPIs" in caught.value.message
    assert snapshot() == before


def test_five_kpis_can_be_sent(pw):
    plan = add_kpis(pw, open_plan(pw), 5)
    plan = plan_send_to_hr(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.SENT_TO_HR


def test_hr_returns_with_a_comment(pw):
    plan = plan_in(pw, PlanStatus.SENT_TO_HR)

    plan = plan_hr_return(
        actor=pw.hr_head_user, plan_id=plan.pk, version=plan.version, comment=" Дереккөз жоқ "
    )

    assert plan.status == PlanStatus.RETURNED
    assert (plan.return_comment, plan.returned_by) == ("Дереккөз жоқ", pw.hr_head_user)
    note = Notification.objects.get(kind="plan_returned")
    assert (note.recipient, note.params["comment"]) == (pw.a_head_user, "Дереккөз жоқ")


def test_hr_may_withdraw_its_agreement_before_submission(pw):
    plan = plan_in(pw, PlanStatus.HR_AGREED)
    plan = plan_hr_return(
        actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version, comment="Қайта қараймыз"
    )
    assert plan.status == PlanStatus.RETURNED


@pytest.mark.parametrize(
    ("status", "service", "actor"),
    [
        (PlanStatus.SENT_TO_HR, plan_hr_return, "hr_staff_user"),
        (PlanStatus.SUBMITTED, plan_return, "deputy_user"),
    ],
)
def test_returning_needs_a_comment(pw, status, service, actor):
    plan = plan_in(pw, status)
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        service(actor=getattr(pw, actor), plan_id=plan.pk, version=plan.version, comment="  ")

    assert caught.value.field == "comment"
    assert snapshot() == before


def test_the_approver_returns_and_the_plan_goes_back_through_hr(pw):
    plan = plan_in(pw, PlanStatus.SUBMITTED)

    plan = plan_return(
        actor=pw.deputy_user, plan_id=plan.pk, version=plan.version, comment="НМИ 2 өлшенбейді"
    )
    assert (plan.status, plan.return_comment) == (PlanStatus.RETURNED, "НМИ 2 өлшенбейді")
    assert Notification.objects.filter(kind="plan_returned", recipient=pw.a_head_user).exists()

    kpi = plan.kpis.get(number=2)
    kpi_update(
        actor=pw.a_head_user,
        plan_id=plan.pk,
        kpi_id=kpi.pk,
        version=plan.version,
        data=kpi_data(name="НМИ 2, өлшенетін"),
    )
    plan.refresh_from_db()
    # It cannot skip HR: submitting a returned plan is refused.
    with pytest.raises(DomainError):
        plan_submit(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_send_to_hr(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_hr_agree(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)
    plan = plan_submit(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.APPROVED
    # The approver was asked twice: each submission is a new request.
    assert kinds_for(pw.deputy_user) == ["plan_to_approve", "plan_to_approve"]


SERVICES = {
    "send_to_hr": (plan_send_to_hr, PlanStatus.DRAFT, "a_head_user"),
    "hr_agree": (plan_hr_agree, PlanStatus.SENT_TO_HR, "hr_staff_user"),
    "hr_return": (plan_hr_return, PlanStatus.SENT_TO_HR, "hr_staff_user"),
    "submit": (plan_submit, PlanStatus.HR_AGREED, "a_head_user"),
    "approve": (plan_approve, PlanStatus.SUBMITTED, "deputy_user"),
    "return": (plan_return, PlanStatus.SUBMITTED, "deputy_user"),
    "post": (plan_post, PlanStatus.APPROVED, "hr_staff_user"),
}
EVERYONE = [
    "a1_head_user",
    "a_head_user",
    "deputy_user",
    "hr_staff_user",
    "hr_head_user",
    "head_user",
]


def call(service, actor, plan, version=None):
    kwargs = {
        "actor": actor,
        "plan_id": plan.pk,
        "version": plan.version if version is None else version,
    }
    if service in (plan_hr_return, plan_return):
        kwargs["comment"] = "Түзетіңіз"
    return service(**kwargs)


@pytest.mark.parametrize("action", list(SERVICES))
@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_right_person_takes_each_step(pw, action, who):
    service, status, right = SERVICES[action]
    plan = plan_in(pw, status)
    before = snapshot()
    actor = getattr(pw, who)

    if who == right or (right == "hr_staff_user" and who == "hr_head_user"):
        call(service, actor, plan)
        plan.refresh_from_db()
        assert plan.status != status
    else:
        with pytest.raises(PermissionDenied):
            call(service, actor, plan)
        assert snapshot() == before


@pytest.mark.parametrize("action", list(SERVICES))
def test_a_step_from_the_wrong_status_is_refused(pw, action):
    service, status, right = SERVICES[action]
    wrong = PlanStatus.POSTED if status != PlanStatus.POSTED else PlanStatus.DRAFT
    plan = plan_in(pw, wrong)
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        call(service, getattr(pw, right), plan)

    assert caught.value.field == "status"
    assert snapshot() == before


@pytest.mark.parametrize("action", list(SERVICES))
def test_a_stale_version_is_a_conflict_and_changes_nothing(pw, action):
    service, status, right = SERVICES[action]
    plan = plan_in(pw, status)
    before = snapshot()

    with pytest.raises(ConflictError):
        call(service, getattr(pw, right), plan, version=plan.version - 1)

    assert snapshot() == before


def test_overdue_flags(pw, clock):
    plan = plan_in(pw, PlanStatus.SUBMITTED)
    assert not plan.is_draft_overdue(dt.date(2026, 1, 19))
    assert plan.is_draft_overdue(dt.date(2026, 1, 20))

    clock(dt.date(2026, 1, 14))
    plan = plan_approve(actor=pw.deputy_user, plan_id=plan.pk, version=plan.version)
    assert not plan.is_draft_overdue(dt.date(2026, 2, 1))  # approved: the KPIs are set
    assert not plan.is_posting_overdue(dt.date(2026, 1, 21))
    assert plan.is_posting_overdue(dt.date(2026, 1, 22))
    plan = plan_post(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)
    assert not plan.is_posting_overdue(dt.date(2026, 1, 22))


def test_the_first_head_drafts_and_approves_himself(pw):
    from bagalau.plans.services import kpi_add, plan_create_for_assignment

    plan = plan_create_for_assignment(
        actor=pw.hr_staff_user, assignment=pw.b_head_assignment, year=2026
    )
    assert plan.evaluator == plan.approver == pw.head
    for _ in range(3):
        plan.refresh_from_db()
        kpi_add(actor=pw.head_user, plan_id=plan.pk, version=plan.version, data=kpi_data())
    plan.refresh_from_db()
    plan = plan_send_to_hr(actor=pw.head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_hr_agree(actor=pw.hr_staff_user, plan_id=plan.pk, version=plan.version)
    plan = plan_submit(actor=pw.head_user, plan_id=plan.pk, version=plan.version)
    plan = plan_approve(actor=pw.head_user, plan_id=plan.pk, version=plan.version)
    assert plan.status == PlanStatus.APPROVED
    # Nobody is told of their own action.
    assert "plan_to_approve" not in kinds_for(pw.head_user)
