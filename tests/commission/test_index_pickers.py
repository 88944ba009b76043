"""The commission's index at any size of the organisation (issue 12 item 3): its person pickers
write the first persons and search the rest, so the page reads and writes as much with 10 more
servants as with 40; "Find" sends the order form back as a search that records nothing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.commission.forms import ScheduleForm
from bagalau.core import widgets
from bagalau.evaluations.models import Evaluation
from tests.commission.conftest import FORMED, counts, extra_servants
from tests.factories import ServantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def few(monkeypatch):
    monkeypatch.setattr(widgets, "SHOWN_AT_MOST", 5)


def _index(client, user) -> tuple[int, str]:
    client.force_login(user)
    client.get(reverse("commission:index"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("commission:index"))
    assert page.status_code == 200
    return len(queries), page.content.decode()


def _members(html: str) -> list[str]:
    return re.findall(r'name="members" value="(\d+)"', html)


def test_the_index_reads_and_writes_as_much_whatever_the_organisation(case, client, few):
    extra_servants(case, 10)
    fewer, small = _index(client, case.hr_staff_user)
    for number in range(30):
        ServantFactory(organisation=case.org, last_name=f"Тағы{number}")
    more, large = _index(client, case.hr_staff_user)
    print(f"commission index: {fewer} and {more} queries, {len(small)} and {len(large)} bytes")
    assert more == fewer
    assert len(_members(small)) == len(_members(large)) == 5
    assert abs(len(large) - len(small)) < 50  # the totals written ("5 of …") differ


def test_find_brings_the_order_form_back_with_the_matches_and_records_nothing(case, client, few):
    extra_servants(case, 10)
    wanted = ServantFactory(organisation=case.org, last_name="Ерғалиев", first_name="Бауыржан")
    client.force_login(case.hr_staff_user)
    data = {
        "order_number": "12",
        "order_date": FORMED.isoformat(),
        "chair": case.deputy.pk,
        "members": [case.a_head.pk],
        "members-find": "ергалиев",
        "_find": "members",
    }
    before = counts()
    response = client.post(reverse("commission:order"), data)
    assert response.status_code == 200
    assert counts() == before
    html = response.content.decode()
    assert _members(html) == [str(case.a_head.pk), str(wanted.pk)]
    assert 'name="order_number" value="12"' in html
    assert 'role="alert"' not in html  # a search, not a refused form
    data.pop("_find")
    response = client.post(reverse("commission:order"), data)
    assert b"This field is required" in response.content  # the same data, sent: refused
    assert counts() == before


def test_the_agenda_picker_searches_by_the_evaluated_servant(case, monkeypatch):
    monkeypatch.setattr(widgets, "SHOWN_AT_MOST", 1)
    candidates = Evaluation.objects.order_by("pk")
    assert list(candidates) == [case.eval1, case.eval2]
    values = r'name="evaluations" value="(\d+)"'
    assert re.findall(values, str(ScheduleForm(candidates=candidates)["evaluations"])) == [
        str(case.eval1.pk)
    ]
    form = ScheduleForm(data={"evaluations-find": case.a_staff2.full_name}, candidates=candidates)
    assert re.findall(values, str(form["evaluations"])) == [str(case.eval2.pk)]
