"""A newcomer's dashboard says why nothing is there and when the first evaluation comes (issue
13 item 11, seed 002 p.4-5): on the roster only as not evaluated (under three months in the
position), the servant reads the first quarter they are evaluated for and its due date."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from bagalau.evaluations.models import Method
from bagalau.org.models import Assignment
from tests.evaluations.test_sheets_cases import diff_case, quarter
from tests.factories import EvaluationFactory

PANEL = 'data-testid="first-evaluation"'


def test_the_newcomer_reads_when_the_first_evaluation_comes(client, world, clock):
    Assignment.objects.filter(pk=world.a_staff1_assignment.pk).update(start=dt.date(2026, 11, 11))
    EvaluationFactory(
        period=quarter(world, 4),
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        method=Method.DIFFERENTIATION,
        evaluator=world.a_head,
        reason="too_short",
    )
    clock(dt.date(2026, 12, 2))
    client.force_login(world.a_staff1_user)
    page = client.get(reverse("home")).content.decode()
    assert PANEL in page
    assert "You are not evaluated until quarter 1 of 2027 (by 10.04.2027)" in page
    assert "11.11.2026" in page
    assert "Nothing needs your attention." not in page


def test_no_such_panel_for_whom_was_evaluated_or_is_on_no_roster(client, world, clock):
    diff_case(world)  # a_staff1 is evaluated this year
    clock(dt.date(2026, 12, 2))
    for user in (world.a_staff1_user, world.head_user):
        client.force_login(user)
        assert PANEL not in client.get(reverse("home")).content.decode()
