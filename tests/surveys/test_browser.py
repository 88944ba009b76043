"""The 360 survey in a real browser on a phone-sized screen (390x844): a respondent fills and
submits a questionnaire (the draft kept in the browser's localStorage, never on the server; the
confirmation; the read-only "submitted" page); the evaluatee opens the released report with its
radar chart. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bagalau.surveys.models import Ballot
from tests.browser import ARTIFACTS, BROWSER, PHONE, chromium, page_as
from tests.surveys.conftest import AFTER, LISTS, answers, form_codes, sealed_ballots

pytestmark = BROWSER


@pytest.fixture
def browser(live_server):
    """Chromium; `open_as(user)` gives a phone-sized page logged in as that user."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium() as started:

        def open_as(user, *, viewport=PHONE, language="kk"):
            return page_as(started, live_server.url, user, language=language, viewport=viewport)

        yield open_as


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_fill_a_questionnaire_on_a_phone_and_read_the_report(survey, world, browser):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    page = browser(world.b_staff1_user)
    page.goto(reverse("surveys:index"))  # the link carries this session's opaque reference
    page.get_by_role("link", name="Бекова Айгүл").first.click()
    page.get_by_test_id("questionnaire").wait_for()
    assert f"/{invitation.pk}/" not in page.url
    assert "Бекова Айгүл" in page.locator("h1").inner_text()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "survey360-questionnaire-phone.png"))

    # Answer every statement by tapping its label; each change is autosaved.
    codes = form_codes("staff")
    for number, code in enumerate(codes):
        for index in range(3):
            value = 5 - (number + index) % 3  # 5, 4 or 3
            page.locator(
                f"label.survey-option:has(input[name='a_{code}_{index}'][value='{value}'])"
            ).tap()
    page.locator("#autosave .survey-saved").wait_for()
    page.locator("#autosave [data-answered='24']").wait_for()
    page.locator("#c-ethics").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "survey360-questionnaire-answering-phone.png"))
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('bagalau-360-draft-'))"
    assert len(page.evaluate(drafts)) == 1
    page.reload()  # the draft comes back from the browser
    page.locator("#autosave [data-answered='24']").wait_for()
    assert page.locator("input[type=radio]:checked").count() == 24
    page.screenshot(
        path=str(ARTIFACTS / "survey360-questionnaire-filled-phone.png"), full_page=True
    )

    # Submitting without the confirmation is refused in place; with it, once.
    page.get_by_test_id("submit").tap()
    page.locator(".survey-submit .field-error").wait_for()
    page.screenshot(path=str(ARTIFACTS / "survey360-confirm-phone.png"))
    assert not Ballot.objects.exists()
    page.get_by_test_id("confirm").check()
    page.get_by_test_id("submit").tap()
    page.get_by_test_id("submitted").wait_for()
    assert "01.12.2026" in page.get_by_test_id("submitted").inner_text()
    assert page.locator("input[type=radio]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "survey360-submitted-phone.png"))
    assert len(sealed_ballots(survey.target("a_staff1"))) == 1
    assert page.evaluate(drafts) == []  # the browser dropped the draft

    # The others answer, the evaluatee assesses herself, HR closes after the deadline.
    for seed, respondent in enumerate(LISTS["a_staff1"]):
        if respondent != "b_staff1":
            survey.submit(respondent, "a_staff1", seed=seed)
    survey.self_assess("a_staff1", answers("staff", seed=99))
    survey.clock(AFTER)
    survey.close()

    report = browser(world.a_staff1_user)
    report.goto(reverse("surveys:report", args=[survey.target("a_staff1").pk]))
    radar = report.locator("svg.radar")
    radar.wait_for()
    assert radar.is_visible()
    assert report.locator("svg.radar g.series").count() == 2  # others and self
    assert report.locator("tr.survey-lowest").count() == 3
    assert no_horizontal_scroll(report)
    box = radar.bounding_box()
    assert box is not None
    assert box["width"] <= PHONE["width"]
    radar.scroll_into_view_if_needed()
    radar.screenshot(path=str(ARTIFACTS / "survey360-radar-phone.png"))
    assert report.locator("svg.radar .axis-number").first.is_visible()  # numbers on a phone
    report.screenshot(path=str(ARTIFACTS / "survey360-report-phone.png"), full_page=True)

    desktop = browser(world.a_staff1_user, viewport={"width": 1280, "height": 900})
    desktop.goto(reverse("surveys:report", args=[survey.target("a_staff1").pk]))
    desktop.locator("svg.radar").wait_for()
    assert desktop.locator("svg.radar .axis-label").first.is_visible()  # names on a desktop
    desktop.screenshot(path=str(ARTIFACTS / "survey360-report-desktop.png"), full_page=True)
