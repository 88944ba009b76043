"""The head of HR's dashboard reminder counts the documents past their retention in the database
(issue 12 item 3): the same number and the same oldest completion day as the disposal page's
list, under each edition's retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bagalau.documents.retention import disposal_due_summary, documents_due_for_disposal
from bagalau.evaluations.models import EvaluationStatus
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory, ServantFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2030, 6, 15)


def completed(world, day: dt.date, *, edition: str = "sjc-2023", hour: int = 23) -> None:
    EvaluationFactory(
        period=world.period,
        servant=ServantFactory(organisation=world.org),
        status=EvaluationStatus.FINAL,
        edition=edition,
        completed_at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30))),
    )


def test_the_count_and_the_oldest_day_are_the_lists(world):
    schedule = ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    world.period = PeriodFactory(schedule=schedule)
    assert disposal_due_summary(world.org, TODAY) == (0, None)
    completed(world, dt.date(2027, 6, 14))  # kept three full years before 15 June 2030
    completed(world, dt.date(2026, 3, 2), hour=0)
    completed(world, dt.date(2027, 6, 15))  # not yet
    completed(world, dt.date(2026, 1, 5), edition="almaty-2018")
    due = documents_due_for_disposal(world.org, TODAY)
    assert disposal_due_summary(world.org, TODAY) == (len(due), due[0].completed_on)
    assert len(due) >= 2
