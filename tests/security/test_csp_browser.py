"""The Content-Security-Policy in a real browser (issue 8, item 7): the pages, their HTMX, the
plan list's year switch, a result sheet and the Swagger UI served from our own static files run
under the enforced policy without a single violation. Screenshots (390 and 1366 px, Kazakh) of
the pages this work changed go to tests/artifacts/security/. One Chromium for the module, a
browser context per person (closed after each test)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from bagalau.plans.models import PlanStatus
from tests.browser import ARTIFACTS, BROWSER, CHROMIUM, PHONE, chromium, page_as
from tests.notifications.conftest import plan, sheet

pytestmark = BROWSER

SHOTS = ARTIFACTS / "security"
WIDE = {"width": 1366, "height": 900}
RECORD = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation', e =>"
    " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));"
)


@pytest.fixture(scope="module")
def chromium_once(django_db_setup) -> Iterator[Any]:
    """One Chromium for the module (starting it is the slow part; a context is cheap), started
    after the test database is set up (`chromium()`)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Chromium")
    with chromium() as started:
        yield started


@pytest.fixture
def browser(chromium_once) -> Iterator[Any]:
    """The module's Chromium; the test's contexts are closed after it, and the connections the
    ORM opened under Playwright's loop (tests/browser.py)."""
    yield chromium_once
    for context in chromium_once.contexts:
        context.close()
    connections.close_all()


def violations(page) -> list[str]:
    return page.evaluate("window.__csp")


def open_as(browser, live_server, user, *, viewport=None, language="en"):
    page = page_as(browser, live_server.url, user, language=language, viewport=viewport)
    page.context.add_init_script(RECORD)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return page, errors


@pytest.fixture
def cases(world, clock):
    clock(dt.date(2026, 4, 6))
    plan(world, PlanStatus.DRAFT)
    plan(world, PlanStatus.DRAFT, year=2025)
    return {"sheet": sheet(world)}


def test_pages_run_under_the_policy_without_violations(world, cases, live_server, browser):
    visits = {
        world.hr_staff_user: ["/", "/org/", "/org/servants/", "/evaluations/schedule/"],
        world.deputy_user: ["/plans/"],
        world.a_head_user: [f"/evaluations/sheets/{cases['sheet'].pk}/"],
        world.a_staff1_user: ["/evaluations/sheets/mine/", "/notifications/"],
    }
    for user, urls in visits.items():
        page, errors = open_as(browser, live_server, user)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, url
            assert "default-src 'self'" in response.headers["content-security-policy"]
            page.wait_for_load_state("networkidle")
            assert violations(page) == [], url
        assert not [e for e in errors if "Content Security Policy" in e], errors


def test_the_plan_year_switch_works_without_inline_script(world, cases, live_server, browser):
    page, errors = open_as(browser, live_server, world.deputy_user)
    page.goto("/plans/?year=2026")
    page.locator("select[name=year]").select_option("2025")
    page.wait_for_url("**/plans/?*year=2025*")
    assert violations(page) == []
    assert not errors


def test_swagger_ui_is_served_locally_and_runs_under_the_policy(world, live_server, browser):
    page, errors = open_as(browser, live_server, world.hr_staff_user, viewport=WIDE)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    # Swagger UI renders only the operations near the viewport: the first path of the schema
    # shows that it read our schema and rendered it.
    page.get_by_text("/api/v1/audit/entries/", exact=False).first.wait_for()
    assert violations(page) == []
    assert outside == []
    page.screenshot(path=str(SHOTS / "api-docs-1366.png"))


@pytest.mark.parametrize(("name", "viewport"), [("390", PHONE), ("1366", WIDE)])
def test_screenshots_in_kazakh(world, cases, live_server, name, viewport, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, _ = open_as(browser, live_server, world.deputy_user, viewport=viewport, language="kk")
    page.goto("/plans/")
    page.screenshot(path=str(SHOTS / f"plans-{name}.png"), full_page=True)
    assert violations(page) == []

    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.add_cookies([{"name": "bagalau_language", "value": "kk", "url": live_server.url}])
    context.add_init_script(RECORD)
    login = context.new_page()
    for attempt in range(10):
        Client(REMOTE_ADDR="127.0.0.1").post(
            "/login/", {"username": "a_staff1", "password": f"guess{attempt}"}
        )
    login.goto("/login/")
    login.fill("input[name=username]", "a_staff1")
    login.fill("input[name=password]", "pass")
    login.click("main button[type=submit]")
    login.get_by_test_id("lockout").wait_for()
    assert "сәтсіз" in login.get_by_test_id("lockout").inner_text()
    login.screenshot(path=str(SHOTS / f"lockout-{name}.png"), full_page=True)
    assert violations(login) == []
