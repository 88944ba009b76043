"""A quarter around its end (p.22 ¶6, p.26, p.30, p.5-6): Q4 prepared before 31 December with its
actual values entered on time, the notices sent by the periodic job without HR acting, the roster
applied again once the quarter has ended, reminders before each date.

2026-2027 calendar: Thu 31 Dec 2026 is worked; 1 Jan (Fri) and 2 Jan (Sat, observed Mon 4 Jan)
are New Year, 7 Jan Christmas. Q4 2026: deadline Sun 10 Jan 2027; actual values due 30 Dec 2026
(the 5th working day before it); managers told by 5 Jan, staff by 10 Jan.
"""

from __future__ import annotations

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.core.jobs import JOBS
from bagalau.evaluations.models import Evaluation, EvaluationStatus, PeriodStatus
from bagalau.evaluations.selectors.quarter_roster import period_roster
from bagalau.evaluations.selectors.schedule import period_dates
from bagalau.evaluations.selectors.sheets import actuals_to_fill, sheets_to_fill
from bagalau.evaluations.services.quarters import quarter_notices_send
from bagalau.evaluations.services.schedule import period_open
from bagalau.evaluations.services.sheets import (
    differentiation_save,
    evaluation_sign,
    kpi_actuals_save,
)
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023_periods import notices_from, quarter_prepare_from
from bagalau.notifications.models import Notification
from bagalau.notifications.reminders import reminders_send
from bagalau.org.models import EndReason
from bagalau.org.selectors import work_calendar
from bagalau.plans.models import PlanStatus
from tests.evaluations.test_schedule_support import approved, d, quarter
from tests.factories import KpiFactory, WorkPlanFactory

RULES = sjc2023_rules(get_edition("sjc-2023"))
SCORES = {"quality": 5, "timeliness": 4, "initiative": 4, "discipline": 3}
EVALUATED = 8  # everyone in a "B" post of the world (not the head of the apparatus)


@pytest.fixture
def schedule(world):
    """The approved 2026 schedule, Q1-Q3 already closed; the head of the legal department has a
    posted work plan with two KPIs planned in Q4."""
    schedule = approved(world)
    for number in (1, 2, 3):
        period = quarter(schedule, number)
        period.status = PeriodStatus.CLOSED
        period.save()
    plan = WorkPlanFactory(
        servant=world.a_head,
        assignment=world.a_head_assignment,
        evaluator=world.deputy,
        approver=world.head,
        status=PlanStatus.POSTED,
    )
    KpiFactory(plan=plan, number=1, plan_q4=40)
    KpiFactory(plan=plan, number=2, plan_q4=12)
    return schedule


def sent(kind, **filters):
    return Notification.objects.filter(kind=kind, **filters)


# --- the dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "number", "prepare", "notices"),
    [
        (2026, 1, "01.03.2026", "01.04.2026"),  # Wed 1 April is worked
        (2026, 4, "01.12.2026", "05.01.2027"),  # 1-4 January 2027 are off: on the 5th
        (2025, 4, "01.12.2025", "05.01.2026"),  # 1-2 January holidays, 3-4 the weekend
    ],
    ids=["Q1-2026", "Q4-2026", "Q4-2025"],
)
def test_when_a_quarter_may_be_prepared_and_when_its_notices_go(db, year, number, prepare, notices):
    assert quarter_prepare_from(year, number) == d(prepare)
    assert notices_from(RULES, work_calendar(), year, number) == d(notices)


def test_the_schedule_line_shows_when_q4_can_be_prepared(world, schedule):
    dates = period_dates(quarter(schedule, 4))
    assert (dates.prepare_from, dates.actuals_due) == (d("01.12.2026"), d("30.12.2026"))
    assert dates.actuals_due < quarter(schedule, 4).ends  # p.22 ¶6 falls inside Q4


# --- Q4 prepared before 31 December ---------------------------------------------------------------


