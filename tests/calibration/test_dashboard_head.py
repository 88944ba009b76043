"""The head of the apparatus with nothing to decide reads so on the dashboard, and what comes
next (issue 13 item 11): the next quarter's evaluations and their due date."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests.evaluations.test_sheets_cases import quarter

EMPTY = 'data-testid="nothing-to-decide"'


def test_nothing_to_decide_says_so_and_names_the_next_quarter(client, world, clock):
    q2 = quarter(world, 2)
    quarter(world, 3)
    clock(dt.date(2026, 5, 4))
    client.force_login(world.head_user)
    home = client.get(reverse("home")).content.decode()
    assert EMPTY in home
    assert "Nothing awaits your decision this month" in home
    assert f"the evaluations of {q2} are due by {q2.deadline:%d.%m.%Y}" in home
    for user in (world.hr_head_user, world.a_staff1_user):  # the head's panel only
        client.force_login(user)
        assert EMPTY not in client.get(reverse("home")).content.decode()


def test_an_application_to_decide_is_listed_instead(client, flow, world, clock):
    flow.apply()
    client.force_login(world.head_user)
    home = client.get(reverse("home")).content.decode()
    assert EMPTY not in home
    assert reverse("calibration:application", args=[flow.application.pk]) in home
