"""The HR dashboard of an organisation with an open typical-2018 year (issue 12 item 3): the panel
of sheets to act on reads the user's roles once per organisation, not once per evaluation, so
the page makes the same number of queries at any size (5 and 25 more servants here)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bagalau.evaluations.models import PeriodKind
from bagalau.org.models import Role, RoleAssignment
from bagalau.org.selectors import roles_of, roles_remembered
from bagalau.typical.selectors import sheet_tasks
from bagalau.typical.services.schedule import typical_period_open
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory
from tests.typical.conftest import START, schedule_in_force

pytestmark = pytest.mark.django_db


def more_staff(w, count: int, prefix: str) -> None:
    for number in range(count):
        user = UserFactory(username=f"{prefix}{number}")
        servant = ServantFactory(organisation=w.org, user=user, last_name=f"{prefix}{number}")
        position = PositionFactory(unit=w.unit_b, category="B-4", name_kk=f"{prefix} {number}")
        AssignmentFactory(servant=servant, position=position, start=START)


def home_queries(w) -> tuple[int, int]:
    client = Client()
    client.force_login(w.hr_staff_user)
    client.get("/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured), len(sheet_tasks(w.hr_staff_user))


def test_the_hr_home_takes_the_same_queries_at_any_size(tw):
    more_staff(tw, 5, "small")
    period = schedule_in_force(tw).periods.get(kind=PeriodKind.ANNUAL)
    typical_period_open(actor=tw.hr_staff_user, period_id=period.pk)
    small, small_tasks = home_queries(tw)
    more_staff(tw, 20, "large")  # evaluated in the open year too: the roster is applied again
    typical_period_open(actor=tw.hr_staff_user, period_id=period.pk)
    large, large_tasks = home_queries(tw)
    assert large_tasks == small_tasks  # HR has nothing to do before the sheets are sent
    assert large == small


def test_roles_are_read_once_inside_the_block_and_afresh_after_it(tw):
    user, organisation = tw.hr_staff_user, tw.org
    with roles_remembered(user):
        with CaptureQueriesContext(connection) as captured:
            first = roles_of(user, organisation)
            again = roles_of(user, organisation)
        assert first == again
        assert len(captured) == 1
    RoleAssignment.objects.filter(user=user, organisation=organisation).delete()
    assert roles_of(user, organisation) == set()
    assert Role.HR in first


def test_the_panel_shows_the_first_tasks_and_links_to_the_roster_for_more(tw):
    """The head of the analytics department opens two sheets for each of 25 more servants: the
    panel lists the first PANEL_ROWS tasks, in the order of the whole list, and links to the
    roster for the rest; the list itself is read no further than one task past them."""
    from django.urls import reverse

    from bagalau.core.navigation import PANEL_ROWS

    more_staff(tw, 25, "many")
    period = schedule_in_force(tw).periods.get(kind=PeriodKind.ANNUAL)
    typical_period_open(actor=tw.hr_staff_user, period_id=period.pk)
    every = sheet_tasks(tw.b_head_user)
    assert len(every) > 2 * 25
    first = sheet_tasks(tw.b_head_user, limit=PANEL_ROWS)
    assert first == every[: PANEL_ROWS + 1]
    client = Client()
    client.force_login(tw.b_head_user)
    response = client.get("/")
    panel = next(
        p["context"] for p in response.context["panels"] if p["template"].startswith("typical/")
    )
    assert [item["task"] for item in panel["tasks"]] == every[:PANEL_ROWS]
    assert panel["more"]
    page = response.content.decode()
    assert reverse("typical:roster", args=[period.pk]) in page
    assert "More on the roster of the period." in page


def test_the_panel_has_no_link_when_every_task_is_shown(tw):
    period = schedule_in_force(tw).periods.get(kind=PeriodKind.ANNUAL)
    typical_period_open(actor=tw.hr_staff_user, period_id=period.pk)
    assert 0 < len(sheet_tasks(tw.b_head_user)) <= 10
    client = Client()
    client.force_login(tw.b_head_user)
    page = client.get("/").content.decode()
    assert 'data-testid="typical-tasks"' in page
    assert "More on the roster of the period." not in page
