"""The `world` built once per test module where that changes nothing a test can see.

Building tests/world.py's apparatus (about 50 rows through factory_boy) for each of the several
thousand tests that start from it was a large part of the suite's time (issue 12: the suite under
25 minutes). In a module where every test that uses the database starts from the world and none
commits (no `transaction=True`, no live server), the world is built once, in a transaction opened
for the module and rolled back after it, the way Django's TestCase.setUpTestData does for a class:
each test runs in its own savepoint inside that transaction, so whatever it writes is undone
before the next, and it gets its own deep copy of the world's objects, so whatever it changes on
them in memory is too. A module with a test that sees the database without the world, or commits,
builds the world for each test as before: that test must not find another test's rows."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test import override_settings

#: Fixtures with which pytest-django runs a test outside a rolled-back transaction.
COMMITTING = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}
#: The settings the function-scoped autouse fixtures of tests/conftest.py give every test, in force
#: while the shared world is built (users' passwords are hashed with the tests' hasher).
TEST_SETTINGS = {
    "LANGUAGE_CODE": "en",
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}

SHARED_MODULES = pytest.StashKey[set[str]]()


def _uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in _fixtures(item)


def _commits(item: pytest.Item) -> bool:
    from pytest_django.plugin import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    return bool(COMMITTING & set(_fixtures(item)))


def _fixtures(item: pytest.Item) -> list[str]:
    return list(getattr(item, "fixturenames", ()))


def _module_of(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def mark_shared_modules(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Remember the modules whose database tests all start from the world and none commits."""
    seen: dict[str, bool] = {}
    for item in items:
        if not _uses_database(item):
            continue
        module = _module_of(item)
        fits = "world" in _fixtures(item) and not _commits(item)
        seen[module] = seen.get(module, True) and fits
    config.stash[SHARED_MODULES] = {module for module, fits in seen.items() if fits}


def shares_world(request: pytest.FixtureRequest) -> bool:
    """Whether the tests of the requesting module share one world."""
    return _module_of(request.node) in request.config.stash.get(SHARED_MODULES, set())


class SharedWorld:
    """The module's world inside the module's transaction."""

    def __init__(self, blocker: Any) -> None:
        from tests.world import build_world

        self.blocker = blocker
        with blocker.unblock(), override_settings(**TEST_SETTINGS):
            self.atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            # As Django's TestCase marks its class transaction: code under test may open a durable
            # atomic block inside it.
            self.atomic._from_testcase = True
            self.atomic.__enter__()
            try:
                self.world = build_world()
            except BaseException:
                self.close()
                raise

    def copy(self) -> SimpleNamespace:
        """A deep copy of the module's world, for one test."""
        return copy.deepcopy(self.world)

    def close(self) -> None:
        """Roll the module's transaction back."""
        with self.blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            self.atomic.__exit__(None, None, None)


def module_world(request: pytest.FixtureRequest, blocker: Any) -> Iterator[SharedWorld | None]:
    """The body of the module-scoped fixture: the module's SharedWorld, rolled back after the
    module, or None where each test builds its own."""
    if not shares_world(request):
        yield None
        return
    shared = SharedWorld(blocker)
    try:
        yield shared
    finally:
        shared.close()
