"""The commission's session page (seed 004 p.28-34) reads its agenda, each item's motions, their
votes and the decision's explanation in a number of queries that does not grow with the agenda
(issue 12 item 3): the same with 2 and 8 more servants decided."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.commission import services
from tests.commission.conftest import ALL_PRESENT, attend, before_commission, schedule
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory

pytestmark = pytest.mark.django_db

#: The queries of the page, whatever the length of its agenda.
EXPECTED = 35


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