def test_q4_is_prepared_in_december_and_its_actual_values_entered_on_time(world, schedule, clock):
    q4 = quarter(schedule, 4)
    clock(d("30.11.2026"))
    with pytest.raises(DomainError) as caught:
        period_open(actor=world.hr_staff_user, period_id=q4.pk)
    assert caught.value.field == "date"
    assert "01.12.2026" in caught.value.message
    assert not Evaluation.objects.filter(period=q4).exists()

    clock(d("01.12.2026"))
    opened = period_open(actor=world.hr_staff_user, period_id=q4.pk)
    assert len(opened.created) == EVALUATED
    q4.refresh_from_db()
    assert q4.status == PeriodStatus.OPEN
    entry = AuditEntry.objects.get(action="open", object_id=str(q4.pk))
    assert entry.changes["prepared_before_the_end"] == [None, True]
    # HR is asked for the actual values of the four managers by 30 December; nobody else is
    # told yet.
    asked = sent("actuals_to_fill")
    assert asked.count() == 4
    assert {(n.recipient, n.params["due"]) for n in asked} == {(world.hr_staff_user, "30.12.2026")}
    assert not sent("evaluation_notice").exists()
    assert not sent("sheet_to_fill").exists()
    assert list(sheets_to_fill(world.deputy_user)) == []

    clock(d("30.12.2026"))
    kpi = Evaluation.objects.get(period=q4, servant=world.a_head)
    rows = list(kpi.kpi_results.order_by("kpi__number"))
    assert len(rows) == 2
    task = next(t for t in actuals_to_fill(world.hr_staff_user) if t.evaluation == kpi)
    assert (task.due, task.overdue) == (d("30.12.2026"), False)
    kpi_actuals_save(
        actor=world.hr_staff_user,
        evaluation_id=kpi.pk,
        version=kpi.version,
        values={rows[0].pk: D("41"), rows[1].pk: D("12")},
    )
    assert kpi not in [t.evaluation for t in actuals_to_fill(world.hr_staff_user)]  # on time

    # The evaluator cannot sign before the quarter ends.
    staff = Evaluation.objects.get(period=q4, servant=world.a_staff1)
    saved = differentiation_save(
        actor=world.a_head_user,
        evaluation_id=staff.pk,
        version=staff.version,
        scores=SCORES,
        justifications={},
        justification="Жақсы",
    )
    with pytest.raises(DomainError) as caught:
        evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=saved.version)
    assert caught.value.field == "status"
    assert "31.12.2026" in caught.value.message
    assert Evaluation.objects.get(pk=staff.pk).status == EvaluationStatus.PENDING

    # The first working day of 2027 is Tuesday 5 January: the job tells everyone by itself.
    nothing = "0 notices sent, 0 evaluations updated"
    assert str(quarter_notices_send(today=d("04.01.2027"))) == nothing
    clock(d("05.01.2027"))
    report = quarter_notices_send()
    assert (report.notices, report.updated) == (2 * EVALUATED, 0)  # a notice and a sheet each
    assert sent("evaluation_notice").count() == EVALUATED
    assert sent("sheet_to_fill", recipient=world.deputy_user).get().params["due"] == "10.01.2027"
    rows_ = {row.servant: row for row in period_roster(q4)}
    assert rows_[world.a_head].notified_on == d("05.01.2027")
    assert not rows_[world.a_head].notice_late  # managers by the 5th (p.26)
    assert str(quarter_notices_send()) == nothing  # once
    assert [e.pk for e in sheets_to_fill(world.a_head_user)] == sorted(
        Evaluation.objects.filter(period=q4, evaluator=world.a_head).values_list("pk", flat=True)
    )
    signed = evaluation_sign(actor=world.a_head_user, evaluation_id=staff.pk, version=saved.version)
    assert signed.status == EvaluationStatus.SIGNED


def test_the_roster_is_applied_again_once_the_prepared_quarter_has_ended(world, schedule, clock):
    q4 = quarter(schedule, 4)
    clock(d("01.12.2026"))
    period_open(actor=world.hr_staff_user, period_id=q4.pk)
    # After the preparation HR records a dismissal on 20 December (inside Q4: not evaluated for
    # it, p.5) and one on 4 January (after Q4, before its deadline: in absentia, p.6).
    world.a_staff2_assignment.end, world.a_staff2_assignment.end_reason = (
        d("20.12.2026"),
        EndReason.DISMISSAL,
    )
    world.a_staff2_assignment.save()
    world.b_staff1_assignment.end, world.b_staff1_assignment.end_reason = (
        d("04.01.2027"),
        EndReason.DISMISSAL,
    )
    world.b_staff1_assignment.save()
    report = quarter_notices_send(today=d("05.01.2027"))
    assert report.updated == 2
    dismissed = Evaluation.objects.get(period=q4, servant=world.a_staff2)
    assert (dismissed.status, dismissed.reason) == ("not_evaluated", "too_short")
    left = Evaluation.objects.get(period=q4, servant=world.b_staff1)
    assert (left.status, left.reason) == ("pending", "in_absentia")
    change = AuditEntry.objects.get(action="update", object_id=str(dismissed.pk))
    assert change.actor is None
    assert change.changes["reason"] == ["evaluated", "too_short"]
    # Neither is told they will be evaluated; the one in absentia's evaluator is.
    assert not sent("evaluation_notice", recipient__in=[world.a_staff2_user]).exists()
    assert not sent("evaluation_notice", recipient=world.b_staff1_user).exists()
    assert sent("sheet_to_fill", recipient=world.b_head_user).count() == 1
    assert not sent("sheet_to_fill", params__servant=world.a_staff2.full_name).exists()


# --- the notices of p.26 and p.30 without HR acting ---------------------------------------------


