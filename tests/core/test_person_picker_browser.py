"""The person picker in Chromium: typing "Ергалиев" (no Kazakh letters) in the members' search
box leaves Ерғалиев and the chosen members visible; clearing it shows everyone (issue 13 item 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser import BROWSER, PHONE, chromium, page_as
from tests.factories import ServantFactory

pytestmark = BROWSER


@pytest.fixture
def page(world, live_server):
    with chromium() as browser:
        yield page_as(browser, live_server.url, world.hr_staff_user, viewport=PHONE)


def test_typing_in_the_filter_narrows_the_members(world, page):
    wanted = ServantFactory(organisation=world.org, last_name="Ерғалиев", first_name="Бауыржан")
    page.goto(reverse("commission:index"))
    box = page.get_by_test_id("order-form")
    box.locator("summary").click()
    members = box.locator("input[name=members]")
    total = members.count()
    assert total > 3
    box.locator(f"input[name=members][value='{world.a_staff1.pk}']").check()
    picker = box.locator("[data-person-picker]:has(input[name=members])")
    search = picker.get_by_role("searchbox", name="Search by name")
    search.press_sequentially("Ергалиев")
    visible = box.locator("input[name=members]:visible")
    assert sorted(visible.evaluate_all("els => els.map(e => e.value)")) == sorted(
        [str(wanted.pk), str(world.a_staff1.pk)]
    )
    assert f"2 of {total} shown" in picker.inner_text()
    search.press("Enter")
    assert page.url.endswith(reverse("commission:index"))
    search.fill("")
    assert box.locator("input[name=members]:visible").count() == total
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
