"""A bounded loopback load test (issue 12, "Done means"): gunicorn with 2 workers against a filled
PostgreSQL database, N clients for S seconds.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bagalau_bench \\
        .venv/bin/python bench/load.py --servants 100000 --clients 50 --seconds 30

A smoke try: `--servants 200 --clients 10 --seconds 5`.

Builds the apparatus of bench/_scale_world.py on a throw-away test database (`test_<name>` next to
the database of DATABASE_URL, dropped at the end) for the current year: the schedule, the
managers' plans, the third quarter opened, the 360 campaign open. Then starts `gunicorn
config.wsgi` with 2 workers on a free loopback port against that database, makes a session for
each client directly (Django's SessionStore: no login page, no password hashing in the
measure), and runs the clients as threads (http.client, one keep-alive connection each), each in
turn requesting:

- the evaluator dashboard (home of the evaluator with the most sheets of the quarter);
- a sheet page (one of that evaluator's sheets);
- the 360 submit: a respondent's questionnaire page (GET) and its submission without answers
  (POST: refused with the page again and nothing written), so the run can repeat without using
  up the open invitations and measures the submit path up to the seal.

It prints, one figure a line, per endpoint: requests, p50/p95/p99 in milliseconds, req/s, and
the statuses seen. Speed is never asserted: the figures are read against issue 12.

The first run is the closed loop the issue asks for: each client sends its next request as soon
as the last one is answered. With `--rates 4,8,12` the same server is then paced: the N clients
together start R requests a second (each client one every N/R seconds, or at once when its
last answer came later), one run of S seconds a rate, to read what rate one server answers
within a given p95 (sizing, docs/deployment.md). With `--floor` the same clients first ask, in
the closed loop, for `/healthz` (middleware and one `SELECT 1`), without a session and with one:
the most requests a second the server can answer at all, whatever the page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

QUESTIONNAIRE = re.compile(r'href="(/[^"]*questionnaires/[^"/]+/)"')


@dataclass
class Endpoint:
    """The timings of one endpoint, shared by the clients (appended under the lock)."""

    name: str
    seconds: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Client:
    """One client: the evaluator's session (the dashboard and a sheet) and a respondent's (the
    questionnaire), each a (session key, CSRF token) pair."""

    evaluator: tuple[str, str]
    respondent: tuple[str, str]
    sheet: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _session(user: Any) -> tuple[str, str]:
    """A logged-in session of `user` (what django.contrib.auth.login stores) and a CSRF token."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key), _get_new_csrf_string()


def build(servants: int) -> tuple[Any, list[Any], list[Any]]:
    """The apparatus of this year with Q3 open and the 360 campaign open: the busiest evaluator,
    their sheets, and respondents with an open invitation."""
    import _scale_world as world_build
    from django.utils import timezone

    from bagalau.demo.clock import clock_at, moment_of
    from bagalau.evaluations.models import Evaluation
    from bagalau.surveys.models import Invitation
    from bagalau.surveys.services import campaign_open

    year = timezone.localdate().year
    world = world_build.build_structure(servants, year)
    world_build.approve_schedule(world)
    world_build.approve_plans(world)
    world_build.bulk_quarter(world, 3)
    q3 = world_build.quarter_period(world, 3)
    evaluator = world_build.busiest_evaluator(q3)
    sheets = list(Evaluation.objects.filter(period=q3, evaluator__user=evaluator).order_by("pk"))
    with clock_at(moment_of(dt.date(year, 12, 1), 9)):
        campaign = world_build.bulk_campaign(world)
        world_build.complete_lists(campaign)
        campaign_open(actor=world.hr, campaign_id=campaign.pk)
    open_invitations = (
        Invitation.objects.filter(target__campaign=campaign, completed=False)
        .select_related("respondent__user")
        .order_by("pk")[:500]
    )
    respondents = list({i.respondent.user_id: i.respondent.user for i in open_invitations}.values())
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum would do after a bulk load
        cursor.execute("VACUUM ANALYZE")
    print(f"built: {world.servants} servants, {len(sheets)} sheets of the evaluator")
    print(f"built: {len(respondents)} respondents with an open questionnaire")
    sys.stdout.flush()
    return evaluator, sheets, respondents


