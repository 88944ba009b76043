"""KPIs of a work plan (seed 002 p.23-24, App. 1): what a KPI needs, at most five, only the
evaluator, only in a draft or returned plan, and never over someone else's change."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.plans.models import Kpi, PlanStatus
from bagalau.plans.services import kpi_add, kpi_remove, kpi_update, plan_create_for_assignment
from tests.plans.helpers import add_kpis, kpi_data, open_plan, plan_in, snapshot


@pytest.fixture
def draft(pw):
    return open_plan(pw)


def test_the_evaluator_adds_a_kpi(pw, draft):
    kpi = kpi_add(actor=pw.a_head_user, plan_id=draft.pk, version=draft.version, data=kpi_data())

    draft.refresh_from_db()
    assert (kpi.number, kpi.name, kpi.direction, kpi.plan_q3) == (
        1,
        "Сот төрелігі кадрларын іріктеу сапасы",
        "increase",
        D("30"),
    )
    assert draft.version == 2
    entry = AuditEntry.objects.get(action="kpi_add")
    assert entry.actor == pw.a_head_user
    assert entry.changes["kpis[1].name"] == [None, "Сот төрелігі кадрларын іріктеу сапасы"]
    assert entry.changes["kpis[1].plan_q3"] == [None, "30"]
    assert entry.changes["version"] == [1, 2]


def test_texts_are_trimmed(pw, draft):
    kpi = kpi_add(
        actor=pw.a_head_user,
        plan_id=draft.pk,
        version=draft.version,
        data=kpi_data(name="  Атауы  ", unit=" шт. "),
    )
    assert (kpi.name, kpi.unit) == ("Атауы", "шт.")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"name": "  "}, "name", id="name-required"),
        pytest.param({"source": ""}, "source", id="source-required"),
        pytest.param({"unit": ""}, "unit", id="unit-required"),
        pytest.param({"unit": "x" * 61}, "unit", id="unit-too-long"),
        pytest.param({"key_result": ""}, "key_result", id="key-result-required"),
        pytest.param({"direction": "sideways"}, "direction", id="unknown-direction"),
        pytest.param(
            {"plan_q1": None, "plan_q2": None, "plan_q3": None, "plan_q4": None},
            "plan_q1",
            id="no-quarter-planned",
        ),
        pytest.param({"plan_q2": D("-1")}, "plan_q2", id="negative"),
        pytest.param({"plan_q3": D("0")}, "plan_q3", id="increase-needs-more-than-0"),
        pytest.param({"plan_q1": D("1.23456")}, "plan_q1", id="five-decimal-places"),
        pytest.param({"plan_q1": D("1E+15")}, "plan_q1", id="too-large"),
        pytest.param(
            {"direction": "binary", "plan_q1": D("2"), "plan_q2": None},
            "plan_q1",
            id="binary-is-1",
        ),
        pytest.param({"deadline": dt.date(2025, 12, 31)}, "deadline", id="deadline-last-year"),
        pytest.param({"deadline": dt.date(2027, 1, 1)}, "deadline", id="deadline-next-year"),
    ],
)
def test_a_kpi_breaking_a_rule_is_refused_naming_the_field(pw, draft, overrides, field):
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        kpi_add(
            actor=pw.a_head_user,
            plan_id=draft.pk,
            version=draft.version,
            data=kpi_data(**overrides),
        )
    assert caught.value.field == field
    assert snapshot() == before


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"direction": "decrease", "plan_q1": D("0")}, id="decrease-may-plan-0"),
        pytest.param(
            {
                "direction": "binary",
                "plan_q1": None,
                "plan_q2": D(1),
                "plan_q3": None,
                "plan_q4": None,
            },
            id="binary-due-in-some-quarters",
        ),
        pytest.param({"plan_q1": D("2.5"), "plan_q4": None}, id="not-every-quarter"),
        pytest.param({"plan_q1": D("0.0001")}, id="four-decimal-places"),
        pytest.param(
            {"deadline": dt.date(2026, 1, 1), "plan_q2": None, "plan_q3": None, "plan_q4": None},
            id="deadline-on-period-start",
        ),
    ],
)
def test_valid_kpis(pw, draft, overrides):
    kpi = kpi_add(
        actor=pw.a_head_user, plan_id=draft.pk, version=draft.version, data=kpi_data(**overrides)
    )
    assert Kpi.objects.filter(pk=kpi.pk).exists()


# --- App. 1: the achievement date of each quarter (p.24(4)) ------------------------------------


def test_each_planned_quarter_gets_its_achievement_date(pw, draft):
    kpi = kpi_add(
        actor=pw.a_head_user,
        plan_id=draft.pk,
        version=draft.version,
        data=kpi_data(
            plan_q3=None,
            deadline=dt.date(2026, 11, 20),
            date_q1=dt.date(2026, 3, 15),
            date_q2=dt.date(2026, 4, 1),
        ),
    )
    # given dates stay; empty ones are the quarter's last day, or the deadline when earlier
    assert [kpi.achieved_by(q) for q in (1, 2, 3, 4)] == [
        dt.date(2026, 3, 15),
        dt.date(2026, 4, 1),
        None,
        dt.date(2026, 11, 20),
    ]
    entry = AuditEntry.objects.get(action="kpi_add")
    assert entry.changes["kpis[1].date_q1"] == [None, "2026-03-15"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date_q1": dt.date(2026, 4, 1)}, "date_q1"),  # after its quarter
        ({"date_q2": dt.date(2026, 3, 31)}, "date_q2"),  # before its quarter
        ({"date_q4": dt.date(2026, 12, 31), "deadline": dt.date(2026, 12, 20)}, "date_q4"),
        ({"plan_q3": None, "date_q3": dt.date(2026, 8, 1)}, "date_q3"),  # not planned
        ({"deadline": dt.date(2026, 5, 29)}, "deadline"),  # Q3 and Q4 planned after it
    ],
)
def test_an_achievement_date_outside_its_quarter_is_refused(pw, draft, overrides, field):
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        kpi_add(
            actor=pw.a_head_user,
            plan_id=draft.pk,
            version=draft.version,
            data=kpi_data(**overrides),
        )
    assert caught.value.field == field
    assert snapshot() == before


def test_a_newcomers_first_date_is_not_before_the_appointment(pw, draft):
    draft.period_start = dt.date(2026, 2, 16)
    draft.save()
    with pytest.raises(DomainError) as caught:
        kpi_add(
            actor=pw.a_head_user,
            plan_id=draft.pk,
            version=draft.version,
            data=kpi_data(date_q1=dt.date(2026, 2, 13)),
        )
    assert caught.value.field == "date_q1"
    kpi = kpi_add(
        actor=pw.a_head_user,
        plan_id=draft.pk,
        version=draft.version,
        data=kpi_data(date_q1=dt.date(2026, 2, 16)),
    )
    assert kpi.achieved_by(1) == dt.date(2026, 2, 16)


def test_a_binary_kpi_is_planned_as_1_in_its_quarters(pw, draft):
    kpi = kpi_add(
        actor=pw.a_head_user,
        plan_id=draft.pk,
        version=draft.version,
        data=kpi_data(direction="binary", plan_q1=None, plan_q2=D(1), plan_q3=None, plan_q4=D(1)),
    )
    assert [kpi.planned(q) for q in (1, 2, 3, 4)] == [None, D(1), None, D(1)]


def test_a_newcomers_kpi_deadline_cannot_precede_the_appointment(pw, draft):
    draft.period_start = dt.date(2026, 3, 2)
    draft.save()
    with pytest.raises(DomainError) as caught:
        kpi_add(
            actor=pw.a_head_user,
            plan_id=draft.pk,
            version=draft.version,
            data=kpi_data(deadline=dt.date(2026, 3, 1)),
        )
    assert caught.value.field == "deadline"
    assert "02.03.2026" in caught.value.message


def test_a_newcomers_plan_does_not_plan_quarters_already_over(pw, draft):
    draft.period_start = dt.date(2026, 7, 15)
    draft.save()
    with pytest.raises(DomainError) as caught:
        kpi_add(
            actor=pw.a_head_user,
            plan_id=draft.pk,
            version=draft.version,
            data=kpi_data(plan_q1=None, deadline=dt.date(2026, 12, 1)),
        )
    assert caught.value.field == "plan_q2"
    kpi = kpi_add(
        actor=pw.a_head_user,
        plan_id=draft.pk,
        version=draft.version,
        data=kpi_data(plan_q1=None, plan_q2=None, deadline=dt.date(2026, 12, 1)),
    )
    assert (kpi.plan_q3, kpi.plan_q4) == (D("30"), D("40"))


def test_the_sixth_kpi_is_refused(pw, draft):
    plan = add_kpis(pw, draft, 5)
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        kpi_add(actor=pw.a_head_user, plan_id=plan.pk, version=plan.version, data=kpi_data())

    assert caught.value.field == "kpis"
    assert "at most 5" in caught.value.message
    assert snapshot() == before


def test_update_changes_the_kpi_and_audits_old_and_new(pw, draft):
    plan = add_kpis(pw, draft, 1)
    kpi = plan.kpis.get()

    kpi_update(
        actor=pw.a_head_user,
        plan_id=plan.pk,
        kpi_id=kpi.pk,
        version=plan.version,
        data=kpi_data(name="НМИ 1", plan_q2=D("25")),
    )

    kpi.refresh_from_db()
    assert kpi.plan_q2 == D("25")
    entry = AuditEntry.objects.get(action="kpi_update")
    assert entry.changes["kpis[1].plan_q2"] == ["20", "25"]
    assert "kpis[1].name" not in entry.changes


def test_remove_renumbers_the_rest(pw, draft):
    plan = add_kpis(pw, draft, 3)
    first, second, third = plan.kpis.order_by("number")

    kpi_remove(actor=pw.a_head_user, plan_id=plan.pk, kpi_id=second.pk, version=plan.version)

    assert list(plan.kpis.order_by("number").values_list("pk", "number")) == [
        (first.pk, 1),
        (third.pk, 2),
    ]
    assert AuditEntry.objects.get(action="kpi_remove").changes["kpis[2].name"] == ["НМИ 2", None]


@pytest.mark.parametrize("who", ["a1_head_user", "deputy_user", "hr_staff_user", "head_user"])
def test_only_the_evaluator_edits_kpis(pw, draft, who):
    plan = add_kpis(pw, draft, 1)
    kpi = plan.kpis.get()
    before = snapshot()
    actor = getattr(pw, who)

    with pytest.raises(PermissionDenied):
        kpi_add(actor=actor, plan_id=plan.pk, version=plan.version, data=kpi_data())
    with pytest.raises(PermissionDenied):
        kpi_update(
            actor=actor, plan_id=plan.pk, kpi_id=kpi.pk, version=plan.version, data=kpi_data()
        )
    with pytest.raises(PermissionDenied):
        kpi_remove(actor=actor, plan_id=plan.pk, kpi_id=kpi.pk, version=plan.version)
    assert snapshot() == before


@pytest.mark.parametrize("who", ["b_head_user", "outsider_user", "a_staff1_user"])
def test_people_who_cannot_see_the_plan_get_404(pw, draft, who):
    before = snapshot()
    with pytest.raises(Http404):
        kpi_add(actor=getattr(pw, who), plan_id=draft.pk, version=draft.version, data=kpi_data())
    assert snapshot() == before


def test_a_kpi_of_another_plan_is_not_found(pw, draft):
    mine = add_kpis(pw, draft, 1)
    theirs = plan_create_for_assignment(
        actor=pw.hr_staff_user, assignment=pw.b_head_assignment, year=2026
    )
    foreign = kpi_add(
        actor=pw.head_user, plan_id=theirs.pk, version=theirs.version, data=kpi_data()
    )
    before = snapshot()

    with pytest.raises(Http404):
        kpi_remove(actor=pw.a_head_user, plan_id=mine.pk, kpi_id=foreign.pk, version=mine.version)
    assert snapshot() == before


@pytest.mark.parametrize(
    "status", [PlanStatus.SENT_TO_HR, PlanStatus.HR_AGREED, PlanStatus.SUBMITTED]
)
def test_kpis_are_frozen_while_the_plan_is_being_agreed_or_approved(pw, status):
    plan = plan_in(pw, status)
    kpi = plan.kpis.first()
    before = snapshot()

    with pytest.raises(DomainError) as caught:
        kpi_update(
            actor=pw.a_head_user,
            plan_id=plan.pk,
            kpi_id=kpi.pk,
            version=plan.version,
            data=kpi_data(name="Жаңа"),
        )
    assert caught.value.field == "status"
    assert snapshot() == before


def test_a_returned_plan_is_edited_again(pw):
    plan = plan_in(pw, PlanStatus.RETURNED)
    kpi = plan.kpis.first()

    kpi_update(
        actor=pw.a_head_user,
        plan_id=plan.pk,
        kpi_id=kpi.pk,
        version=plan.version,
        data=kpi_data(name="Түзетілген НМИ"),
    )

    kpi.refresh_from_db()
    assert kpi.name == "Түзетілген НМИ"


def test_a_stale_version_is_a_conflict_and_changes_nothing(pw, draft):
    plan = add_kpis(pw, draft, 1)
    kpi = plan.kpis.get()
    stale = plan.version - 1
    before = snapshot()

    with pytest.raises(ConflictError) as caught:
        kpi_update(
            actor=pw.a_head_user,
            plan_id=plan.pk,
            kpi_id=kpi.pk,
            version=stale,
            data=kpi_data(name="Кеш қалған өзгеріс"),
        )
    assert caught.value.field == "version"
    with pytest.raises(ConflictError):
        kpi_add(actor=pw.a_head_user, plan_id=plan.pk, version=stale, data=kpi_data())
    with pytest.raises(ConflictError):
        kpi_remove(actor=pw.a_head_user, plan_id=plan.pk, kpi_id=kpi.pk, version=stale)
    assert snapshot() == before


def test_two_editors_with_the_same_version_the_second_loses_cleanly(pw, draft):
    plan = add_kpis(pw, draft, 1)
    read_version = plan.version
    kpi_add(actor=pw.a_head_user, plan_id=plan.pk, version=read_version, data=kpi_data())
    before = snapshot()

    with pytest.raises(ConflictError):
        kpi_add(actor=pw.a_head_user, plan_id=plan.pk, version=read_version, data=kpi_data())

    assert snapshot() == before
    assert plan.kpis.count() == 2
