"""Issue 13 items 1, 2, 9, 12: every page each demo login reaches (the apparatus, the Almaty
maslikhat and the justice department) fits a 390 px phone and a 1366 px desktop in Kazakh,
Russian and English (the document never scrolls sideways: wide tables wrap or scroll inside
their card), a Kazakh or Russian page shows no English sentence of the catalogue (a string that
escaped translation), no page answers with a server error, and none of these GET requests writes
a row (issue 9 item 1; the read trail aside: audited reads, sessions). The admin's Django admin is
walked too. (English text is not kept: nothing checks it for English.)

The layout and the words of a page do not depend on the database, its answer does: on SQLite the
walk measures every language at both widths; on PostgreSQL it opens the same pages once, in
Kazakh at the desktop width, and checks that each answers without a server error (the measures
there would repeat SQLite's at the cost of a quarter of the PostgreSQL run).

The demo is loaded once (as of 24 November 2026, the day tests/demo walks), one Chromium, one
browser context per login and language; the pages are found by following links (tests/e2e/pages.py).
"""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from bagalau.demo.almaty_structure import ALMATY_LOGINS
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.justice_structure import JUSTICE_LOGINS
from bagalau.demo.structure import LOGINS
from tests.browser import BROWSER, page_as
from tests.e2e.pages import DESKTOP, PHONE, english_phrases, untranslated, walk
from tests.stored import stored_rows, tables_changed

pytestmark = BROWSER

DEMO_DAY = dt.date(2026, 11, 24)
LANGUAGES = ("kk", "ru", "en")
#: The widths each language is measured at.
WIDTHS = dict.fromkeys(LANGUAGES, (DESKTOP, PHONE))


def measured_languages() -> tuple[str, ...]:
    """Every language on SQLite; Kazakh alone on PostgreSQL (see the module's docstring)."""
    return LANGUAGES if connection.vendor == "sqlite" else LANGUAGES[:1]


def widths_of(language: str) -> tuple[dict[str, int], ...]:
    return WIDTHS[language] if connection.vendor == "sqlite" else (DESKTOP,)


#: Pages every login opens at least (the dashboard, notifications, the profile...): a walk that
#: finds fewer lost its way (a failed login, a broken menu).
AT_LEAST = 3


@pytest.fixture
def demo_site(live_server, clock):
    """The demo, built through the services as of DEMO_DAY; the server's clock stays there."""
    begun = time.monotonic()
    with clock_at(moment_of(DEMO_DAY, 12)):
        call_command("demo", stdout=io.StringIO())
    clock(DEMO_DAY, 12)
    print(f"\nthe demo loaded in {time.monotonic() - begun:.0f} s")
    return live_server.url


def test_every_page_of_every_demo_login_fits_a_phone_and_a_desktop_untranslated_nothing(
    demo_site, browser, close_connections
):
    started = time.monotonic()
    languages = measured_languages()
    phrases = {
        language: english_phrases(language) for language in ("kk", "ru") if language in languages
    }
    stored = stored_rows()
    overflowing: list[str] = []
    escaped: list[str] = []
    unnamed: list[str] = []
    failed: list[str] = []
    opened = 0
    for username, *_ in LOGINS + ALMATY_LOGINS + JUSTICE_LOGINS:
        user = User.objects.get(username=username)
        paths: list[str] | None = None
        admin_paths: list[str] = []
        for language in languages:
            page = page_as(browser, demo_site, user, language=language, viewport=DESKTOP)
            measured = {"widths": widths_of(language), "text": language in phrases}
            try:
                if paths is None:
                    visits = walk(page, ["/"], **measured)
                    paths = [visit.url for visit in visits]
                    if user.is_staff:
                        admin_visits = walk(page, ["/admin/"], admin=True, **measured)
                        admin_paths = [visit.url for visit in admin_visits]
                        visits += admin_visits
                    assert len(paths) >= AT_LEAST, f"{username} reached only {paths}"
                else:
                    visits = walk(page, [*paths, *admin_paths], follow=False, **measured)
            finally:
                page.context.close()
            opened += len(visits)
            for visit in visits:
                if visit.status >= 500:
                    failed.append(f"{username} {language} {visit.url}: {visit.status}")
                for width, widest in visit.overflow.items():
                    overflowing.append(f"{username} {language} {width}px {visit.url}: {widest}")
                unnamed.extend(f"{username} {language} {visit.url}: {u}" for u in visit.unnamed)
                if language in phrases:
                    for phrase in untranslated(visit.text, phrases[language]):
                        escaped.append(f"{username} {language} {visit.url}: {phrase!r}")
    print(f"\n{opened} pages opened in {time.monotonic() - started:.0f} s")
    assert not failed, "\n".join(failed)
    assert tables_changed(stored, stored_rows()) == []
    assert not overflowing, "\n".join(overflowing)
    assert not escaped, "\n".join(escaped)
    assert not unnamed, "\n".join(unnamed)