class Connection:
    """A keep-alive connection of one client, opened again when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(
        self, session: tuple[str, str], method: str, path: str, body: str = ""
    ) -> tuple[int, str]:
        key, csrf = session
        headers = {"Host": "127.0.0.1"}
        if key:
            headers["Cookie"] = f"sessionid={key}; csrftoken={csrf}; bagalau_language=kk"
        if method == "POST":
            headers["X-CSRFToken"] = csrf
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.http.request(method, path, body=body or None, headers=headers)
                response = self.http.getresponse()
                return response.status, response.read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                self.http.close()
                self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def _timed(endpoint: Endpoint, lock: threading.Lock, call: Callable[[], tuple[int, str]]) -> None:
    started = time.perf_counter()
    try:
        status, _text = call()
    except (http.client.HTTPException, OSError):
        status = 0
    elapsed = time.perf_counter() - started
    with lock:
        endpoint.seconds.append(elapsed)
        endpoint.statuses[status] = endpoint.statuses.get(status, 0) + 1


def _client_loop(
    port: int,
    client: Client,
    until: float,
    endpoints: dict[str, Endpoint],
    lock: threading.Lock,
    interval: float = 0.0,
    offset: float = 0.0,
    turn: int = 0,
) -> None:
    """One client's requests until `until`, in turn from the `turn`-th (the clients start at
    different endpoints, so that each moment sees the mix); `interval`: the seconds between the
    starts of two requests (0: the next as soon as the last is answered), the first `offset`
    seconds after the run starts (paced clients start one after another, not all at once)."""
    if offset:
        time.sleep(offset)  # pacing the client (bench only, never in a test)
    connection = Connection(port)
    # the questionnaire's reference belongs to the session: read it from the respondent's index
    _status, text = connection.request(client.respondent, "GET", "/surveys/")
    found = QUESTIONNAIRE.search(text)
    questionnaire = found.group(1) if found else ""
    evaluator, respondent = client.evaluator, client.respondent
    calls: list[tuple[str, Callable[[], tuple[int, str]]]] = [
        ("dashboard", lambda: connection.request(evaluator, "GET", "/")),
        ("sheet", lambda: connection.request(evaluator, "GET", client.sheet)),
    ]
    if questionnaire:
        calls += [
            ("360 page", lambda: connection.request(respondent, "GET", questionnaire)),
            (
                "360 submit",
                lambda: connection.request(respondent, "POST", questionnaire, "confirm=1"),
            ),
        ]
    turn %= len(calls)
    calls = calls[turn:] + calls[:turn]
    start = time.perf_counter()
    while start < until:
        for key, call in calls:
            _timed(endpoints[key], lock, call)
            start += interval
            pause = start - time.perf_counter()
            if pause > 0:
                time.sleep(pause)  # pacing the client (bench only, never in a test)
            else:
                start = time.perf_counter()
            if start >= until:
                break


def _together(threads: list[threading.Thread]) -> float:
    """Run the clients' threads at once; the seconds until the last one ends."""
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def _floor_loop(
    port: int,
    session: tuple[str, str],
    until: float,
    endpoint: Endpoint,
    lock: threading.Lock,
) -> None:
    """One client asking `/healthz` (one `SELECT 1`, no template) until `until`, closed loop."""
    connection = Connection(port)
    while time.perf_counter() < until:
        _timed(endpoint, lock, lambda: connection.request(session, "GET", "/healthz"))


