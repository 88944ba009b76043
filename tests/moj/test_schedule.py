"""The moj-2017 year's schedule and its quarters (seed 001 p.3; EDITIONS.md §5.1, §5.2 D5,
§9.4 M-4): the periods the engine dates, HR alone drafts and opens, eligibility and deferral
(only social and sick leave defer)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method, PeriodStatus, Schedule
from bagalau.moj.selectors import quarter_days
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.org.models import Absence, AbsenceKind, Assignment

pytestmark = pytest.mark.django_db


def test_the_schedule_has_the_moj_quarters_dated_by_the_engine(mw):
    """moj-2017 is in force there from 24 July 2017: the third and fourth quarters; the third
    due 10 October, the fourth counted to 30 November and due 10 December (p.3, M-4); and the
    year, under moj-2017 in December, due 25 December (p.3, E5, M-5)."""
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    periods = [
        (p.kind, p.number, p.starts, p.ends, p.deadline)
        for p in schedule.periods.order_by("kind", "number")
    ]
    assert periods == [
        ("annual", None, dt.date(2017, 1, 1), dt.date(2017, 12, 31), dt.date(2017, 12, 25)),
        ("quarter", 3, dt.date(2017, 7, 1), dt.date(2017, 9, 30), dt.date(2017, 10, 10)),
        ("quarter", 4, dt.date(2017, 10, 1), dt.date(2017, 11, 30), dt.date(2017, 12, 10)),
    ]
    assert schedule.edition == "moj-2017"


def test_the_fourth_quarter_cut_off_is_configurable_and_bounded(mw):
    schedule = moj_schedule_draft(
        actor=mw.hr_staff_user, organisation=mw.org, year=2017, q4_cutoff=dt.date(2017, 12, 5)
    )
    assert schedule.periods.get(number=4).ends == dt.date(2017, 12, 5)
    assert quarter_days(mw.org, 2017, 4) == (dt.date(2017, 10, 1), dt.date(2017, 12, 5))


@pytest.mark.parametrize("cutoff", [dt.date(2017, 9, 30), dt.date(2017, 12, 11)])
def test_a_cut_off_outside_october_to_10_december_is_refused(mw, cutoff):
    with pytest.raises(DomainError) as error:
        moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017, q4_cutoff=cutoff)
    assert error.value.field == "q4_cutoff"
    assert not Schedule.objects.exists()


def test_a_year_without_moj_quarters_or_a_second_schedule_is_refused(mw):
    with pytest.raises(DomainError) as error:
        moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2016)
    assert error.value.field == "year"
    moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    with pytest.raises(DomainError) as again:
        moj_schedule_draft(actor=mw.hr_head_user, organisation=mw.org, year=2017)
    assert again.value.field == "year"
    assert Schedule.objects.count() == 1


@pytest.mark.parametrize("who", ["admin", "head", "b_head", "b_staff1"])
def test_only_hr_drafts_and_opens(mw, who):
    user = getattr(mw, f"{who}_user")
    with pytest.raises(PermissionDenied):
        moj_schedule_draft(actor=user, organisation=mw.org, year=2017)
    assert not Schedule.objects.exists()
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    period = schedule.periods.get(number=4)
    with pytest.raises(PermissionDenied):
        moj_period_open(actor=user, period_id=period.pk)
    period.refresh_from_db()
    assert period.status == PeriodStatus.SCHEDULED
    assert not Evaluation.objects.exists()


def test_an_outsider_sees_neither(mw):
    with pytest.raises(Http404):
        moj_schedule_draft(actor=mw.outsider_user, organisation=mw.org, year=2017)
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    with pytest.raises(Http404):
        moj_period_open(actor=mw.outsider_user, period_id=schedule.periods.first().pk)


def test_opening_a_quarter_evaluates_defers_and_excludes_as_p3_says(mw):
    """On the Q4 deadline (10 December 2017): sick leave to 15 December defers to the 5th
    working day after the return, across Independence Day (16-19 December): 26 December; annual
    leave does not defer; under 3 months in the post is not evaluated."""
    Absence.objects.create(
        servant=mw.a_staff1,
        kind=AbsenceKind.SICK_LEAVE,
        start=dt.date(2017, 12, 4),
        end=dt.date(2017, 12, 15),
    )
    Absence.objects.create(
        servant=mw.a_staff2,
        kind=AbsenceKind.ANNUAL_LEAVE,
        start=dt.date(2017, 12, 4),
        end=dt.date(2017, 12, 22),
    )
    Assignment.objects.filter(servant=mw.hr_staff).update(start=dt.date(2017, 10, 1))
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    period = schedule.periods.get(number=4)
    opened = moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
    assert opened.period.status == PeriodStatus.OPEN
    found = {e.servant_id: e for e in Evaluation.objects.filter(period=period)}
    assert {e.method for e in found.values()} == {Method.MOJ_QUARTER}
    staff = found[mw.b_staff1.pk]
    assert (staff.status, staff.due_date, staff.evaluator) == (
        EvaluationStatus.PENDING,
        dt.date(2017, 12, 10),
        mw.b_head,
    )
    sick = found[mw.a_staff1.pk]
    assert (sick.status, sick.due_date) == (EvaluationStatus.DEFERRED, dt.date(2017, 12, 26))
    assert found[mw.a_staff2.pk].status == EvaluationStatus.PENDING
    assert found[mw.hr_staff.pk].status == EvaluationStatus.NOT_EVALUATED
    again = moj_period_open(actor=mw.hr_head_user, period_id=period.pk)
    assert again.created == []
    assert Evaluation.objects.filter(period=period).count() == len(found)
