"""The browser of the end-to-end walks: one headless Chromium for the module, a context per person
(each logs in through the login form), full-page screenshots under tests/artifacts/e2e/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections

from tests.browser import ARTIFACTS as BROWSER_ARTIFACTS
from tests.browser import CHROMIUM, chromium

#: Ignored by git (.gitignore: tests/artifacts/).
ARTIFACTS = BROWSER_ARTIFACTS / "e2e"


@pytest.fixture(scope="module")
def browser(django_db_setup) -> Iterator[object]:
    """One Chromium for the module (a context per person is cheap). The test database is set up
    first (`chromium()`): under Playwright's loop it would be set up on a connection of that
    loop, and the thread's own connection, opened later, would stay when it is dropped."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Chromium")
    with chromium() as started:
        yield started


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
