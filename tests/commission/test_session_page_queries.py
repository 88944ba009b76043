"""The commission's session page (seed 004 p.28-34) reads its agenda, each item's motions, their
votes and the decision's explanation in a number of queries that does not grow with the agenda
(issue 12 item 3): the same with 2 and 8 more servants decided; a long agenda is shown a page at
a time, searched by name, and a decision taken on a page comes back to it."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.commission import services, views
from tests.commission.conftest import ALL_PRESENT, attend, before_commission, schedule
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory

pytestmark = pytest.mark.django_db

#: The queries of the page, whatever the length of its agenda (one counts the agenda's pages).
EXPECTED = 36


def more_cases(w, count: int) -> list:
    """`count` more staff of the Analytics department with their 2019 annual evaluation."""
    made = []
    for number in range(count):
        key = f"more{number}"
        user = UserFactory(username=key)
        servant = ServantFactory(organisation=w.org, user=user, last_name=f"Көп{number}")
        position = PositionFactory(unit=w.unit_b, category="B-4", name_kk=f"Маман {number}")
        setattr(w, key, servant)
        setattr(w, f"{key}_assignment", AssignmentFactory(servant=servant, position=position))
        made.append(before_commission(w, key, 4, "effective"))
    return made


@pytest.mark.parametrize("count", [2, 8])
def test_the_session_page_takes_the_same_queries_whatever_its_agenda(formed, count):
    evaluations = [formed.eval1, formed.eval2, *more_cases(formed, count)]
    session = schedule(formed, evaluations=evaluations)
    attend(formed, session, ALL_PRESENT)
    for evaluation in evaluations:
        motion = services.motion_put(
            actor=formed.hr_staff_user,
            session_id=session.pk,
            evaluation_id=evaluation.pk,
            kind="approve",
        )
        services.motion_vote(
            actor=formed.hr_staff_user,
            motion_id=motion.pk,
            votes={getattr(formed, n).pk: "for" for n in ALL_PRESENT[:5]},
        )
    client = Client()
    client.force_login(formed.hr_staff_user)
    url = reverse("commission:session", args=[session.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count("Көп") >= count  # every case is on the page
    print(f"session page, {2 + count} cases: {len(queries)} queries")
    assert len(queries) == EXPECTED


@pytest.fixture
def long_agenda(formed, monkeypatch):
    """A session of 10 servants, held, shown 3 to a page."""
    monkeypatch.setattr(views, "AGENDA_PAGE", 3)
    evaluations = [formed.eval1, formed.eval2, *more_cases(formed, 8)]
    session = schedule(formed, evaluations=evaluations)
    attend(formed, session, ALL_PRESENT)
    client = Client()
    client.force_login(formed.hr_staff_user)
    return formed, session, evaluations, client


def _shown(page) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-testid="item-(\d+)"', page.content.decode())]


def test_a_long_agenda_is_shown_a_page_at_a_time_and_searched(long_agenda):
    w, session, evaluations, client = long_agenda
    url = reverse("commission:session", args=[session.pk])
    ids = [e.pk for e in evaluations]
    assert _shown(client.get(url)) == ids[:3]
    last = client.get(url, {"page": 4})
    assert _shown(last) == ids[9:]
    assert "Page 4 of 4" in last.content.decode()
    found = client.get(url, {"q": "көп7"})
    assert _shown(found) == [evaluations[9].pk]
    assert "Nobody on the agenda" in client.get(url, {"q": "жоқадам"}).content.decode()
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as other:
        client.get(url, {"page": 3})
    assert len(first) == len(other)


def test_a_motion_put_on_a_page_comes_back_to_it(long_agenda):
    w, session, evaluations, client = long_agenda
    url = reverse("commission:session", args=[session.pk])
    on_page_two = evaluations[4]
    page = client.get(url, {"page": 2}).content.decode()
    assert f'action="{reverse("commission:motion", args=[session.pk])}?page=2"' in page
    motion = reverse("commission:motion", args=[session.pk])
    response = client.post(f"{motion}?page=2", {"evaluation": on_page_two.pk, "kind": "approve"})
    assert response.status_code == 302
    assert response.url == f"{url}?page=2"
    assert on_page_two.commission_items.get().motions.count() == 1
    refused = client.post(f"{motion}?page=2", {"evaluation": evaluations[5].pk, "kind": "x"})
    assert refused.status_code == 200
    assert _shown(refused) == [e.pk for e in evaluations[3:6]]
