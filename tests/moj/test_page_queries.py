"""The moj-2017 HR pages of a year (issue 12 item 3): the schedule, each quarter's and the year's
roster and each notice page make the same number of queries with 3 and 12 more servants, every
period opened (the rosters are cut into pages in the database, the notice's blanks carry no
one's data)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.org.models import EditionAssignment
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UserFactory

pytestmark = pytest.mark.django_db


def more_staff(w, count: int, prefix: str) -> None:
    """`count` more B-4 servants of the analytics department, in post since 2016."""
    for number in range(count):
        user = UserFactory(username=f"{prefix}{number}")
        servant = ServantFactory(organisation=w.org, user=user, last_name=f"{prefix}{number}")
        position = PositionFactory(unit=w.unit_b, category="B-4", name_kk=f"{prefix} {number}")
        AssignmentFactory(servant=servant, position=position, start=dt.date(2016, 1, 1))


def queries(w, who: str, urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Per page, its queries (the second request: the per-process caches warm) and its rows."""
    client = Client()
    client.force_login(getattr(w, f"{who}_user"))
    found = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, name
        found[name] = (len(captured), response.content.count(b"<tr"))
    return found


@pytest.mark.parametrize("who", ["hr_staff", "b_head"])
def test_the_year_pages_take_the_same_queries_at_any_size(mw, who):
    EditionAssignment.objects.filter(organisation=mw.org).update(valid_from=dt.date(2017, 1, 1))
    more_staff(mw, 3, "small")
    schedule = moj_schedule_draft(actor=mw.hr_staff_user, organisation=mw.org, year=2017)
    periods = list(schedule.periods.order_by("starts", "kind"))
    urls = {f"period {p}": f"/moj/periods/{p.pk}/" for p in periods}
    if who == "hr_staff":
        urls |= {f"notice {p}": f"/moj/periods/{p.pk}/notice/" for p in periods}
        urls["schedule"] = f"/moj/schedule/{schedule.pk}/"
    for period in periods:
        moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
    small = queries(mw, who, urls)
    more_staff(mw, 9, "large")
    for period in periods:
        moj_period_open(actor=mw.hr_staff_user, period_id=period.pk)
    large = queries(mw, who, urls)
    first = f"period {periods[0]}"
    assert large[first][1] == small[first][1] + 9  # the new servants are on the roster
    assert {name: count for name, (count, _rows) in large.items()} == {
        name: count for name, (count, _rows) in small.items()
    }
