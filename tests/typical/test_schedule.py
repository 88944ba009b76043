"""The typical-2018 schedule and the opening of its annual period (seed 004 p.4, p.29;
EDITIONS.md §2.1, §2.2 D1-D2, §9 G-2-G-4, T-1, T-5, T-6, T-20)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    PeriodKind,
    PeriodStatus,
    Schedule,
    ScheduleStatus,
)
from bagalau.evaluations.services.schedule import schedule_draft
from bagalau.notifications.models import Notification
from bagalau.org.models import AbsenceKind, Assignment
from bagalau.typical.models import ChairConsent
from bagalau.typical.services.schedule import (
    typical_period_open,
    typical_schedule_draft,
    typical_schedule_record_consent,
    typical_schedule_set_date,
)
from tests.factories import AbsenceFactory, OrganisationFactory, RoleAssignmentFactory
from tests.typical.conftest import EVALUATION_DAY, TODAY, YEAR, evaluation_of, schedule_in_force

pytestmark = pytest.mark.django_db


def _period(schedule):
    return schedule.periods.get(kind=PeriodKind.ANNUAL)


def test_hr_drafts_a_typical_schedule_from_the_evaluations_page_service(tw):
    """The sjc-2023 drafting service no longer refuses: it hands a typical-2018 year over."""
    schedule = schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    assert (schedule.edition, schedule.model, schedule.status) == (
        "sjc-2018",
        "typical2018",
        ScheduleStatus.DRAFT,
    )
    (period,) = schedule.periods.all()
    assert (period.kind, period.starts, period.ends) == (
        PeriodKind.ANNUAL,
        dt.date(2019, 1, 1),
        dt.date(2019, 12, 31),
    )
    # T-1: expected from 1 December to 31 January; HR's date by default the window's start.
    assert (period.planned_date, period.deadline) == (dt.date(2019, 12, 1), dt.date(2020, 1, 31))


def test_a_second_schedule_for_the_year_is_refused(tw):
    typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    with pytest.raises(DomainError) as error:
        typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    assert error.value.field == "year"
    assert Schedule.objects.count() == 1


def test_the_first_year_of_the_edition_is_scheduled_although_it_came_in_force_in_april(tw):
    """sjc-2018 came into force on 3 April 2018: the 2018 year is evaluated at its end (p.18)."""
    schedule = schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=2018)
    assert (schedule.edition, schedule.year) == ("sjc-2018", 2018)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2017, "No methodology edition was in force in the organisation on 31 December 2017."),
        (2023, "sjc-2018 was no longer in force on 31 December 2023."),
    ],
    ids=["before-the-edition", "after-its-repeal"],
)
def test_a_year_outside_the_editions_force_is_refused(tw, year, message):
    with pytest.raises(DomainError) as error:
        typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=year)
    assert (error.value.field, error.value.message) == ("year", message)
    with pytest.raises(DomainError) as error:
        schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=year)
    assert error.value.field == "year"
    assert not Schedule.objects.exists()


def test_only_hr_drafts_and_outsiders_see_nothing(tw):
    with pytest.raises(PermissionDenied):
        typical_schedule_draft(actor=tw.b_head_user, organisation=tw.org, year=YEAR)
    other = OrganisationFactory()
    outsider_hr = RoleAssignmentFactory(organisation=other).user
    with pytest.raises(Http404):
        typical_schedule_draft(actor=outsider_hr, organisation=tw.org, year=YEAR)
    assert not Schedule.objects.exists()


def test_the_date_outside_the_window_is_warned_about_not_refused(tw):
    schedule = typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    warnings = typical_schedule_set_date(
        actor=tw.hr_staff_user, schedule_id=schedule.pk, evaluation_date=dt.date(2019, 11, 15)
    )
    assert [w.code for w in warnings] == ["evaluation_date_outside_window"]
    assert _period(schedule).planned_date == dt.date(2019, 11, 15)
    assert (
        typical_schedule_set_date(
            actor=tw.hr_staff_user, schedule_id=schedule.pk, evaluation_date=EVALUATION_DAY
        )
        == []
    )


def test_a_date_after_the_window_or_before_the_year_is_refused(tw):
    schedule = typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    for day in (dt.date(2020, 2, 1), dt.date(2018, 12, 31)):
        with pytest.raises(DomainError) as error:
            typical_schedule_set_date(
                actor=tw.hr_staff_user, schedule_id=schedule.pk, evaluation_date=day
            )
        assert error.value.field == "evaluation_date"
    assert _period(schedule).planned_date == dt.date(2019, 12, 1)


def test_the_chairs_consent_puts_the_schedule_in_force_and_freezes_the_date(tw):
    schedule = typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    consent = typical_schedule_record_consent(
        actor=tw.hr_staff_user,
        schedule_id=schedule.pk,
        chair_name="Төраға Т.",
        agreed_on=dt.date(2019, 11, 29),
        reference="№ 12",
    )
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.APPROVED
    assert (consent.chair_name, consent.agreed_on) == ("Төраға Т.", dt.date(2019, 11, 29))
    assert AuditEntry.objects.filter(action="approve", object_id=str(schedule.pk)).exists()
    with pytest.raises(DomainError) as error:
        typical_schedule_set_date(
            actor=tw.hr_staff_user, schedule_id=schedule.pk, evaluation_date=EVALUATION_DAY
        )
    assert error.value.field == "status"


@pytest.mark.parametrize(
    ("chair", "day", "field"),
    [("", TODAY, "chair_name"), ("Төраға Т.", TODAY + dt.timedelta(days=1), "agreed_on")],
    ids=["no-chair", "future-day"],
)
def test_a_consent_without_a_chair_or_in_the_future_writes_nothing(tw, chair, day, field):
    schedule = typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    with pytest.raises(DomainError) as error:
        typical_schedule_record_consent(
            actor=tw.hr_staff_user, schedule_id=schedule.pk, chair_name=chair, agreed_on=day
        )
    assert error.value.field == field
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.DRAFT
    assert not ChairConsent.objects.exists()


def test_a_manager_cannot_record_the_consent(tw):
    schedule = typical_schedule_draft(actor=tw.hr_staff_user, organisation=tw.org, year=YEAR)
    with pytest.raises(PermissionDenied):
        typical_schedule_record_consent(
            actor=tw.b_head_user, schedule_id=schedule.pk, chair_name="X", agreed_on=TODAY
        )
    assert not ChairConsent.objects.exists()


def test_the_period_opens_only_once_the_chair_consented(tw):
    schedule = typical_schedule_draft(
        actor=tw.hr_staff_user, organisation=tw.org, year=YEAR, evaluation_date=EVALUATION_DAY
    )
    with pytest.raises(DomainError) as error:
        typical_period_open(actor=tw.hr_staff_user, period_id=_period(schedule).pk)
    assert error.value.field == "schedule"
    assert not Evaluation.objects.exists()
    assert _period(schedule).status == PeriodStatus.SCHEDULED


def test_opening_creates_one_kpi_and_competency_evaluation_per_servant_and_the_notice(tw):
    schedule = schedule_in_force(tw)
    opened = typical_period_open(actor=tw.hr_staff_user, period_id=_period(schedule).pk)
    evaluations = Evaluation.objects.filter(period__schedule=schedule)
    # Every servant in a "B" post on the date; the head of the apparatus (corps A) is not one.
    assert evaluations.count() == 8
    assert set(evaluations.values_list("method", flat=True)) == {Method.KPI_COMPETENCY}
    staff = evaluation_of(schedule, tw.b_staff1)
    assert (staff.status, staff.reason, staff.due_date, staff.evaluator) == (
        EvaluationStatus.PENDING,
        "evaluated",
        EVALUATION_DAY,
        tw.b_head,
    )
    # D2: 7 working days before Friday 13 December 2019 is Wednesday 4 December; opened on the
    # 10th, four working days late (shown, not refused).
    assert (opened.notice_due, opened.late_by) == (dt.date(2019, 12, 4), 4)
    kinds = set(
        Notification.objects.filter(dedupe_key__startswith=f"typical{staff.pk}:").values_list(
            "recipient__username", "kind"
        )
    )
    assert kinds == {
        ("b_head", "sheet_to_fill"),
        ("head", "typical_notice_superior"),
        ("b_staff1", "evaluation_notice"),
    }
    assert _period(schedule).status == PeriodStatus.OPEN


def test_opening_again_adds_only_newcomers_and_tells_nobody_twice(tw):
    schedule = schedule_in_force(tw)
    typical_period_open(actor=tw.hr_staff_user, period_id=_period(schedule).pk)
    notices = Notification.objects.count()
    again = typical_period_open(actor=tw.hr_staff_user, period_id=_period(schedule).pk)
    assert again.created == []
    assert Notification.objects.count() == notices


def _open_with(tw, **changes):
    Assignment.objects.filter(servant=tw.b_staff1).update(**changes)
    schedule = schedule_in_force(tw)
    typical_period_open(actor=tw.hr_staff_user, period_id=_period(schedule).pk)
    return schedule


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"start": dt.date(2019, 9, 14)}, "too_short"),
        ({"probation_until": EVALUATION_DAY}, "probation"),
    ],
    ids=["under-3-months-in-post", "on-probation"],
)
def test_not_evaluated_under_three_months_or_on_probation(tw, changes, reason):
    """p.4, G-2, G-3: under 3 months in this position on the evaluation date, or probation that
    has not ended by it. Nobody is asked to fill a sheet for them."""
    schedule = _open_with(tw, **changes)
    evaluation = evaluation_of(schedule, tw.b_staff1)
    assert (evaluation.status, evaluation.reason) == (EvaluationStatus.NOT_EVALUATED, reason)
    assert not Notification.objects.filter(dedupe_key__startswith=f"typical{evaluation.pk}:")


def test_three_months_exactly_is_evaluated(tw):
    schedule = _open_with(tw, start=dt.date(2019, 9, 13))
    assert evaluation_of(schedule, tw.b_staff1).status == EvaluationStatus.PENDING


def test_months_count_again_from_the_return_from_social_leave(tw):
    """p.4: "соның ішінде әлеуметтік демалыстан шыққаннан … кейін"."""
    AbsenceFactory(
        servant=tw.b_staff1,
        kind=AbsenceKind.SOCIAL_LEAVE,
        start=dt.date(2018, 6, 1),
        end=dt.date(2019, 10, 1),
    )
    schedule = _open_with(tw)
    evaluation = evaluation_of(schedule, tw.b_staff1)
    assert (evaluation.status, evaluation.reason) == (EvaluationStatus.NOT_EVALUATED, "too_short")


def test_on_social_leave_on_the_date_is_not_evaluated(tw):
    AbsenceFactory(
        servant=tw.b_staff1,
        kind=AbsenceKind.SOCIAL_LEAVE,
        start=dt.date(2019, 6, 1),
        end=dt.date(2020, 6, 1),
    )
    schedule = _open_with(tw)
    assert evaluation_of(schedule, tw.b_staff1).reason == "social_leave"


def test_annual_leave_defers_to_five_working_days_after_the_return_across_the_holiday(tw):
    """p.4, T-20: on leave until Friday 13 December: back on Wednesday 18th (16-17 December are
    Independence Day), due on the 5th working day counting the first day back: 24 December."""
    AbsenceFactory(
        servant=tw.b_staff1,
        kind=AbsenceKind.ANNUAL_LEAVE,
        start=dt.date(2019, 12, 2),
        end=dt.date(2019, 12, 13),
    )
    schedule = _open_with(tw)
    evaluation = evaluation_of(schedule, tw.b_staff1)
    assert (evaluation.status, evaluation.reason, evaluation.due_date) == (
        EvaluationStatus.DEFERRED,
        "absent",
        dt.date(2019, 12, 24),
    )


def test_a_servant_who_left_before_the_date_is_not_evaluated(tw):
    """G-4: no evaluation for a servant who no longer holds the position on the date."""
    schedule = _open_with(tw, end=dt.date(2019, 11, 30), end_reason="dismissal")
    assert not Evaluation.objects.filter(period__schedule=schedule, servant=tw.b_staff1)


def test_only_hr_opens_and_nothing_is_written_on_refusal(tw):
    schedule = schedule_in_force(tw)
    with pytest.raises(PermissionDenied):
        typical_period_open(actor=tw.b_head_user, period_id=_period(schedule).pk)
    with pytest.raises(Http404):
        typical_period_open(actor=tw.outsider_user, period_id=_period(schedule).pk)
    assert not Evaluation.objects.exists()
    assert _period(schedule).status == PeriodStatus.SCHEDULED
