"""The org pages' HTMX in a real browser: an inline unit form that shows the service's error in
place and reloads the page on success; an absence refused for overlapping, then recorded."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from bagalau.org.models import Unit
from tests.factories import AbsenceFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium"),
]


@pytest.fixture
def page(world, live_server, monkeypatch):
    """A Chromium page logged in as HR staff, reading English."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; the test still reads the database directly.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client = Client()
    client.force_login(world.hr_staff_user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(base_url=live_server.url)
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        context.add_cookies([{"name": "bagalau_language", "value": "en", "url": live_server.url}])
        yield context.new_page()
        browser.close()


def test_edit_a_unit_inline_with_the_error_in_place(world, page):
    page.goto(reverse("org:structure"))
    page.get_by_test_id(f"unit-edit-{world.unit_a.pk}").click()
    slot = page.locator(f"#unit-{world.unit_a.pk}-slot")
    slot.locator("input[name=name_en]").wait_for()
    # Moving the unit under itself is refused next to the "Part of" field; nothing saved.
    slot.locator("select[name=parent]").select_option(str(world.unit_a.pk))
    slot.get_by_role("button", name="Save").click()
    slot.locator("[data-field=parent]").wait_for()
    assert "under itself" in slot.inner_text()
    assert Unit.objects.get(pk=world.unit_a.pk).parent == world.root

    slot.locator("select[name=parent]").select_option(str(world.root.pk))
    slot.locator("input[name=name_en]").fill("Law department")
    slot.get_by_role("button", name="Save").click()
    page.get_by_text("The unit was saved.").wait_for()
    assert "Law department" in page.locator(f"#unit-{world.unit_a.pk} h2").inner_text()
    assert Unit.objects.get(pk=world.unit_a.pk).name_en == "Law department"


def test_an_overlapping_absence_is_refused_in_place_then_recorded(world, page):
    AbsenceFactory(servant=world.a_staff1, start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 10))
    page.goto(reverse("org:servant", args=[world.a_staff1.pk]))
    box = page.get_by_test_id("absence-add")
    box.locator("summary").click()
    box.locator("select[name=kind]").select_option("business_trip")
    box.locator("input[name=start]").fill("2026-05-08")
    box.locator("input[name=end]").fill("2026-05-12")
    box.get_by_role("button", name="Add").click()
    box.locator("[data-field=start]").wait_for()
    assert world.a_staff1.absences.count() == 1

    box.locator("input[name=start]").fill("2026-05-11")
    box.get_by_role("button", name="Add").click()
    page.get_by_text("The absence was recorded.").wait_for()
    assert world.a_staff1.absences.count() == 2
    assert "11.05.2026" in page.get_by_test_id("absences").inner_text()