def _floor(port: int, prepared: list[Client], seconds: float) -> None:
    """The same clients in the closed loop on the cheapest answer the server gives: `/healthz`
    without a session (the middleware and one database round trip) and with the evaluator's
    session (its read and, each request restarting the idle time, its write). What a page can
    cost at most for the clients' p95 to stay within a target is read against these."""
    for label, session in (
        ("healthz (no session)", ("", "")),
        ("healthz (logged in)", prepared[0].evaluator),
    ):
        endpoint, lock = Endpoint(label), threading.Lock()
        until = time.perf_counter() + seconds
        threads = [
            threading.Thread(target=_floor_loop, args=(port, session, until, endpoint, lock))
            for _client in prepared
        ]
        seconds_taken = _together(threads)
        print("run: closed loop, the floor")
        report({label: endpoint}, seconds_taken)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index] * 1000


def report(endpoints: dict[str, Endpoint], seconds: float) -> None:
    """One figure a line per endpoint."""
    for endpoint in endpoints.values():
        label = endpoint.name
        count = len(endpoint.seconds)
        print(f"{label}: requests: {count}")
        if count:
            for share, name in ((0.5, "p50"), (0.95, "p95"), (0.99, "p99")):
                print(f"{label}: {name} ms: {_percentile(endpoint.seconds, share):.0f}")
        print(f"{label}: req/s: {count / seconds:.1f}")
        print(f"{label}: statuses: {dict(sorted(endpoint.statuses.items()))}")
        sys.stdout.flush()


def _wait_for(port: int, server: subprocess.Popen[bytes], limit: float = 60.0) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn ended before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)  # the server is still starting (not a test: bench polling)
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def _endpoints() -> dict[str, Endpoint]:
    return {
        key: Endpoint(name)
        for key, name in (
            ("dashboard", "evaluator dashboard"),
            ("sheet", "sheet page"),
            ("360 page", "360 questionnaire page"),
            ("360 submit", "360 submit (refused, no answers)"),
        )
    }


def _phase(port: int, prepared: list[Client], seconds: float, rate: float) -> None:
    """The clients for `seconds` against the server, closed loop (`rate` 0) or paced."""
    endpoints = _endpoints()
    lock = threading.Lock()
    interval = len(prepared) / rate if rate else 0.0
    until = time.perf_counter() + seconds
    threads = [
        threading.Thread(
            target=_client_loop,
            args=(port, client, until, endpoints, lock, interval, n / rate if rate else 0.0, n),
        )
        for n, client in enumerate(prepared)
    ]
    seconds_taken = _together(threads)
    print(f"run: {'closed loop' if not rate else f'paced at {rate:g} requests a second'}")
    report(endpoints, seconds_taken)


def run(
    servants: int, clients: int, seconds: float, rates: list[float], floor: bool = False
) -> None:
    from django.db import connection
    from django.urls import reverse

    evaluator, sheets, respondents = build(servants)
    evaluator_session = _session(evaluator)
    prepared = [
        Client(
            evaluator=evaluator_session,
            respondent=_session(respondents[n % len(respondents)]),
            sheet=reverse("evaluations:sheet", args=[sheets[n % len(sheets)].pk]),
        )
        for n in range(clients)
    ]
    connection.close()
    port = _free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
    }
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
    )
    try:
        _wait_for(port, server)
        if floor:
            _floor(port, prepared, seconds)
        for rate in (0.0, *rates):
            _phase(port, prepared, seconds, rate)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--rates",
        default="",
        help="after the closed loop, runs paced at these requests a second (e.g. 4,8,12)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="first the closed loop on /healthz, without and with a session (the stack's floor)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="leave the database for a look at the pages"
    )
    args = parser.parse_args()
    rates = [float(rate) for rate in args.rates.split(",") if rate.strip()]
    from _throwaway import on_throwaway_database

    return on_throwaway_database(
        "bench/load.py",
        lambda: run(args.servants, args.clients, args.seconds, rates, args.floor),
        keep=args.keep,
    )


if __name__ == "__main__":
    raise SystemExit(main())