def test_the_periodic_job_sends_the_notices_when_hr_has_not_opened_the_quarter(world, clock):
    schedule = approved(world)
    q1 = quarter(schedule, 1)
    assert "evaluations.quarter_notices" in JOBS
    clock(d("31.03.2026"))
    assert quarter_notices_send().notices == 0  # the quarter has not ended
    clock(d("01.04.2026"))
    out = StringIO()
    call_command("tick", stdout=out)
    assert f"evaluations.quarter_notices: {EVALUATED} notices sent" in out.getvalue()
    q1.refresh_from_db()
    assert q1.status == PeriodStatus.SCHEDULED  # HR has not acted
    notices = sent("evaluation_notice")
    assert notices.count() == EVALUATED
    assert {n.params["due"] for n in notices} == {"10.04.2026"}
    assert not sent("evaluation_notice", recipient=world.head_user).exists()  # corps A
    call_command("tick", stdout=StringIO())
    assert sent("evaluation_notice").count() == EVALUATED  # once
    # HR opens the next day: the evaluators are told, the servants not a second time.
    clock(d("02.04.2026"))
    period_open(actor=world.hr_staff_user, period_id=q1.pk)
    assert sent("evaluation_notice").count() == EVALUATED
    assert sent("sheet_to_fill").count() == EVALUATED
    rows = {row.servant: row for row in period_roster(q1)}
    assert rows[world.a_staff1].notified_on == d("01.04.2026")
    # After the deadline nothing more is sent for the quarter.
    assert quarter_notices_send(today=d("11.04.2026")).notices == 0


def test_no_notice_for_a_quarter_of_a_schedule_not_approved(world, clock):
    from tests.evaluations.test_schedule_support import drafted

    drafted(world)
    assert quarter_notices_send(today=d("01.04.2026")).notices == 0
    assert not Notification.objects.exists()


# --- reminders before each date -------------------------------------------------------------------


def test_hr_is_reminded_to_prepare_q4_then_to_enter_its_actual_values(world, schedule, clock):
    q4 = quarter(schedule, 4)
    reminders_send(today=d("30.11.2026"))
    assert not sent("remind_quarter_prepare").exists()
    reminders_send(today=d("01.12.2026"))
    reminder = sent("remind_quarter_prepare").get()
    assert (reminder.recipient, reminder.params["due"]) == (world.hr_staff_user, "30.12.2026")
    reminders_send(today=d("02.12.2026"))
    assert sent("remind_quarter_prepare").count() == 1
    clock(d("15.12.2026"))
    period_open(actor=world.hr_staff_user, period_id=q4.pk)
    # Prepared: no notice that it is overdue; the actual values are reminded 2 working days
    # before 30 December (28 December), and due 30 December.
    reminders_send(today=d("31.12.2026"))
    assert not sent("overdue_quarter_prepare").exists()
    assert sent("remind_actuals", recipient=world.hr_staff_user).count() == 0  # missed: late
    assert sent("overdue_actuals", recipient=world.hr_staff_user).count() == 1


def test_a_quarter_not_prepared_in_time_is_noticed(world, schedule):
    reminders_send(today=d("30.12.2026"))
    assert not sent("overdue_quarter_prepare").exists()
    reminders_send(today=d("31.12.2026"))
    notice = sent("overdue_quarter_prepare").get()
    assert notice.recipient == world.hr_staff_user


def test_the_actual_values_of_a_prepared_q4_are_reminded_two_working_days_before(
    world, schedule, clock
):
    clock(d("01.12.2026"))
    period_open(actor=world.hr_staff_user, period_id=quarter(schedule, 4).pk)
    reminders_send(today=d("25.12.2026"))
    assert not sent("remind_actuals").exists()
    reminders_send(today=d("28.12.2026"))
    assert sent("remind_actuals", recipient=world.hr_staff_user).get().params["due"] == (
        "30.12.2026"
    )


# --- the roster page ------------------------------------------------------------------------------


def test_the_roster_page_offers_to_prepare_the_quarter(
    client, world, schedule, clock, django_capture_on_commit_callbacks
):
    q4 = quarter(schedule, 4)
    url = reverse("evaluations:schedule_roster", args=[q4.pk])
    client.force_login(world.hr_staff_user)
    clock(d("20.11.2026"))
    page = client.get(url).content.decode()
    assert "A quarter can be prepared from 01.12.2026" in page
    clock(d("01.12.2026"))
    page = client.get(url).content.decode()
    assert "Prepare the quarter" in page
    assert 'data-testid="prepare-note"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluations:schedule_open", args=[q4.pk]))
    response = client.get(response["Location"])
    assert "The quarter is prepared: 8 evaluations created" in response.content.decode()
    # Only HR prepares it.
    client.force_login(world.a_head_user)
    with pytest.raises(PermissionDenied):
        period_open(actor=world.a_head_user, period_id=q4.pk)
