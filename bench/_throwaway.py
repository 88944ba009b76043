"""The throw-away PostgreSQL database the whole-organisation benchmarks build their apparatus on:
Django's test runner creates `test_<name>` next to the database of DATABASE_URL and drops it
at the end, so a run never touches real data."""

from __future__ import annotations

from collections.abc import Callable


def on_throwaway_database(script: str, work: Callable[[], object], *, keep: bool = False) -> int:
    """Set Django up, run `work` on a fresh test database and drop it (with `keep`, leave it for
    a look at the pages afterwards; the next run replaces it); the exit status (2, with a line
    saying why, when DATABASE_URL is not PostgreSQL)."""
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment, teardown_test_environment

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        print(f"{script} runs on PostgreSQL: set DATABASE_URL=postgres://…")
        return 2
    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        work()
    finally:
        if keep:
            from django.db import connection

            print(f"database kept: {connection.settings_dict['NAME']}")
        else:
            runner.teardown_databases(old)
        teardown_test_environment()
    return 0
