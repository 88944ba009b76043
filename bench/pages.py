"""Page timings with the demo data: the demo is loaded into a temporary SQLite file (the load is
timed), then Django's test client opens the main pages as each demo login and prints the median
time of `--repeat` requests (default 5) with the SQL queries of one request.

.venv/bin/python bench/pages.py [--repeat 5] [--keep]

The objects opened are the ones each login would look at: its own (or evaluated) Q3 KPI and
differentiation sheet, the work plan it drafts or owns, the Q3 calibration session, the Q3 roster;
a login that may not see any gets the servant's or the legal head's, and the status shows the
refusal (404/403) - the cost of saying no is measured too.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])

    folder = Path(tempfile.mkdtemp(prefix="bagalau-pages-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'demo.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrated = time.perf_counter()
        call_command("demo", stdout=io.StringIO())
        loaded = time.perf_counter()
        print(f"Python {sys.version.split()[0]}, SQLite file {folder / 'demo.sqlite3'}")
        print(f"migrate (empty database)        {migrated - started:8.1f} s")
        print(f"manage.py demo                  {loaded - migrated:8.1f} s")
        measure(args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


class QueryCounter:
    """A database execute wrapper that counts the queries run through it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def measure(repeat: int) -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from bagalau.calibration.models import Session
    from bagalau.demo.structure import LOGINS
    from bagalau.evaluations.access import evaluations_visible_to
    from bagalau.evaluations.models import Evaluation, Method, Period, PeriodKind
    from bagalau.plans.access import plans_visible_to
    from bagalau.plans.models import WorkPlan

    q3 = Period.objects.filter(kind=PeriodKind.QUARTER, number=3).order_by("-schedule__year")[0]
    year = q3.schedule.year
    in_q3 = Evaluation.objects.filter(period=q3)
    default_kpi = in_q3.get(servant__user__username="evaluator")
    default_diff = in_q3.get(servant__user__username="servant")
    default_plan = WorkPlan.objects.get(servant__user__username="evaluator", year=year)
    session = Session.objects.get(application__evaluation__period=q3)

    def sheet(user: User, method: str, default: Evaluation) -> int:
        mine = evaluations_visible_to(user).filter(period=q3, method=method)
        own = mine.filter(servant__user=user).first()
        return (own or mine.order_by("pk").first() or default).pk

    print(f"\nmedian of {repeat} requests (ms) / SQL queries of one request; status when not 200")
    pages = [
        "dashboard",
        "structure",
        "schedule",
        "roster",
        "KPI sheet",
        "diff. sheet",
        "session",
        "work plan",
        "PDF",
    ]
    print(f"{'login':<12}" + "".join(f"{name:>16}" for name in pages))
    for username, _role, _what in LOGINS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        plan = (
            plans_visible_to(user).filter(servant__user=user, year=year).first()
            or plans_visible_to(user).filter(year=year).order_by("pk").first()
            or default_plan
        )
        diff = sheet(user, Method.DIFFERENTIATION, default_diff)
        urls = [
            "/",
            "/org/",
            f"/evaluations/schedule/?year={year}",
            f"/evaluations/schedule/periods/{q3.pk}/",
            f"/evaluations/sheets/{sheet(user, Method.KPI, default_kpi)}/",
            f"/evaluations/sheets/{diff}/",
            f"/calibration/sessions/{session.pk}/",
            f"/plans/{plan.pk}/",
            f"/documents/evaluations/{diff}/sheet.pdf",
        ]
        cells = []
        for url in urls:
            times, queries, status = [], 0, 0
            for _ in range(repeat):
                counter = QueryCounter()
                with connection.execute_wrapper(counter):
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                queries, status = counter.count, response.status_code
            text = f"{statistics.median(times) * 1000:.0f}/{queries}"
            cells.append(text if status == 200 else f"{status} {text}")
        print(f"{username:<12}" + "".join(f"{cell:>16}" for cell in cells))


if __name__ == "__main__":
    main()
