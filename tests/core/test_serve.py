"""`bagalau serve` (issue 12 item 5): what it runs for an environment, and a smoke test that
starts the production server — gunicorn, the database task worker and the periodic jobs — on the
test database, fetches the health check and the login page, and stops it cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection

from bagalau.serve import plan


def test_the_defaults_are_two_workers_no_task_worker_and_an_hourly_tick():
    steps = plan({}, python="py")
    assert steps.web[:4] == ["py", "-m", "gunicorn", "config.wsgi:application"]
    assert steps.web[steps.web.index("--bind") + 1] == "127.0.0.1:8000"
    assert steps.web[steps.web.index("--workers") + 1] == "2"
    assert steps.worker is None  # the in-process queue needs no worker
    assert (steps.tick, steps.tick_seconds) == (["py", "-m", "django", "tick"], 3600)


def test_the_database_queue_gets_its_worker_and_the_environment_sets_the_rest():
    steps = plan(
        {
            "TASKS_BACKEND": "django_tasks_db.backend.DatabaseBackend",
            "BIND": "0.0.0.0:9000",
            "WEB_WORKERS": "5",
            "TICK_SECONDS": "0",
        },
        python="py",
    )
    assert steps.worker == ["py", "-m", "django", "db_worker"]
    assert steps.web[steps.web.index("--bind") + 1] == "0.0.0.0:9000"
    assert steps.web[steps.web.index("--workers") + 1] == "5"
    assert steps.tick_seconds == 0


@pytest.mark.parametrize("value", ["two", "-1", "٢", " 2x"])
def test_a_malformed_number_stops_with_its_name(value):
    with pytest.raises(SystemExit, match="WEB_WORKERS"):
        plan({"WEB_WORKERS": value})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    db = connection.settings_dict  # the test database, once the `db` fixture made it
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  (loopback only)
        return response.status, response.read().decode()


def test_the_production_server_starts_serves_and_stops(db, tmp_path):
    port = _free_port()
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": _database_url(),
        "BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "1",
        "TICK_SECONDS": "3600",
        "TASKS_BACKEND": "django_tasks_db.backend.DatabaseBackend",
        "SHARED_CACHE_URL": f"filecache://{tmp_path / 'shared-cache'}",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "bagalau.cli", "serve"],
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 90
            status = None
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    status, _body = _get(f"http://127.0.0.1:{port}/healthz")
                    break
                except OSError:
                    time.sleep(0.2)  # polling the start-up, not waiting for a result
            assert status == 200, log.read_text()
            status, body = _get(f"http://127.0.0.1:{port}/login/")
            assert status == 200
            assert 'name="password"' in body
        finally:
            server.send_signal(signal.SIGTERM)
            code = server.wait(timeout=60)
    text = log.read_text()
    assert code == 0, text
    assert "task worker started" in text
    assert "stopped" in text
