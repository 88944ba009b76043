"""The demo as of DEMO_DAY, loaded once for the whole package (tests/demo): loading it takes
about a minute, and the five modules that read it share one load per test process. The tests
that load it as of other days live in tests/demo_dates, outside the package, so that they never
run inside this load."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from bagalau.core import clock as clock_module
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.structure import ORG_NAME
from bagalau.org.models import Organisation
from tests.demo.loading import DEMO_DAY, load


@pytest.fixture(scope="package")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the package as of DEMO_DAY, in a transaction rolled back after
    the package's tests (each test runs in its own savepoint inside it)."""
    fast = override_settings(  # the hasher the tests log in with (conftest._fast_passwords)
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            before = (clock_module.now, clock_module.today, timezone.now)
            with clock_at(moment_of(DEMO_DAY, 12)):
                output = load()
                assert clock_module.today() == DEMO_DAY  # the demo put this clock back
            assert (clock_module.now, clock_module.today, timezone.now) == before
            yield output
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, db):
    assert "Loaded the demo year 2026" in demo_loaded
    return Organisation.objects.get(name_kk=ORG_NAME)
