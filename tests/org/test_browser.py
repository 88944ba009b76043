"""The org pages' HTMX in a real browser: an inline unit form that shows the service's error in
place and reloads the page on success; an absence refused for overlapping, then recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bagalau.org.models import Unit
from tests.browser import BROWSER, chromium, page_as
from tests.factories import AbsenceFactory

pytestmark = BROWSER


@pytest.fixture
def page(world, live_server):
    """A Chromium page logged in as HR staff, reading English."""
    with chromium() as browser:
        yield page_as(browser, live_server.url, world.hr_staff_user)


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
