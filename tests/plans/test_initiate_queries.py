"""Opening a year's work plans for the whole organisation in bulk (seed 002 p.22, seed 004 p.9;
issue 12 item 2): the structure is read once per day asked, the existing plans in one query,
the new plans, their audit rows and the notices written in batches, so the number of queries
does not grow with the number of posts (2 and 12 more here, under sjc-2023 and under
almaty-2018)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.audit.models import AuditEntry
from bagalau.notifications.models import Notification
from bagalau.plans.models import WorkPlan
from bagalau.plans.services import plans_initiate
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory
from tests.plans.typical_helpers import YEAR as TYPICAL_YEAR
from tests.queries import notice_ids
from tests.world import START

pytestmark = pytest.mark.django_db


def more_posts(w, count: int, category: str, start=START) -> list:
    """`count` more servants with a login, each in a post of `category` in the Analytics
    department (a B-1 post is evaluated by KPI under sjc-2023; under typical-2018 every "B"
    corps post gets a plan)."""
    servants = []
    for number in range(count):
        user = UserFactory(username=f"bulk{number}")
        servant = ServantFactory(organisation=w.org, user=user, last_name=f"Көп{number}")
        position = PositionFactory(unit=w.unit_b, category=category, heads_unit=False)
        AssignmentFactory(servant=servant, position=position, start=start)
        servants.append(servant)
    return servants


def initiation(w, year: int) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        report = plans_initiate(actor=w.hr_staff_user, organisation=w.org, year=year)
    return len(queries), report


def _opened(w, year, added, created_before: int) -> int:
    """Initiate, check each added servant got a plan, an audit row and a notice (through their
    direct manager: the head of the Analytics department), and return the queries."""
    queries, report = initiation(w, year)
    plans = WorkPlan.objects.filter(year=year, servant__in=added)
    assert plans.count() == len(added)
    assert len(report.created) == created_before + len(added)
    assert all(plan.evaluator == w.b_head for plan in plans)
    assert AuditEntry.objects.filter(
        action="create", object_type="plans.workplan", object_id__in=[str(p.pk) for p in plans]
    ).count() == len(added)
    assert Notification.objects.filter(
        kind="plan_to_draft", recipient=w.b_head.user
    ).count() >= len(added)
    return queries


#: The queries of one opening, whatever the number of posts.
EXPECTED = {"sjc-2023": 23, "typical-2018": 23}


@pytest.mark.parametrize("count", [2, 12])
def test_sjc2023_opening_takes_the_same_queries_at_any_size(pw, count):
    added = more_posts(pw, count, "B-1")
    queries = _opened(pw, 2026, added, created_before=5)
    print(f"plans_initiate (sjc-2023) +{count}: {queries} queries")
    assert queries == EXPECTED["sjc-2023"] + notice_ids()
    _again, report = initiation(pw, 2026)
    assert report.created == []
    assert len(report.existing) == 5 + count


@pytest.mark.parametrize("count", [2, 12])
def test_typical_opening_takes_the_same_queries_at_any_size(tw, count):
    added = more_posts(tw, count, "B-4", start=dt.date(2018, 6, 1))
    queries, report = initiation(tw, TYPICAL_YEAR)
    created = {plan.servant for plan in report.created}
    assert created >= set(added)
    told = Notification.objects.filter(
        kind="typical_plan_to_draw_up", recipient__in=[servant.user for servant in added]
    )
    assert told.count() == count
    print(f"plans_initiate (typical-2018) +{count}: {queries} queries")
    assert queries == EXPECTED["typical-2018"] + notice_ids()
