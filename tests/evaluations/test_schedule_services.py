"""The schedule services: draft, planned dates, approval, opening and closing a quarter."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import resolve

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Period,
    PeriodKind,
    PeriodStatus,
    Schedule,
    ScheduleStatus,
)
from bagalau.evaluations.selectors.progress import cycle_progress, overdue
from bagalau.evaluations.selectors.schedule import schedule_return_comment
from bagalau.evaluations.services.schedule import (
    period_close,
    period_open,
    period_set_planned_date,
    schedule_approve,
    schedule_draft,
    schedule_return,
    schedule_submit,
)
from bagalau.notifications.models import Notification
from bagalau.org.models import EndReason, Role
from tests.evaluations.test_schedule_support import approved, d, drafted, line, quarter
from tests.factories import (
    AbsenceFactory,
    AssignmentFactory,
    EditionAssignmentFactory,
    KpiFactory,
    OrganisationFactory,
    PositionFactory,
    RoleAssignmentFactory,
    ServantFactory,
    WorkPlanFactory,
)


def audit(obj, action):
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action
    )


def sent(kind, user=None):
    queryset = Notification.objects.filter(kind=kind)
    return queryset.filter(recipient=user) if user is not None else queryset


# --- drafting --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["hr_staff_user", "hr_head_user"])
def test_hr_drafts_the_schedule(world, who):
    schedule = schedule_draft(actor=getattr(world, who), organisation=world.org, year=2026)
    assert (schedule.status, schedule.edition, schedule.year) == ("draft", "sjc-2023", 2026)
    assert schedule.periods.count() == 6
    assert {(p.kind, p.number) for p in schedule.periods.all()} == {
        ("quarter", 1),
        ("quarter", 2),
        ("quarter", 3),
        ("quarter", 4),
        ("annual", None),
        ("survey360", None),
    }
    assert all(p.planned_date == p.deadline for p in schedule.periods.all())
    entry = audit(schedule, "create").get()
    assert entry.actor == getattr(world, who)
    assert entry.changes["status"] == [None, "draft"]


@pytest.mark.parametrize("who", ["a_staff1_user", "a_head_user", "head_user", "admin_user"])
def test_only_hr_drafts(world, who):
    with pytest.raises(PermissionDenied):
        schedule_draft(actor=getattr(world, who), organisation=world.org, year=2026)
    assert not Schedule.objects.exists()


def test_an_outsider_is_told_nothing_exists(world):
    with pytest.raises(Http404):
        schedule_draft(actor=world.outsider_user, organisation=world.org, year=2026)
    assert not Schedule.objects.exists()


def test_one_schedule_a_year(world):
    drafted(world)
    with pytest.raises(DomainError) as caught:
        schedule_draft(actor=world.hr_head_user, organisation=world.org, year=2026)
    assert caught.value.field == "year"
    assert caught.value.message == "There is already an evaluation schedule for 2026."
    assert Schedule.objects.count() == 1
    assert Period.objects.count() == 6


def test_only_the_sjc_2023_model_is_scheduled_here(world):
    other = OrganisationFactory(editions=None)
    EditionAssignmentFactory(
        organisation=other, edition="almaty-2018", valid_from=dt.date(2018, 1, 1)
    )
    RoleAssignmentFactory(user=world.hr_staff_user, organisation=other, role=Role.HR)
    with pytest.raises(DomainError) as caught:
        schedule_draft(actor=world.hr_staff_user, organisation=other, year=2026)
    assert caught.value.field == "year"
    assert "almaty-2018" in caught.value.message
    assert not Schedule.objects.exists()


def test_a_year_without_an_edition_in_force_is_refused(world):
    # The organisation evaluates under sjc-2023 from 14 March 2023: nothing governed 1 Jan 2023.
    with pytest.raises(DomainError) as caught:
        schedule_draft(actor=world.hr_staff_user, organisation=world.org, year=2023)
    assert caught.value.field == "year"
    with pytest.raises(DomainError):
        schedule_draft(actor=world.hr_staff_user, organisation=world.org, year=1990)
    assert not Schedule.objects.exists()


# --- planned dates ---------------------------------------------------------------------------


def test_hr_plans_a_date_between_the_periods_end_and_the_deadline(world):
    period = quarter(drafted(world), 1)
    result = period_set_planned_date(
        actor=world.hr_staff_user,
        period_id=period.pk,
        planned_date=dt.date(2026, 4, 8),
        expected=dt.date(2026, 4, 10),
    )
    period.refresh_from_db()
    assert result.planned_date == period.planned_date == dt.date(2026, 4, 8)
    assert audit(period, "update").get().changes == {"planned_date": ["2026-04-10", "2026-04-08"]}
    # The first day after the quarter is the earliest date.
    period_set_planned_date(
        actor=world.hr_staff_user, period_id=period.pk, planned_date=dt.date(2026, 4, 1)
    )


@pytest.mark.parametrize(
    ("planned", "message"),
    [
        ("11.04.2026", "The planned date cannot be after the legal deadline, 10.04.2026."),
        ("31.03.2026", "The planned date must come after the evaluated period ends (31.03.2026)"),
        ("15.02.2026", "The planned date must come after the evaluated period ends (31.03.2026)"),
    ],
    ids=["after-deadline", "last-day-of-quarter", "inside-quarter"],
)
def test_planned_date_out_of_bounds(world, planned, message):
    period = quarter(drafted(world), 1)
    with pytest.raises(DomainError) as caught:
        period_set_planned_date(
            actor=world.hr_staff_user, period_id=period.pk, planned_date=d(planned)
        )
    assert caught.value.field == "planned_date"
    assert caught.value.message.startswith(message)
    period.refresh_from_db()
    assert period.planned_date == d("10.04.2026")
    assert not audit(period, "update").exists()


def test_a_stale_planned_date_is_a_conflict(world):
    period = quarter(drafted(world), 1)
    period_set_planned_date(
        actor=world.hr_head_user, period_id=period.pk, planned_date=dt.date(2026, 4, 9)
    )
    with pytest.raises(ConflictError):
        period_set_planned_date(
            actor=world.hr_staff_user,
            period_id=period.pk,
            planned_date=dt.date(2026, 4, 7),
            expected=dt.date(2026, 4, 10),
        )
    period.refresh_from_db()
    assert period.planned_date == dt.date(2026, 4, 9)


def test_planned_dates_change_only_in_a_draft_and_only_by_hr(world):
    schedule = drafted(world)
    period = quarter(schedule, 2)
    with pytest.raises(PermissionDenied):
        period_set_planned_date(
            actor=world.head_user, period_id=period.pk, planned_date=dt.date(2026, 7, 3)
        )
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    with pytest.raises(DomainError) as caught:
        period_set_planned_date(
            actor=world.hr_staff_user, period_id=period.pk, planned_date=dt.date(2026, 7, 3)
        )
    assert caught.value.field == "status"
    period.refresh_from_db()
    assert period.planned_date == d("10.07.2026")
    with pytest.raises(Http404):
        period_set_planned_date(
            actor=world.outsider_user, period_id=period.pk, planned_date=dt.date(2026, 7, 3)
        )


# --- approval --------------------------------------------------------------------------------


def test_submit_notifies_the_head_and_approval_notifies_hr(world):
    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.SUBMITTED
    assert list(sent("schedule_to_approve").values_list("recipient", flat=True)) == [
        world.head_user.pk
    ]
    assert sent("schedule_to_approve").get().params == {"year": "2026"}
    schedule_approve(actor=world.head_user, schedule_id=schedule.pk)
    schedule.refresh_from_db()
    assert (schedule.status, schedule.approved_by) == ("approved", world.head_user)
    assert schedule.approved_at is not None
    assert set(sent("schedule_approved").values_list("recipient", flat=True)) == {
        world.hr_staff_user.pk,
        world.hr_head_user.pk,
    }
    assert audit(schedule, "submit").count() == 1
    assert audit(schedule, "approve").get().changes == {"status": ["submitted", "approved"]}


@pytest.mark.parametrize("who", ["hr_staff_user", "hr_head_user", "a_head_user", "admin_user"])
def test_only_the_apparatus_head_approves_or_returns(world, who):
    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    with pytest.raises(PermissionDenied):
        schedule_approve(actor=getattr(world, who), schedule_id=schedule.pk)
    with pytest.raises(PermissionDenied):
        schedule_return(actor=getattr(world, who), schedule_id=schedule.pk, comment="No")
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.SUBMITTED
    assert not sent("schedule_approved").exists()


def test_only_hr_submits_and_only_a_draft(world):
    schedule = drafted(world)
    with pytest.raises(PermissionDenied):
        schedule_submit(actor=world.head_user, schedule_id=schedule.pk)
    with pytest.raises(DomainError):
        schedule_approve(actor=world.head_user, schedule_id=schedule.pk)  # not submitted
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    with pytest.raises(DomainError) as caught:
        schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    assert caught.value.field == "status"
    assert sent("schedule_to_approve").count() == 1


def test_return_needs_a_comment_and_goes_back_to_draft(world):
    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    with pytest.raises(DomainError) as caught:
        schedule_return(actor=world.head_user, schedule_id=schedule.pk, comment="   ")
    assert caught.value.field == "comment"
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.SUBMITTED
    schedule_return(actor=world.head_user, schedule_id=schedule.pk, comment="Q2 too late")
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.DRAFT
    assert schedule_return_comment(schedule) == "Q2 too late"
    assert set(sent("schedule_returned").values_list("recipient", flat=True)) == {
        world.hr_staff_user.pk,
        world.hr_head_user.pk,
    }
    # HR fixes the date and submits again: the head is told again.
    period_set_planned_date(
        actor=world.hr_staff_user, period_id=quarter(schedule, 2).pk, planned_date=d("06.07.2026")
    )
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    assert sent("schedule_to_approve", world.head_user).count() == 2
    schedule.refresh_from_db()
    assert schedule_return_comment(schedule) == ""  # no longer a returned draft


# --- opening ---------------------------------------------------------------------------------


@pytest.fixture
def schedule(world):
    return approved(world)


def test_open_before_the_quarters_last_month_is_refused(world, schedule, clock):
    clock(dt.date(2026, 2, 28))
    period = quarter(schedule, 1)
    with pytest.raises(DomainError) as caught:
        period_open(actor=world.hr_staff_user, period_id=period.pk)
    assert caught.value.field == "date"
    assert caught.value.message == (
        "The quarter ends on 31.03.2026; it can be prepared from 01.03.2026 and is evaluated "
        "once it has ended."
    )
    period.refresh_from_db()
    assert period.status == PeriodStatus.SCHEDULED
    assert not Evaluation.objects.exists()
    assert not Notification.objects.exclude(kind__startswith="schedule").exists()


def test_open_an_unapproved_schedule_is_refused(world, clock):
    clock(dt.date(2026, 4, 1))
    schedule = drafted(world)
    schedule_submit(actor=world.hr_staff_user, schedule_id=schedule.pk)
    with pytest.raises(DomainError) as caught:
        period_open(actor=world.hr_staff_user, period_id=quarter(schedule, 1).pk)
    assert caught.value.field == "schedule"
    assert not Evaluation.objects.exists()


def test_only_quarters_are_opened(world, schedule, clock):
    clock(dt.date(2027, 1, 2))
    for kind in (PeriodKind.ANNUAL, PeriodKind.SURVEY360):
        with pytest.raises(DomainError) as caught:
            period_open(actor=world.hr_staff_user, period_id=line(schedule, kind).pk)
        assert caught.value.field == "kind"
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("who", ["head_user", "a_head_user", "a_staff1_user", "admin_user"])
def test_only_hr_opens(world, schedule, clock, who):
    clock(dt.date(2026, 4, 1))
    period = quarter(schedule, 1)
    with pytest.raises(PermissionDenied):
        period_open(actor=getattr(world, who), period_id=period.pk)
    with pytest.raises(Http404):
        period_open(actor=world.outsider_user, period_id=period.pk)
    period.refresh_from_db()
    assert period.status == PeriodStatus.SCHEDULED
    assert not Evaluation.objects.exists()


def test_opening_creates_one_evaluation_per_servant(world, schedule, clock):
    clock(dt.date(2026, 4, 1))
    # A manager on leave 1-14 April, a servant dismissed on 3 April (after the quarter, before
    # its deadline: in absentia, p.6), a newcomer of 2 January.
    AbsenceFactory(servant=world.a_head, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 14))
    world.b_staff1_assignment.end = dt.date(2026, 4, 3)
    world.b_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.b_staff1_assignment.save()
    newcomer = ServantFactory(organisation=world.org, last_name="Жаңа")
    AssignmentFactory(
        servant=newcomer, position=PositionFactory(unit=world.unit_a), start=dt.date(2026, 1, 2)
    )
    period = quarter(schedule, 1)
    opened = period_open(actor=world.hr_staff_user, period_id=period.pk)

    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN
    assert period.opened_at is not None
    assert len(opened.created) == 9
    got = {
        e.servant: (e.method, e.status, e.reason, e.due_date, e.evaluator)
        for e in Evaluation.objects.filter(period=period)
    }
    april10 = d("10.04.2026")
    assert got == {
        world.deputy: ("kpi", "pending", "evaluated", april10, world.head),
        world.a_head: ("kpi", "deferred", "absent", d("21.04.2026"), world.deputy),
        world.a_staff1: ("differentiation", "pending", "evaluated", april10, world.a_head),
        world.a_staff2: ("differentiation", "pending", "evaluated", april10, world.a_head),
        newcomer: ("differentiation", "not_evaluated", "too_short", april10, None),
        world.b_head: ("kpi", "pending", "evaluated", april10, world.head),
        world.b_staff1: ("differentiation", "pending", "in_absentia", april10, world.b_head),
        world.hr_head: ("kpi", "pending", "evaluated", april10, world.head),
        world.hr_staff: ("differentiation", "pending", "evaluated", april10, world.hr_head),
    }
    assert {e.edition for e in opened.created} == {"sjc-2023"}
    assert audit(period, "open").get().changes["evaluations"] == [0, 9]
    assert (
        AuditEntry.objects.filter(object_type="evaluations.evaluation", action="create").count()
        == 9
    )


def test_opening_notifies_evaluators_servants_and_hr(world, schedule, clock):
    clock(dt.date(2026, 4, 1))
    AbsenceFactory(servant=world.a_head, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 14))
    world.b_staff1_assignment.end = dt.date(2026, 4, 3)
    world.b_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.b_staff1_assignment.save()
    period_open(actor=world.hr_staff_user, period_id=quarter(schedule, 1).pk)

    sheets = sent("sheet_to_fill")
    # The head evaluates the deputy, b_head and hr_head; a_head both staff of the legal unit.
    assert sheets.filter(recipient=world.head_user).count() == 3
    assert sheets.filter(recipient=world.a_head_user).count() == 2
    assert sheets.filter(recipient=world.deputy_user).get().params["due"] == "21.04.2026"
    assert sheets.filter(recipient=world.b_head_user).get().params["servant"] == (
        world.b_staff1.full_name
    )
    assert sheets.count() == 8
    for notification in Notification.objects.all():
        resolve(notification.url.split("?")[0])  # every link leads to a page

    notices = sent("evaluation_notice")
    # The dismissed servant is evaluated in absentia and not told (p.6).
    assert not notices.filter(recipient=world.b_staff1_user).exists()
    assert notices.count() == 7
    assert notices.get(recipient=world.a_staff1_user).params["due"] == "10.04.2026"
    assert notices.get(recipient=world.a_head_user).params["due"] == "21.04.2026"

    actuals = sent("actuals_to_fill")
    # HR staff pre-fill the actual values 5 working days before each KPI evaluation (p.22):
    # 3 April for the 10 April deadline; 14 April for a_head's deferred 21 April.
    assert set(actuals.values_list("recipient", flat=True)) == {world.hr_staff_user.pk}
    dues = {n.params["servant"]: n.params["due"] for n in actuals}
    assert dues == {
        world.deputy.full_name: "03.04.2026",
        world.a_head.full_name: "14.04.2026",
        world.b_head.full_name: "03.04.2026",
        world.hr_head.full_name: "03.04.2026",
    }


def test_kpi_rows_come_from_the_approved_plan(world, schedule, clock):
    clock(dt.date(2026, 4, 1))
    plan = WorkPlanFactory(
        servant=world.b_head,
        assignment=world.b_head_assignment,
        evaluator=world.head,
        approver=world.head,
    )
    KpiFactory(plan=plan, number=1)
    KpiFactory(plan=plan, number=2, plan_q1=None)
    period_open(actor=world.hr_staff_user, period_id=quarter(schedule, 1).pk)
    evaluation = Evaluation.objects.get(servant=world.b_head)
    assert [r.kpi.number for r in KpiResult.objects.filter(evaluation=evaluation)] == [1]
    assert not KpiResult.objects.exclude(evaluation=evaluation).exists()


def test_reopening_adds_newcomers_only_and_notifies_nobody_twice(world, schedule, clock):
    clock(dt.date(2026, 4, 1))
    period = quarter(schedule, 1)
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    before = {
        e.pk: (e.status, e.evaluator_id, e.due_date, e.version) for e in Evaluation.objects.all()
    }
    notifications = Notification.objects.count()

    again = period_open(actor=world.hr_staff_user, period_id=period.pk)
    assert again.created == []
    assert Notification.objects.count() == notifications

    # HR finds a servant who was left out, and the structure changes for an existing one.
    late = ServantFactory(organisation=world.org, last_name="Кейінгі")
    AssignmentFactory(
        servant=late, position=PositionFactory(unit=world.unit_b), start=dt.date(2025, 6, 1)
    )
    world.a_head_assignment.direct_manager = world.head
    world.a_head_assignment.save()
    clock(dt.date(2026, 4, 3))
    third = period_open(actor=world.hr_staff_user, period_id=period.pk)
    assert [e.servant for e in third.created] == [late]
    after = {
        e.pk: (e.status, e.evaluator_id, e.due_date, e.version)
        for e in Evaluation.objects.exclude(servant=late)
    }
    assert after == before  # existing rows are never changed
    assert Evaluation.objects.filter(period=period).count() == 9
    # Only the newcomer's notices went out: the evaluator's sheet and the servant's notice.
    new = Notification.objects.order_by("pk")[notifications:]
    assert sorted(n.kind for n in new) == ["evaluation_notice", "sheet_to_fill"]
    period.refresh_from_db()
    assert period.opened_at.date() == dt.date(2026, 4, 1)  # the first opening is kept


def test_a_closed_period_cannot_be_reopened(world, schedule, clock):
    clock(dt.date(2026, 4, 1))
    period = quarter(schedule, 1)
    Period.objects.filter(pk=period.pk).update(status=PeriodStatus.CLOSED)
    with pytest.raises(DomainError) as caught:
        period_open(actor=world.hr_staff_user, period_id=period.pk)
    assert caught.value.field == "status"
    assert not Evaluation.objects.exists()


# --- progress, overdue and closing -----------------------------------------------------------


@pytest.fixture
def opened(world, schedule, clock):
    clock(dt.date(2026, 4, 1))
    AbsenceFactory(servant=world.a_head, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 14))
    period = quarter(schedule, 1)
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    return period


def set_status(servant, status, score=None):
    Evaluation.objects.filter(servant=servant).update(status=status, score=score)


def test_cycle_progress_per_unit(world, opened, clock):
    set_status(world.a_staff1, EvaluationStatus.SIGNED, D("4.00"))
    set_status(world.a_staff2, EvaluationStatus.FINAL, D("3.00"))
    set_status(world.b_staff1, EvaluationStatus.ACKNOWLEDGED, D("2.00"))
    clock(dt.date(2026, 4, 11))
    progress = cycle_progress(opened)
    by_unit = {
        (item.unit.name_en if item.unit else None): (
            item.due,
            item.signed,
            item.acknowledged,
            item.final,
            item.deferred,
            item.overdue,
        )
        for item in progress.units
    }
    assert by_unit == {
        "Apparatus": (1, 0, 0, 0, 0, 1),  # the deputy, overdue since 10 April
        "Legal department": (3, 2, 1, 1, 1, 0),  # a_head deferred to 21 April
        "Analytics department": (2, 1, 1, 0, 0, 1),
        "HR sector": (2, 0, 0, 0, 0, 2),
    }
    total = progress.total
    assert (total.due, total.signed, total.acknowledged, total.final, total.overdue) == (
        8,
        3,
        2,
        1,
        4,
    )
    legal = progress.units[1]
    assert (legal.signed_percent, legal.acknowledged_percent, legal.final_percent) == (67, 33, 33)


def test_overdue_lists_unsigned_evaluations_past_due(world, opened):
    assert list(overdue(opened, today=dt.date(2026, 4, 10))) == []  # due today is not late
    late = overdue(opened, today=dt.date(2026, 4, 11))
    assert {e.servant for e in late} == {
        world.deputy,
        world.a_staff1,
        world.a_staff2,
        world.b_head,
        world.b_staff1,
        world.hr_head,
        world.hr_staff,
    }
    set_status(world.a_staff1, EvaluationStatus.SIGNED, D("4.00"))
    assert world.a_staff1 not in {e.servant for e in overdue(opened, today=dt.date(2026, 4, 22))}
    # The deferred manager becomes overdue after 21 April.
    assert world.a_head in {e.servant for e in overdue(opened, today=dt.date(2026, 4, 22))}


def test_close_only_when_every_evaluation_is_final(world, opened):
    with pytest.raises(DomainError) as caught:
        period_close(actor=world.hr_staff_user, period_id=opened.pk)
    assert caught.value.field == "status"
    assert caught.value.message == "8 evaluations of the period are not final yet."
    opened.refresh_from_db()
    assert opened.status == PeriodStatus.OPEN
    Evaluation.objects.filter(period=opened).update(status=EvaluationStatus.FINAL)
    with pytest.raises(PermissionDenied):
        period_close(actor=world.head_user, period_id=opened.pk)
    period_close(actor=world.hr_head_user, period_id=opened.pk)
    opened.refresh_from_db()
    assert opened.status == PeriodStatus.CLOSED
    assert opened.closed_at is not None
    assert audit(opened, "close").get().changes == {"status": ["open", "closed"]}
    with pytest.raises(DomainError):
        period_close(actor=world.hr_head_user, period_id=opened.pk)


def test_a_scheduled_period_cannot_be_closed(world, schedule):
    with pytest.raises(DomainError):
        period_close(actor=world.hr_staff_user, period_id=quarter(schedule, 2).pk)
