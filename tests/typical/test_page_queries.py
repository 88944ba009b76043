"""The typical-2018 HR pages of a year (issue 12 item 3): the schedule, the annual roster and the
development list make the same number of queries with 3 and 12 more servants, the year opened
(the roster is cut into pages in the database)."""

from __future__ import annotations

import pytest

from bagalau.evaluations.models import PeriodKind
from bagalau.typical.services.schedule import typical_period_open
from tests.moj.test_page_queries import queries
from tests.typical.conftest import schedule_in_force
from tests.typical.test_home_queries import more_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["hr_staff", "b_head"])
def test_the_year_pages_take_the_same_queries_at_any_size(tw, who):
    more_staff(tw, 3, "small")
    schedule = schedule_in_force(tw)
    period = schedule.periods.get(kind=PeriodKind.ANNUAL)
    typical_period_open(actor=tw.hr_staff_user, period_id=period.pk)
    urls = {"roster": f"/typical/periods/{period.pk}/"}
    urls["development"] = f"/typical/periods/{period.pk}/development/"
    if who == "hr_staff":
        urls["schedule"] = f"/typical/schedule/{schedule.pk}/"
    small = queries(tw, who, urls)
    more_staff(tw, 9, "large")
    typical_period_open(actor=tw.hr_staff_user, period_id=period.pk)
    large = queries(tw, who, urls)
    assert large["roster"][1] == small["roster"][1] + 9  # the new servants are on the roster
    assert {name: count for name, (count, _rows) in large.items()} == {
        name: count for name, (count, _rows) in small.items()
    }
