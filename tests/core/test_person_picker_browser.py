"""The person picker in Chromium: typing "Ергалиев" (no Kazakh letters) in the members' search
box leaves Ерғалиев and the chosen members visible; clearing it shows everyone (issue 13 item 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.core import widgets
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


def test_a_long_list_is_searched_on_the_server_as_one_types(world, live_server, monkeypatch):
    """More persons than the picker writes: typing asks the server, the match can be chosen,
    and the order is recorded with it (issue 12 item 3)."""
    monkeypatch.setattr(widgets, "SHOWN_AT_MOST", 3)
    wanted = ServantFactory(organisation=world.org, last_name="Ұлықбеков", first_name="Бауыржан")
    other = ServantFactory(organisation=world.org, last_name="Үмбетов", first_name="Асқар")
    with chromium() as browser:
        page = page_as(browser, live_server.url, world.hr_staff_user, viewport=PHONE)
        page.goto(reverse("commission:index"))
        box = page.get_by_test_id("order-form")
        box.locator("summary").click()
        assert box.locator("input[name=members]").count() == 3
        assert box.locator(f"input[name=members][value='{wanted.pk}']").count() == 0
        picker = box.locator("[data-person-find=members]")
        picker.get_by_role("searchbox", name="Search by name").press_sequentially("улыкбек")
        found = box.locator(f"input[name=members][value='{wanted.pk}']")
        found.wait_for()
        assert "1 person whose name contains" in picker.inner_text()
        found.check()
        search = picker.get_by_role("searchbox", name="Search by name")
        search.fill("")
        search.press_sequentially("умбет")
        box.locator(f"input[name=members][value='{other.pk}']").wait_for()
        assert found.is_checked()  # the chosen person stays through the next search
        assert box.locator("input[name=members]").count() == 2
        assert page.url.endswith(reverse("commission:index"))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
