"""The servant's job description among the papers of a moj-2017 session (seed 001 p.34, E6;
issue 11 item 6): each member sees the text HR entered on the post, on the page and through the
API; a servant who is not on the commission, and another organisation's HR, see neither."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.commission.moj_world import LATE_SESSION, attend, build, schedule

pytestmark = pytest.mark.django_db

TEXT = "Азаматтардың өтініштерін қарайды"


@pytest.fixture
def held(world, clock):
    w = build(world, clock)
    position = w.a_staff1_assignment.position
    position.job_description = TEXT
    position.save()
    w.session = schedule(w, [w.quarter1, w.quarter2], day=LATE_SESSION)
    attend(w, w.session)
    return w


def _papers(client, w):
    session = client.get(reverse("api:commission-session", args=[w.session.pk]))
    if session.status_code != 200:
        return session.status_code, None
    item = next(i for i in session.json()["agenda"] if i["evaluation_id"] == w.quarter1.pk)
    return 200, {p["code"]: p["text"] for p in item["papers"]}


@pytest.mark.parametrize("who", ["deputy", "a_head", "b_head", "hr_head", "hr_staff"])
def test_every_member_and_the_secretary_see_the_job_description(held, client, who):
    client.force_login(getattr(held, f"{who}_user"))
    page = client.get(reverse("commission:session", args=[held.session.pk]))
    assert page.status_code == 200
    assert TEXT in page.content.decode()
    assert _papers(client, held) == (200, {"job_description": TEXT})


@pytest.mark.parametrize("who", ["b_staff1", "other_hr"])
def test_a_servant_off_the_commission_and_another_organisation_see_nothing(held, client, who):
    client.force_login(getattr(held, f"{who}_user"))
    page = client.get(reverse("commission:session", args=[held.session.pk]))
    assert page.status_code in (403, 404)
    assert TEXT not in page.content.decode()
    status, papers = _papers(client, held)
    assert (status in (403, 404), papers) == (True, None)
