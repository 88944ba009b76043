"""The respondents' page of a large body in Chromium: typing a name asks the server and the
servant found can be chosen (issue 12 item 3)."""

from __future__ import annotations

from tests.browser import BROWSER, PHONE, chromium, page_as

pytestmark = BROWSER


def test_typing_a_name_finds_the_servant_in_the_browser(respondents_page, world, live_server):
    target, far, _client, url = respondents_page
    with chromium() as browser:
        tab = page_as(browser, live_server.url, world.hr_staff_user, viewport=PHONE)
        tab.goto(url)
        assert tab.locator(f"input[name=respondents][value='{far.pk}']").count() == 0
        tab.get_by_role("searchbox", name="Search by name").press_sequentially("Алыстағы")
        found = tab.locator(f"input[name=respondents][value='{far.pk}']")
        found.wait_for()
        found.check()
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
