"""The direct manager's quarterly written recommendations on an approved typical-2018 plan (seed
004 p.16; EDITIONS.md §2.2 C1, §9 T-18)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.notifications.models import Notification
from bagalau.plans.models import PlanStatus
from bagalau.plans.recommendations import plan_recommendation_write
from bagalau.plans.typical_selectors import plan_recommendations
from tests.plans.typical_helpers import typical_in, typical_snapshot


@pytest.fixture
def approved(tw, clock):
    plan = typical_in(tw, PlanStatus.APPROVED)
    clock(dt.date(2019, 4, 2))
    return plan


def test_the_direct_manager_writes_each_quarter_and_the_servant_is_told(tw, approved):
    note = plan_recommendation_write(
        actor=tw.a_head_user, plan_id=approved.pk, quarter=1, text="2-НМИ бойынша шаралар"
    )
    assert (note.quarter, note.written_on, note.author) == (1, dt.date(2019, 4, 2), tw.a_head_user)
    second = plan_recommendation_write(
        actor=tw.a_head_user,
        plan_id=approved.pk,
        quarter=2,
        text="Жарты жылдық жоспар",
        on=dt.date(2019, 4, 1),
    )
    assert [n.quarter for n in plan_recommendations(approved)] == [1, 2]
    assert second.written_on == dt.date(2019, 4, 1)
    told = Notification.objects.filter(recipient=tw.a_staff1_user, kind="plan_recommendation")
    assert told.count() == 2
    approved.refresh_from_db()
    assert approved.status == PlanStatus.APPROVED


def test_writing_a_quarter_again_rewrites_it_and_the_audit_keeps_the_old_text(tw, approved):
    plan_recommendation_write(actor=tw.a_head_user, plan_id=approved.pk, quarter=1, text="Бірінші")
    plan_recommendation_write(actor=tw.a_head_user, plan_id=approved.pk, quarter=1, text="Екінші")
    notes = plan_recommendations(approved)
    assert [n.text for n in notes] == ["Екінші"]
    entry = AuditEntry.objects.filter(action="recommend").latest("pk")
    assert entry.changes["recommendations[1].text"] == ["Бірінші", "Екінші"]


@pytest.mark.parametrize(
    ("quarter", "text", "on", "field"),
    [
        (5, "Мәтін", None, "quarter"),
        (0, "Мәтін", None, "quarter"),
        (1, "   ", None, "text"),
        (1, "ә" * 4001, None, "text"),
        (1, "Мәтін", dt.date(2019, 4, 3), "on"),
        (3, "Мәтін", None, "on"),
    ],
)
def test_bad_input_is_refused_naming_the_field(tw, approved, quarter, text, on, field):
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        plan_recommendation_write(
            actor=tw.a_head_user, plan_id=approved.pk, quarter=quarter, text=text, on=on
        )
    assert error.value.field == field
    assert typical_snapshot() == before


def test_only_on_an_approved_plan(tw):
    plan = typical_in(tw, PlanStatus.SUBMITTED)
    before = typical_snapshot()
    with pytest.raises(DomainError) as error:
        plan_recommendation_write(actor=tw.a_head_user, plan_id=plan.pk, quarter=1, text="x")
    assert error.value.field == "status"
    assert typical_snapshot() == before


@pytest.mark.parametrize("who", ["a_staff1_user", "head_user", "hr_staff_user"])
def test_the_servant_the_superior_manager_and_hr_do_not_write(tw, approved, who):
    before = typical_snapshot()
    with pytest.raises(PermissionDenied):
        plan_recommendation_write(actor=getattr(tw, who), plan_id=approved.pk, quarter=1, text="x")
    assert typical_snapshot() == before


@pytest.mark.parametrize("who", ["a_staff2_user", "overseer_user", "outsider_user"])
def test_others_do_not_find_the_plan(tw, approved, who):
    before = typical_snapshot()
    with pytest.raises(Http404):
        plan_recommendation_write(actor=getattr(tw, who), plan_id=approved.pk, quarter=1, text="x")
    assert typical_snapshot() == before
