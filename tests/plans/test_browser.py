"""The inline KPI rows in a real browser (HTMX): add a yes/no KPI with the quarter checkboxes, see
the row's error in place, and the fresh version after each write."""

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.plans.models import PlanStatus
from tests.browser import BROWSER, chromium, page_as
from tests.plans.helpers import plan_in

pytestmark = BROWSER


@pytest.fixture
def page(pw, live_server):
    """A Chromium page logged in as the evaluator (a_head)."""
    with chromium() as browser:
        yield page_as(browser, live_server.url, pw.a_head_user)


def test_add_a_binary_kpi_inline_and_see_an_error_in_the_row(pw, page, clock):
    clock(dt.date(2026, 1, 5))
    plan = plan_in(pw, PlanStatus.DRAFT, kpis=3)
    page.goto(reverse("plans:detail", args=[plan.pk]))

    page.get_by_test_id("kpi-add").click()
    row = page.locator("#kpi-form-new")
    row.wait_for()
    row.locator("textarea[name=name]").fill("Ережелер жинағы бекітілді")
    row.locator("textarea[name=source]").fill("Стратегиялық жоспар, 5-көрсеткіш")
    row.locator("input[name=unit]").fill("иә/жоқ")
    row.locator("select[name=direction]").select_option("binary")
    # A yes/no KPI is planned with a checkbox per quarter; the numbers are hidden.
    assert row.locator("input[name=plan_q2]").is_hidden()
    row.locator("input[name=due_q2]").check()
    row.locator("input[name=deadline]").fill("2027-01-15")
    row.locator("textarea[name=key_result]").fill("Жинақ қолданысқа енгізілді")
    row.get_by_role("button", name="Save").click()

    # The deadline is outside 2026: the error comes back in the same row, nothing saved.
    page.locator("#kpi-form-new .field-error").wait_for()
    assert "31.12.2026" in page.locator("#kpi-form-new").inner_text()
    assert plan.kpis.count() == 3

    page.locator("#kpi-form-new input[name=deadline]").fill("2026-06-30")
    page.locator("#kpi-form-new").get_by_role("button", name="Save").click()
    page.locator("#kpi-rows tr.kpi-row").nth(3).wait_for()
    assert "Ережелер жинағы бекітілді" in page.locator("#kpi-rows").inner_text()

    kpi = plan.kpis.get(number=4)
    assert (kpi.direction, kpi.plan_q1, kpi.plan_q2) == ("binary", None, 1)
    plan.refresh_from_db()
    # The swapped-in body carries the new version, so the next write is not a conflict.
    send = page.locator(
        f"form[action$='/do/send_to_hr/'] input[name=version][value='{plan.version}']"
    )
    assert send.count() == 1
    page.get_by_test_id("do-send_to_hr").click()
    page.get_by_test_id("plan-status").wait_for()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SENT_TO_HR
