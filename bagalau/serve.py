"""`bagalau serve`: the production server as one command (issue 12 item 5).

One supervisor starts, as child processes:

- the web application under gunicorn (`config.wsgi`), `WEB_WORKERS` worker processes (default 2)
  of `WEB_THREADS` threads (default 4) on `BIND` (default 127.0.0.1:8000);
- the task worker (`manage.py db_worker`) when the queue is the database
  (`TASKS_BACKEND=django_tasks_db.backend.DatabaseBackend`); with the in-process default the jobs
  run inside the web workers and no worker is started;
- the periodic jobs (`manage.py tick`, as cron would) every `TICK_SECONDS` (default 3600:
  hourly; 0 turns them off), one run at a time.

They share what one of them works out (`core.memo`) through `SHARED_CACHE_URL`, by default files
under `var/shared-cache`.

A worker that dies is started again (at most `RESTARTS` times, default 5); when gunicorn ends, or
on SIGTERM/SIGINT, every child is stopped (SIGTERM, then SIGKILL after 10 s) and the supervisor
exits with gunicorn's status. `bagalau serve --dev` is Django's development server instead.
Several servers may run behind a load balancer on one PostgreSQL (docs/deployment.md).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DATABASE_QUEUE = "django_tasks_db"
#: The project's root (manage.py, config/): every child runs there.
ROOT = Path(__file__).resolve().parent.parent
STOP_GRACE_SECONDS = 10


@dataclass(frozen=True)
class Plan:
    """What to run: the web server's command, the task worker's (None when not needed), the
    periodic jobs' command and interval (0: never), and how often a worker may be restarted."""

    web: list[str]
    worker: list[str] | None
    tick: list[str]
    tick_seconds: int
    restarts: int


def _positive(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise SystemExit(f"bagalau serve: {name} must be a whole number, not {raw!r}")
    return int(raw)


def plan(environ: Mapping[str, str], python: str = sys.executable) -> Plan:
    """The commands for this environment (pure: nothing is started)."""
    manage = [python, "-m", "django"]
    workers = _positive(environ, "WEB_WORKERS", 2) or 1
    threads = _positive(environ, "WEB_THREADS", 4) or 1
    web = [
        python,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        environ.get("BIND", "127.0.0.1:8000"),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        str(STOP_GRACE_SECONDS),
    ]
    queue = environ.get("TASKS_BACKEND", "")
    worker = [*manage, "db_worker"] if queue.startswith(DATABASE_QUEUE) else None
    return Plan(
        web=web,
        worker=worker,
        tick=[*manage, "tick"],
        tick_seconds=_positive(environ, "TICK_SECONDS", 3600),
        restarts=_positive(environ, "RESTARTS", 5),
    )


def _log(message: str) -> None:
    sys.stderr.write(f"bagalau serve: {message}\n")
    sys.stderr.flush()


def _stop(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    running = [p for p in processes if p.poll() is None]
    for process in running:
        process.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in running:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(steps: Plan, *, poll_seconds: float = 0.5) -> int:
    """Start the children and watch them until gunicorn ends or a signal arrives."""
    stopping: list[int] = []

    def on_signal(number: int, _frame: object) -> None:
        stopping.append(number)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    web = subprocess.Popen(steps.web, cwd=ROOT)
    _log(f"web server started (pid {web.pid}): {' '.join(steps.web[2:])}")
    worker = subprocess.Popen(steps.worker, cwd=ROOT) if steps.worker else None
    if worker is not None:
        _log(f"task worker started (pid {worker.pid})")
    restarts = 0
    gave_up = False
    tick: subprocess.Popen[bytes] | None = None
    next_tick = time.monotonic() if steps.tick_seconds else float("inf")
    while not stopping and web.poll() is None:
        now = time.monotonic()
        if tick is not None and tick.poll() is not None:
            if tick.returncode:
                _log(f"periodic jobs ended with status {tick.returncode}")
            tick = None
        if tick is None and now >= next_tick:
            tick = subprocess.Popen(steps.tick, cwd=ROOT)
            next_tick = now + steps.tick_seconds
        if worker is not None and worker.poll() is not None and steps.worker:
            if restarts >= steps.restarts:
                _log(f"task worker ended with status {worker.returncode}; not restarted again")
                gave_up = True
                break
            restarts += 1
            _log(f"task worker ended with status {worker.returncode}; restarting ({restarts})")
            worker = subprocess.Popen(steps.worker, cwd=ROOT)
        time.sleep(poll_seconds)
    children = [p for p in (web, worker, tick) if p is not None]
    _stop(children)
    _log("stopped")
    if stopping:
        return 0
    return 1 if gave_up else (web.returncode or 0)


def serve(argv: Sequence[str]) -> int:
    """`bagalau serve [--dev [runserver arguments]]`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if argv and argv[0] == "--dev":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["bagalau", "runserver", *argv[1:]])
        return 0
    if argv:
        _log(f"unknown arguments {' '.join(argv)!r}; the server reads BIND, WEB_WORKERS, …")
        return 2
    # the web workers, the task worker and the periodic jobs share what they work out (core.memo)
    os.environ.setdefault("SHARED_CACHE_URL", f"filecache://{ROOT / 'var' / 'shared-cache'}")
    return run(plan(os.environ))
