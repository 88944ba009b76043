"""Driving Debian's Chromium with Playwright, shared by every browser test (pytest.mark.browser).

The Playwright browser download does not work here: the tests use /usr/bin/chromium, which
scripts/system-deps.sh installs. `chromium()` starts it; `page_as()` opens a page already logged
in as a user, in a language, at a viewport size.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Without the background-networking flags Chromium keeps calling home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: Screenshots and downloads (ignored by git).
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: `pytestmark = BROWSER` in a module of browser tests.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium"),
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium. Playwright runs an event loop in this thread while the test still
    reads the database, and the ORM opens its own connection under it: that connection is closed
    afterwards, or PostgreSQL cannot drop the test database at the end of the session. A fixture
    that keeps it for a module asks for `django_db_setup` first: set up under the loop, the test
    database would be dropped through that loop's (closed) connection while the thread's own,
    opened by a later test, still reads it ("being accessed by other users")."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
                connections.close_all()


def page_as(
    browser: Any,
    base_url: str,
    user: Any,
    *,
    language: str = "en",
    viewport: dict[str, int] | None = None,
) -> Any:
    """A new page logged in as `user` (a session cookie, no login form), reading `language`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    phone = viewport == PHONE
    context = browser.new_context(
        base_url=base_url,
        viewport=viewport or DESKTOP,
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
    )
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url},
            {"name": "bagalau_language", "value": language, "url": base_url},
        ]
    )
    return context.new_page()
