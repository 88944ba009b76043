"""A moj-2017 quarterly or annual evaluation reached by the shared result link
(`evaluations:sheet`, used by the tasks, the results lists and the notifications): the reader who
may see its App. 3 or App. 4 sheet is sent there; before the sheet is opened, and for anyone
else, there is nothing (404)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.commission import services
from bagalau.evaluations.models import EvaluationStatus, Period, PeriodStatus
from bagalau.moj.services.annual_sheet import annual_sheet_open
from bagalau.moj.services.quarter_sheet import quarter_sheet_open
from tests.commission import moj_world
from tests.moj.test_annual_sheet import annual_of, year  # noqa: F401  (fixture)
from tests.moj.test_quarter_sheet_api import evaluation  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _get(user, evaluation):  # noqa: F811
    client = Client()
    client.force_login(user)
    return client.get(reverse("evaluations:sheet", args=[evaluation.pk]))


def test_the_shared_result_link_leads_to_the_quarterly_sheet(mw, evaluation):  # noqa: F811
    assert _get(mw.b_staff1_user, evaluation).status_code == 404
    sheet = quarter_sheet_open(actor=mw.b_head_user, evaluation_id=evaluation.pk)
    for user in (mw.b_staff1_user, mw.b_head_user, mw.hr_staff_user):
        response = _get(user, evaluation)
        assert response.status_code == 302
        assert response["Location"] == reverse("moj:quarter_sheet", args=[sheet.pk])
    for user in (mw.a_staff1_user, mw.outsider_user):
        assert _get(user, evaluation).status_code == 404


def test_the_shared_result_link_leads_to_the_annual_sheet(year):  # noqa: F811
    annual = annual_of(year, year.b_staff1)
    assert _get(year.b_staff1_user, annual).status_code == 404
    sheet = annual_sheet_open(actor=year.b_head_user, evaluation_id=annual.pk)
    for user in (year.b_staff1_user, year.b_head_user, year.hr_staff_user):
        response = _get(user, annual)
        assert response.status_code == 302
        assert response["Location"] == reverse("moj:annual_sheet", args=[sheet.pk])
    for user in (year.a_staff1_user, year.outsider_user):
        assert _get(user, annual).status_code == 404


def test_a_moj_result_stays_out_of_the_sjc_2023_result_lists(world, clock):
    """The home page, "My results" and its API word results by the sjc-2023 rules: a moj-2017
    quarter is not among them (its final result broke the home page of the demo's justice
    department); its page is the App. 3 sheet."""
    w = moj_world.build(world, clock)
    moj_world.decided_quarter(w)
    services.commission_result_acknowledge(
        actor=w.a_staff1_user, evaluation_id=w.quarter1.pk, acknowledged_on=moj_world.TODAY
    )
    w.quarter1.refresh_from_db()
    assert w.quarter1.status == EvaluationStatus.FINAL
    client = Client()
    client.force_login(w.a_staff1_user)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("evaluations:my_results")).status_code == 200
    response = client.get(reverse("api:evaluations-mine"))
    assert response.status_code == 200
    assert w.quarter1.pk not in [row["id"] for row in response.json()]


def test_the_sjc_2023_cycle_overview_leaves_a_moj_period_to_its_own_pages(world, clock):
    """HR's home page lists the open sjc-2023 quarters with their cycle overview; an open moj-2017
    period is not among them and its overview answers 404 (it broke the home page links of the
    demo's justice department with a 500)."""
    w = moj_world.build(world, clock)
    Period.objects.filter(pk=w.q3.pk).update(status=PeriodStatus.OPEN)
    client = Client()
    client.force_login(w.hr_staff_user)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    progress = reverse("evaluations:schedule_progress", args=[w.q3.pk])
    assert progress not in home.content.decode()
    assert client.get(progress).status_code == 404
