"""Shared test configuration and fixtures."""

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, settings

from tests.shared_world import mark_shared_modules

# "ci", the default, is sized for `make test` on 2 cores (issue 12: the suite under 25 minutes);
# HYPOTHESIS_PROFILE=thorough searches ten times as far, before a release or after changing a rule.
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """A test database per process: on PostgreSQL so that concurrent runs (two checkouts, CI and a
    developer) never drop each other's database; on SQLite a file, not memory, so that the live
    server of the browser tests has a connection of its own. With an in-memory database Django
    hands the test thread's one connection to the server thread too, and a test that reads the
    database while the browser's request is being served fails with "cannot open savepoint - SQL
    statements in progress" (issue 8 item 9). Nothing in the file needs to survive a crash, so
    it is not synced to disk."""
    from django.conf import settings as django_settings

    for db in django_settings.DATABASES.values():
        test = db.setdefault("TEST", {})
        if db["ENGINE"].endswith("sqlite3"):
            folder = tmp_path_factory.mktemp("db")
            test["NAME"] = str(folder / f"test_{os.getpid()}.sqlite3")
            options = db.setdefault("OPTIONS", {})
            init = options.get("init_command", "")
            options["init_command"] = f"{init};PRAGMA synchronous=OFF".lstrip(";")
            continue
        base = test.get("NAME") or f"test_{db['NAME']}"
        test["NAME"] = f"{base}_p{os.getpid()}"


@pytest.fixture
def batches_only(monkeypatch):
    """INSERTs split only by the code's own batches, as on PostgreSQL: Django splits them on
    SQLite at its compile-time default of 999 parameters, while SQLite since 3.32 takes 32,766;
    tests that count the queries of a bulk operation at two sizes compare the same thing on
    both databases."""
    from django.db import connection

    if connection.vendor == "sqlite":
        monkeypatch.setattr(type(connection.features), "max_query_params", 32766)


@pytest.fixture(scope="module")
def _module_world(request, django_db_setup, django_db_blocker):
    """The world shared by the module's tests where that changes nothing (tests/shared_world.py)."""
    from tests.shared_world import module_world

    yield from module_world(request, django_db_blocker)


@pytest.fixture
def world(db, _module_world):
    """The small apparatus of tests/world.py: the module's copy, or built for this test."""
    from tests.world import build_world

    return build_world() if _module_world is None else _module_world.copy()


@pytest.fixture
def clock(monkeypatch):
    """Set today's date (and time) for the code under test: ``clock(dt.date(2026, 4, 3))``."""
    from django.utils import timezone

    from bagalau.core import clock as clock_module

    def set_today(day: dt.date, hour: int = 10) -> None:
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
        monkeypatch.setattr(clock_module, "now", lambda: moment)
        monkeypatch.setattr(clock_module, "today", lambda: day)

    return set_today


@pytest.fixture(autouse=True)
def _english_unless_a_test_chooses(settings):
    """Pages default to Kazakh; tests read the English msgids unless they pick a language (the
    language tests set LANGUAGE_CODE back to "kk" or send the language cookie)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _nothing_remembered():
    """Each test starts with the process's memos empty: a rolled-back database gives its ids
    again, and a memo's stamps would take the next test's rows for the last one's."""
    from bagalau.core.memo import forget_everything

    forget_everything()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Tests log in many times: use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _private_files(tmp_path_factory):
    """Private uploads (scans of paper sheets) go to a temporary directory of this test process,
    never to var/private."""
    from django.conf import settings as django_settings
    from django.test import override_settings

    storages = {
        **django_settings.STORAGES,
        "private": {
            **django_settings.STORAGES["private"],
            "OPTIONS": {
                **django_settings.STORAGES["private"].get("OPTIONS", {}),
                "location": str(tmp_path_factory.mktemp("private")),
            },
        },
    }
    with override_settings(STORAGES=storages):
        yield


#: The long browser walks, run first (issue 12). pytest-django puts the tests on a live server
#: last, and `make test`'s `--dist worksteal` gives each worker a contiguous half of the list: the
#: every-page walk (a third of a worker's run) queued at the end kept one worker busy while the
#: other had nothing left. First, the other worker takes the tests queued behind them. They flush
#: the database after them like every live-server test; the migrations write no rows that a flush
#: would lose (the content types and permissions are created again by post_migrate).
#: Then the package that reads the demo loaded once per process (tests/demo/conftest.py): at the
#: head of the first worker's half it is loaded by that worker alone (the other steals from the
#: tail), where spread over both it was loaded twice (20 s on SQLite, 41 s on PostgreSQL).
FIRST = (
    "tests/e2e/test_every_page_fits.py::",
    "tests/e2e/test_quarter_walk.py::test_a_quarter_from_the_plan_to_the_calibration_protocol",
    "tests/e2e/test_almaty_year_walk.py::",
    "tests/demo/",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The tests of FIRST at the head of the list, in that order (after pytest-django's sort)."""
    rank = {prefix: place for place, prefix in enumerate(FIRST)}

    def place(item):
        return next((rank[p] for p in FIRST if item.nodeid.startswith(p)), len(FIRST))

    items.sort(key=place)
    mark_shared_modules(config, items)
