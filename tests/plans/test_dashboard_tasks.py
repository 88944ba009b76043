"""The dashboard panel "Work plans to act on" (issue 12 item 3): the due date and the overdue mark
of each task are computed in the database exactly as the plan says them (`WorkPlan.posting_due`,
`is_posting_overdue`, `draft_due`, `is_draft_overdue`), the panel lists the first `PANEL_ROWS`
tasks of the whole list with how many more there are, and its queries do not grow with the
number of plans."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.core.navigation import PANEL_ROWS
from bagalau.plans.models import PlanChange, PlanStatus
from bagalau.plans.selectors import plan_task_count, plan_tasks
from tests.factories import ServantFactory, WorkPlanFactory

TODAY = dt.date(2026, 2, 10)

pytestmark = pytest.mark.django_db


def plans(world, count, *, prefix, status, draft_due=dt.date(2026, 1, 19), **fields):
    made = []
    for n in range(count):
        servant = ServantFactory(organisation=world.org, last_name=f"{prefix}{n:03d}")
        made.append(
            WorkPlanFactory(
                servant=servant,
                evaluator=world.a_head,
                approver=world.head,
                status=status,
                draft_due=draft_due,
                **fields,
            )
        )
    return made


def a_mix(world):
    """Plans to draft (late, late with a change opened, in time), to agree, and to post (late,
    in time, without a date, and a typical-2018 one, which HR keeps instead of posting)."""
    plans(world, 2, prefix="Жоба", status=PlanStatus.DRAFT)
    changed = plans(world, 1, prefix="Өзгеріс", status=PlanStatus.CHANGING)[0]
    PlanChange.objects.create(plan=changed, changed_by=world.hr_staff_user, reference="Бұйрық")
    plans(world, 1, prefix="Уақытында", status=PlanStatus.DRAFT, draft_due=dt.date(2026, 3, 1))
    plans(world, 2, prefix="Келісу", status=PlanStatus.SENT_TO_HR)
    plans(world, 2, prefix="Кеш", status=PlanStatus.APPROVED, posting_due=dt.date(2026, 2, 1))
    plans(world, 1, prefix="Ерте", status=PlanStatus.APPROVED, posting_due=dt.date(2026, 3, 1))
    plans(world, 1, prefix="Күнсіз", status=PlanStatus.APPROVED)
    plans(world, 1, prefix="Үлгі", status=PlanStatus.APPROVED, edition="almaty-2018")


def walked(user):
    """The tasks as the plan's own methods say them, sorted as the panel sorts them."""
    found = []
    for task in plan_tasks(user):
        plan = task.plan
        if task.action == "post":
            found.append((plan.pk, "post", plan.posting_due, plan.is_posting_overdue(TODAY)))
        else:
            found.append((plan.pk, task.action, plan.draft_due, plan.is_draft_overdue(TODAY)))
    return sorted(found, key=lambda t: (not t[3], t[2] or dt.date.max, t[0]))


@pytest.mark.parametrize("who", ["hr_staff_user", "a_head_user"])
def test_the_tasks_due_dates_and_overdue_marks_are_the_plans_own(world, clock, who):
    clock(TODAY)
    a_mix(world)
    user = getattr(world, who)
    tasks = plan_tasks(user)
    assert [(t.plan.pk, t.action, t.due, t.overdue) for t in tasks] == walked(user)
    assert {t.overdue for t in tasks} == {True, False}
    assert plan_task_count(user) == len(tasks)
    for limit in (1, 3, len(tasks) + 1):
        assert plan_tasks(user, limit=limit) == tasks[:limit]


def test_typical_plans_are_not_posted_and_a_change_is_never_late(world, clock):
    clock(TODAY)
    a_mix(world)
    posted = [t.plan.servant.last_name for t in plan_tasks(world.hr_staff_user)]
    assert not any(name.startswith("Үлгі") for name in posted)
    drafts = {t.plan.servant.last_name: t.overdue for t in plan_tasks(world.a_head_user)}
    assert drafts["Өзгеріс000"] is False
    assert drafts["Жоба000"] is True
    assert drafts["Уақытында000"] is False


def panel_queries(user):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(user)
    client.get(reverse("home"))  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    [panel] = [
        p["context"]
        for p in response.context["panels"]
        if p["template"] == "plans/partials/panel.html"
    ]
    return len(captured), panel


@pytest.mark.parametrize("who", ["hr_staff_user", "hr_head_user", "a_head_user"])
def test_the_panel_lists_the_first_tasks_in_the_same_queries_at_any_size(world, clock, who):
    clock(TODAY)
    user = getattr(world, who)
    a_mix(world)
    small, panel = panel_queries(user)
    assert len(panel["tasks"]) == plan_task_count(user) <= PANEL_ROWS
    assert panel["more"] == 0
    plans(world, 12, prefix="Көп", status=PlanStatus.SENT_TO_HR)
    plans(world, 12, prefix="Жаңа", status=PlanStatus.RETURNED)
    large, panel = panel_queries(user)
    whole = plan_tasks(user)
    assert [item["task"] for item in panel["tasks"]] == whole[:PANEL_ROWS]
    assert panel["more"] == len(whole) - PANEL_ROWS > 0
    assert large == small
