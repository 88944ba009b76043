"""The browser of the end-to-end walks: one headless Chromium for the module, a context per person
(each logs in through the login form), full-page screenshots under tests/artifacts/e2e/."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: Ignored by git (.gitignore: tests/artifacts/).
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "e2e"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module (a context per person is cheap)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with pytest.MonkeyPatch.context() as patch:
        # Playwright runs an event loop in this thread; the test still reads the database.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
            # Under Playwright's event loop the ORM used its own connection: close it, or
            # PostgreSQL cannot drop the test database at the end of the session.
            connections.close_all()


@pytest.fixture
def close_connections(browser) -> Iterator[None]:
    """Close the connections opened under Playwright's loop after each test as well."""
    yield
    connections.close_all()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/e2e/, emptied of the previous run's screenshots and PDFs."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.pdf")]:
        old.unlink()
    return ARTIFACTS
