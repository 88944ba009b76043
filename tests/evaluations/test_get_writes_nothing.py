"""No GET request writes (issue 9 item 1): the sheet pages and endpoints read the KPI rows as
they are stored; the rows follow the work plan at the writes (the sheet's services, HR opening
the quarter again, the daily notices job)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.evaluations.services.common import kpi_sheets_follow_plans
from bagalau.evaluations.services.sheets import kpi_actuals_save
from tests.evaluations.test_sheets_cases import a_head_plan, kpi_case
from tests.factories import KpiFactory
from tests.stored import stored_rows, tables_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def grown(world, clock):
    """A KPI sheet whose work plan gained a KPI planned in the quarter after its rows were made
    (what the sheet's GET used to write)."""
    clock(dt.date(2026, 4, 6))
    evaluation = kpi_case(world)
    KpiFactory(plan=a_head_plan(world), number=4, name="Жаңа көрсеткіш", unit="дана", plan_q1=5)
    return evaluation


def test_reading_a_sheet_writes_nothing(client, world, grown):
    before = stored_rows()
    client.force_login(world.deputy_user)
    for address in (
        reverse("evaluations:sheet", args=[grown.pk]),
        reverse("api:evaluation-detail", args=[grown.pk]),
    ):
        assert client.get(address).status_code == 200
    client.force_login(world.hr_staff_user)
    for address in (
        reverse("evaluations:sheet_actuals", args=[grown.pk]),
        reverse("api:evaluation-actuals", args=[grown.pk]),
    ):
        assert client.get(address).status_code == 200
    client.force_login(world.hr_head_user)
    assert client.get(reverse("evaluations:paper_entry", args=[grown.pk])).status_code == 200
    assert tables_changed(before, stored_rows()) == []


def test_the_rows_follow_the_plan_at_the_next_write(world, grown):
    assert grown.kpi_results.count() == 3
    kpi_actuals_save(
        actor=world.hr_staff_user, evaluation_id=grown.pk, version=grown.version, values={}
    )
    assert sorted(grown.kpi_results.values_list("kpi__number", flat=True)) == [1, 2, 3, 4]


def test_the_rows_follow_the_plan_when_the_quarter_is_looked_at_again(world, grown):
    assert kpi_sheets_follow_plans(period=grown.period) == 1
    assert sorted(grown.kpi_results.values_list("kpi__number", flat=True)) == [1, 2, 3, 4]
