"""The page of App. 1 work plans (issue 12 item 3): the plans are cut into pages in the database,
in Kazakh alphabetical order, and the due dates, first filing days and lateness of a page's plans
are read in bulk, and whether the reader opens each annual sheet reads their roles once, so HR,
a manager and a servant get the page in the same number of queries with 3 and 12 more filed plans
and annual evaluations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bagalau.moj.models import WorkPlan
from bagalau.moj.plan_selectors import work_plan_deadline, work_plan_deadlines
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.moj.services.work_plan import work_plan_create, work_plan_sign
from bagalau.org.models import Assignment, EditionAssignment
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory
from tests.moj.year import PLAN

pytestmark = pytest.mark.django_db

#: Surnames in Kazakh alphabetical order (Ә after А, Қ after К, Ө after О: not code-point order).
NAMES = ["Абаев", "Әлиев", "Бек", "Касымов", "Қасымов", "Оспан", "Өтеген", "Сапар", "Ұлан"]


def filed_plans(w, count: int, prefix: str) -> list[WorkPlan]:
    """`count` more B-4 servants of the analytics department (b_head manages them), each with a
    2017 plan signed by both and filed (p.13)."""
    plans = []
    for number in range(count):
        user = UserFactory(username=f"{prefix}{number}")
        servant = ServantFactory(
            organisation=w.org, user=user, last_name=f"{NAMES[number % len(NAMES)]}{prefix}{number}"
        )
        position = PositionFactory(unit=w.unit_b, category="B-4", name_kk=f"{prefix} {number}")
        AssignmentFactory(servant=servant, position=position, start=dt.date(2016, 1, 1))
        plan = work_plan_create(actor=user, servant_id=servant.pk, year=2017, indicators=PLAN[:2])
        work_plan_sign(actor=user, plan_id=plan.pk)
        plans.append(work_plan_sign(actor=w.b_head_user, plan_id=plan.pk))
    return plans


def page_queries(w, who: str, query: str = "") -> tuple[int, str]:
    client = Client()
    client.force_login(getattr(w, f"{who}_user"))
    client.get("/moj/work-plans/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/moj/work-plans/{query}")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def year_opened(w) -> list:
    """The 2017 schedule with its quarters and the year, every period opened (again: the
    servants added since are evaluated too)."""
    EditionAssignment.objects.filter(organisation=w.org).update(valid_from=dt.date(2017, 1, 1))
    schedule = moj_schedule_draft(actor=w.hr_staff_user, organisation=w.org, year=2017)
    for period in schedule.periods.all():
        moj_period_open(actor=w.hr_staff_user, period_id=period.pk)
    return schedule


@pytest.mark.parametrize("who", ["hr_staff", "b_head", "b_staff1"])
def test_the_plans_page_takes_the_same_queries_at_any_size(mw, who):
    filed_plans(mw, 3, "small")
    schedule = year_opened(mw)
    small, small_page = page_queries(mw, who)
    filed_plans(mw, 9, "large")
    for period in schedule.periods.all():
        moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
    large, large_page = page_queries(mw, who)
    if who == "hr_staff":  # every annual evaluation, each with the button to open its sheet
        opens = 'data-testid="annual-open"'
        assert large_page.count(opens) == small_page.count(opens) + 9
    rows = large_page.count('data-testid="plan-due"')
    assert small_page.count('data-testid="plan-due"') == {"b_staff1": 0}.get(who, 3)
    assert rows == {"b_staff1": 0}.get(who, 12)
    assert large == small


def test_the_plans_are_cut_into_pages_in_kazakh_alphabetical_order(mw, monkeypatch):
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", 4)
    plans = filed_plans(mw, 9, "p")
    names = [plan.servant.full_name for plan in plans]  # NAMES' order: the alphabet's
    _count, first = page_queries(mw, "hr_staff")
    _count, third = page_queries(mw, "hr_staff", "?page=3")
    assert [name in first for name in names] == [True] * 4 + [False] * 5
    assert [name in third for name in names] == [False] * 8 + [True]
    assert 'data-testid="pagination"' in first
    assert first.index(names[1]) < first.index(names[2])  # Әлиев before Бек


def test_the_deadlines_read_in_bulk_are_the_plan_pages(mw):
    plans = filed_plans(mw, 3, "d")
    late_post = Assignment.objects.get(servant=plans[1].servant)
    Assignment.objects.filter(pk=late_post.pk).update(start=dt.date(2017, 8, 1))
    ended = Assignment.objects.get(servant=plans[2].servant)
    Assignment.objects.filter(pk=ended.pk).update(end=dt.date(2016, 12, 31))
    with CaptureQueriesContext(connection) as captured:
        found = work_plan_deadlines(plans)
    assert len(captured) == 3  # the posts, the filing days, the calendar's transfers
    assert found == {plan.pk: work_plan_deadline(plan) for plan in plans}
    assert found[plans[0].pk].due == dt.date(2017, 1, 10)
    assert found[plans[1].pk].due == dt.date(2017, 8, 15)  # 10 working days after 1 August
    assert found[plans[2].pk].due == dt.date(2017, 1, 10)  # no post in 2017: 10 January
    assert found[plans[0].pk].filed == dt.date(2017, 12, 20)
    assert found[plans[0].pk].late
    assert work_plan_deadlines([]) == {}
