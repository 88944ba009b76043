"""The moj-2017 consequences page and the HR dashboard's overdue counts (issue 12 item 3): the
same queries with 3 and with 12 more servants whose approved results ground a bonus, the ban on
mentoring, a training referral and an alert; the bonus and mentoring lists a page at a time."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.core import paging
from bagalau.evaluations.models import Evaluation
from tests.consequences.moj_world import TODAY, build
from tests.factories import ServantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mw(world, clock):
    clock(TODAY)
    return build(world)


def _copies(mw, count: int) -> None:
    """`count` more servants with copies of a_staff2's two unsatisfactory years and of the
    excellent first quarter (alert, referrals, mentoring ban, bonus)."""
    for number in range(count):
        servant = ServantFactory(organisation=mw.org, last_name=f"Көшірме{number}")
        for template in (mw.weak_2016, mw.weak_2017, mw.q1_excellent):
            copy = Evaluation.objects.get(pk=template.pk)
            copy.pk = None
            copy.servant = servant
            copy.save()


def _queries(user, url: str) -> tuple[int, str]:
    client = Client()
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return len(queries), page.content.decode()


@pytest.mark.parametrize("url", [reverse("consequences:moj"), reverse("home")])
def test_the_same_queries_whatever_the_number_of_results(mw, monkeypatch, url):
    monkeypatch.setattr(paging, "PAGE_SIZE", 4)
    _copies(mw, 3)
    fewer, small = _queries(mw.hr_staff_user, url)
    _copies(mw, 9)
    more, large = _queries(mw.hr_staff_user, url)
    print(f"{url}: {fewer} and {more} queries")
    assert more == fewer
    if url == reverse("consequences:moj"):
        assert small.count('data-testid="bonus-row"') == large.count('data-testid="bonus-row"') == 4
        assert large.count('data-testid="alert-row"') == 4  # a page of the 13 alerts
        assert "Көшірме" in large


def _effective(mw, count: int) -> None:
    """`count` more servants with a copy of a_staff1's effective year (a bonus, nothing else)."""
    for number in range(count):
        copy = Evaluation.objects.get(pk=mw.year_effective.pk)
        copy.pk = None
        copy.servant = ServantFactory(organisation=mw.org, last_name=f"Тиімді{number}")
        copy.save()


def _read(user, url: str) -> int:
    """The evaluations the request builds (model instances)."""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance)

    client = Client()
    client.force_login(user)
    post_init.connect(count, sender=Evaluation)
    try:
        assert client.get(url).status_code == 200
    finally:
        post_init.disconnect(count, sender=Evaluation)
    return len(built)


@pytest.mark.parametrize("url", [reverse("consequences:moj"), reverse("home")])
def test_results_that_ground_nothing_to_show_are_not_read(mw, monkeypatch, url):
    monkeypatch.setattr(paging, "PAGE_SIZE", 4)
    _effective(mw, 5)
    fewer = _read(mw.hr_staff_user, url)
    _effective(mw, 20)
    assert _read(mw.hr_staff_user, url) == fewer
