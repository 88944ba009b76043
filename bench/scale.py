"""Whole-organisation operations and pages on a synthetic apparatus (issue 12 item 1).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bagalau_bench \\
        .venv/bin/python bench/scale.py [--servants 10000]

Builds the apparatus of bench/_scale_world.py on a throw-away test database (Django's test runner
creates `test_<name>` next to the database of DATABASE_URL and drops it at the end), replays the
year through bulk paths, then runs each whole-organisation operation and page once and prints,
one figure a line: seconds, SQL queries and peak Python memory (tracemalloc, which slows Python
down: compare the seconds with each other, not with a run without it; `--no-trace` prints the
process's peak resident memory during the measure instead), and for the
recomputations the ratio of their seconds to one raw SQL AVG over the same rows. Then the same
apparatus again under a typical-2018 edition and under moj-2017 (bench/_scale_cycles.py: each
year's whole cycle, its sheets written in bulk and HR's and the commission's operations and pages
timed; `--no-cycles` leaves them out, `--cycles-only` runs only them). It prints the machine and
the database first.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# the application processes share what they work out through files, as under `bagalau serve`
os.environ.setdefault("SHARED_CACHE_URL", "filecache:///tmp/bagalau-bench-cache")


TRACE = True


class QueryCounter:
    """A database execute wrapper that counts the queries run through it."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def measure(label: str, action: Callable[[], Any]) -> tuple[Any, float]:
    """Run `action` once; print its seconds, queries and peak memory, one a line."""
    from django.db import connection

    counter = QueryCounter()
    if TRACE:
        tracemalloc.start()
    else:
        before = _reset_peak_rss()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = action()
    seconds = time.perf_counter() - started
    print(f"{label}: seconds: {seconds:.2f}")
    print(f"{label}: queries: {counter.count}")
    if TRACE:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{label}: peak memory MiB: {peak / 2**20:.1f}")
    else:
        rss = _peak_rss_mib()
        if rss is not None:
            print(f"{label}: peak resident memory MiB: {rss:.0f} ({rss - before:+.0f} on entry)")
    sys.stdout.flush()
    return result, seconds


def _reset_peak_rss() -> float:
    """Reset the process's resident high-water mark (Linux: 5 to /proc/self/clear_refs) to what
    it holds now, which is returned (MiB; 0 off Linux)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return 0.0
    return _peak_rss_mib() or 0.0


def _peak_rss_mib() -> float | None:
    """The process's resident high-water mark since the last reset (VmHWM), None off Linux."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def sql_average(period_ids: list[int]) -> float:
    """Seconds of the raw SQL aggregate: every servant's mean of the year's final quarters."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT servant_id, AVG(COALESCE(final_score, score)) FROM evaluations_evaluation "
            "WHERE period_id = ANY(%s) GROUP BY servant_id",
            [period_ids],
        )
        cursor.fetchall()
    return time.perf_counter() - started


def analyse() -> None:
    """Vacuum and refresh the planner's statistics, as autovacuum does on a production server
    after a bulk load (PostgreSQL 13 and later vacuum a table after many inserts too: its
    visibility map lets an index answer alone); autovacuum is off on some test machines, whose
    planner then guesses every table empty. Not timed."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def ratio(label: str, seconds: float, sql_seconds: float) -> None:
    print(f"{label}: raw SQL AVG seconds: {sql_seconds:.3f}")
    print(f"{label}: recompute ratio vs raw SQL: {seconds / max(sql_seconds, 1e-6):.1f}")


def describe_machine() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, {_memory()}")
    print(f"python: {sys.version.split()[0]}")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}: {version}")


def _memory() -> str:
    try:
        with open("/proc/meminfo") as info:
            total = int(info.readline().split()[1])
        return f"{total / 2**20:.1f} GiB RAM"
    except OSError:
        return "RAM unknown"


def page(client: Any, user: Any, label: str, url: str) -> None:
    """Open `url` as `user` once (a first request warms the caches of the process). The
    objects the run holds (the world, earlier steps) are collected and frozen first, untimed:
    a server's worker holds none of them, and a full collection of this process's heap would
    otherwise land on whichever request happens to reach the collector's threshold."""
    client.force_login(user)
    gc.collect()
    gc.freeze()
    try:
        response, _seconds = measure(label, lambda: client.get(url))
    except Exception as error:  # noqa: BLE001 - one failing page must not end the whole run
        print(f"{label}: FAILED {type(error).__name__}: {error}")
        return
    if response.status_code != 200:
        print(f"{label}: STATUS {response.status_code}")


def change_one_list(world: Any, campaign: Any) -> None:
    """HR takes the last respondent off a list of more than three (through the service), as
    between two views of the draft campaign page."""
    from bagalau.surveys.services import target_set_respondents

    target = campaign.targets.filter(no_manager_reason="").order_by("pk").first()
    asked = list(target.invitations.order_by("pk").values_list("respondent_id", flat=True))
    if len(asked) > 3:
        asked = asked[:-1]
    else:
        asked = [
            *asked,
            *campaign.targets.exclude(servant_id__in=asked)
            .exclude(pk=target.pk)
            .values_list("servant_id", flat=True)[:1],
        ]
    target_set_respondents(actor=world.hr, target_id=target.pk, respondent_ids=asked)


def rename_a_unit(world: Any) -> None:
    """A change of the structure through the service (the signal queues the draft's check:
    in-process here, so it runs once the change is committed)."""
    from bagalau.org.models import Unit
    from bagalau.org.services import unit_update

    unit = Unit.objects.filter(organisation=world.organisation).exclude(parent=None).first()
    unit_update(
        actor=world.hr,
        unit_id=unit.pk,
        name_kk=f"{unit.name_kk} (2)",
        name_ru=unit.name_ru,
        name_en=unit.name_en,
        parent_id=unit.parent_id,
        order=unit.order,
    )


def sheet_url(evaluation: Any) -> str:
    from django.urls import reverse

    return reverse("evaluations:sheet", args=[evaluation.pk])


def questionnaire_pages(client: Any, campaign: Any) -> None:
    """A respondent's 360 index and one of their open questionnaires (its reference belongs to
    the session, so it is read from the index)."""
    import re

    from django.urls import reverse

    from bagalau.surveys.models import Invitation

    invitation = (
        Invitation.objects.filter(target__campaign=campaign, completed=False)
        .select_related("respondent__user")
        .order_by("pk")
        .first()
    )
    if invitation is None:
        print("360 questionnaire page: no open invitation")
        return
    user = invitation.respondent.user
    page(client, user, "360 index page (a respondent)", reverse("surveys:index"))
    index = client.get(reverse("surveys:index")).content.decode()
    found = re.search(r'href="(/[^"]*questionnaires/[^"/]+/)"', index)
    if found:
        page(client, user, "360 questionnaire page", found.group(1))


def run(
    servants: int,
    *,
    bulk_360: bool,
    bulk_quarters: bool,
    no_plans: bool,
    reports: bool = True,
    cycles: bool = True,
    cycles_only: bool = False,
    sector: int = 66,
) -> None:  # noqa: PLR0915 - one straight list of measures
    import datetime as dt

    import _scale_world as build
    from _worker import in_worker
    from django.test import Client
    from django.urls import reverse

    from bagalau.core.memo import forget_in_this_process
    from bagalau.demo.clock import clock_at, moment_of
    from bagalau.evaluations.models import Evaluation
    from bagalau.evaluations.services.annual import annual_results_compute, annual_results_refresh
    from bagalau.surveys import reports as survey_reports
    from bagalau.surveys.draft_check import draft_checks_refresh
    from bagalau.surveys.models import Campaign
    from bagalau.surveys.services import campaign_create

    build.SECTOR = sector  # every organisation of the run, the cycles' too
    rng = random.Random("bagalau-scale")
    year = dt.datetime.now(tz=dt.UTC).year - 1
    describe_machine()
    if cycles_only:
        print(f"servants: {servants}, the typical-2018 and moj-2017 cycles only")
        _cycles(servants)
        return
    print(f"servants: {servants}, year {year}")
    started = time.perf_counter()
    world = build.build_structure(servants, year)
    print(f"built: {world.units} units, {world.positions} posts, {world.servants} servants")
    build.approve_schedule(world)
    if no_plans:
        print("built: no work plans (--no-plans)")
    else:
        plans = build.approve_plans(world)
        print(f"built: {plans} work plans approved")
    for number in (1, 2, 3):
        if bulk_quarters:
            build.bulk_quarter(world, number)
        else:
            build.open_quarter(world, number)
        build.finish_quarter(world, number, rng)
        build.close_quarter(world, number)
    print(f"build seconds (structure, schedule, plans, Q1-Q3): {time.perf_counter() - started:.1f}")
    analyse()

    measure("period_open (HR opens Q4)", lambda: build.open_quarter(world, 4))
    analyse()  # the pages below as they are once autovacuum has seen the new rows
    q4 = build.quarter_period(world, 4)
    world.evaluator = build.busiest_evaluator(q4)
    client = Client()
    client.force_login(world.hr)
    client.get(reverse("home"))  # warm-up: URL resolvers, templates, translations
    roster = reverse("evaluations:schedule_roster", args=[q4.pk])
    with clock_at(moment_of(q4.ends + dt.timedelta(days=5))):
        page(client, world.hr, "quarter roster page (HR)", roster)
        page(client, world.evaluator, "quarter roster page (an evaluator)", roster)
        page(client, world.evaluator, "evaluator dashboard (home)", reverse("home"))
        sheet = Evaluation.objects.filter(period=q4, evaluator__user=world.evaluator).first()
        if sheet is not None:
            page(client, world.evaluator, "a sheet page (the evaluator's)", sheet_url(sheet))
    build.finish_quarter(world, 4, rng)

    with clock_at(moment_of(dt.date(year + 1, 1, 12))):
        page(client, world.hr, "structure page", reverse("org:structure"))
        page(client, world.hr, "consequences page", reverse("consequences:list"))
        page(client, world.hr_head, "audit log page", reverse("audit:log"))
        page(client, world.hr, "HR dashboard (home)", reverse("home"))
        page(client, world.hr_head, "HR head dashboard (home)", reverse("home"))
        page(client, world.hr_head, "analytics dashboard", reverse("analytics:page"))

    drafting = moment_of(dt.date(year, 12, 1), 9)
    with clock_at(drafting):
        if bulk_360:
            campaign = build.bulk_campaign(world)
            print("360 campaign creation (respondent proposal): not timed (--bulk-360)")
        else:
            campaign, _s = measure(
                "360 campaign creation (respondent proposal)",
                lambda: campaign_create(actor=world.hr, organisation=world.organisation, year=year),
            )
        print(f"built: {build.complete_lists(campaign)} respondent lists topped up")
        analyse()
        campaign_url = reverse("surveys:campaign", args=[campaign.pk])
        panel_url = reverse("surveys:campaign_panel", args=[campaign.pk])
        measure(
            "360 draft's check worked out ahead (the drafting job's last step, the periodic job)",
            draft_checks_refresh,
        )
        forget_in_this_process()  # the page is asked of another application process
        page(client, world.hr, "360 campaign page (draft, first view: shared check)", campaign_url)
        page(client, world.hr, "360 campaign page (draft, again: check remembered)", campaign_url)
        change_one_list(world, campaign)
        page(client, world.hr, "360 campaign page (draft, after HR changes a list)", campaign_url)
        measure(
            "HR renames a unit (the draft's check worked out again once committed)",
            lambda: rename_a_unit(world),
        )
        forget_in_this_process()
        page(client, world.hr, "360 campaign page (draft, structure changed)", campaign_url)
        page(client, world.hr, "HR dashboard (home, 360 draft)", reverse("home"))
        page(client, world.hr, "HR dashboard's 360 figures (draft: lists to fix)", panel_url)
        target = campaign.targets.order_by("pk").first()
        if target is not None:
            respondents = reverse("surveys:target_respondents", args=[target.pk])
            page(client, world.hr, "360 respondents page, one evaluatee (HR)", respondents)
        in_worker("campaign_open", actor_id=world.hr.pk, campaign_id=campaign.pk, moment=drafting)
        analyse()
        page(client, world.hr, "360 campaign page (open)", campaign_url)
        page(client, world.hr, "HR dashboard (home, 360 open)", reverse("home"))
        page(client, world.hr, "HR dashboard's 360 figures (open)", panel_url)
        questionnaire_pages(client, campaign)
    campaign = Campaign.objects.get(pk=campaign.pk)
    answered = build.answer_campaign(campaign, rng)
    print(f"built: {answered} questionnaires answered")
    analyse()
    closing = campaign.deadline + dt.timedelta(days=1)
    closed_at = moment_of(closing, 10)
    with clock_at(closed_at):
        in_worker("campaign_close", actor_id=world.hr.pk, campaign_id=campaign.pk, moment=closed_at)
        analyse()
        page(client, world.hr, "360 campaign page (closed)", campaign_url)
        training = reverse("surveys:training", args=[campaign.pk])
        page(client, world.hr_head, "360 training needs page", training)
        campaign = Campaign.objects.get(pk=campaign.pk)
        if reports:
            targets = list(campaign.targets.select_related("servant", "unit", "position"))
            measure(
                "360 reports for all targets",
                lambda: survey_reports.reports_for(targets),
            )

    annual = build.annual_period(world)
    quarters = [build.quarter_period(world, n).pk for n in (1, 2, 3, 4)]
    with clock_at(moment_of(dt.date(year + 1, 1, 12))):
        _summary, seconds = measure(
            "annual results (HR computes)",
            lambda: annual_results_compute(actor=world.hr, period_id=annual.pk),
        )
        ratio("annual results (HR computes)", seconds, sql_average(quarters))
        _text, seconds = measure("recompute every annual result (job)", annual_results_refresh)
        ratio("recompute every annual result (job)", seconds, sql_average(quarters))
    if cycles:
        _cycles(servants)


def _cycles(servants: int) -> None:
    import _scale_cycles

    _scale_cycles.typical_cycle(servants, measure, page)
    _scale_cycles.moj_cycle(servants, measure, page)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, default=10_000)
    parser.add_argument(
        "--bulk-360",
        action="store_true",
        help="draft the 360 campaign in bulk instead of timing campaign_create",
    )
    parser.add_argument(
        "--bulk-quarters",
        action="store_true",
        help="write Q1-Q3 in bulk, not through period_open (Q4 is always opened by it, timed)",
    )
    parser.add_argument(
        "--no-reports",
        action="store_true",
        help="leave out the 360 reports of every target (minutes at 100,000)",
    )
    parser.add_argument(
        "--no-plans",
        action="store_true",
        help="no work plans (plans_initiate asks the structure once per manager)",
    )
    parser.add_argument(
        "--no-cycles",
        action="store_true",
        help="leave out the typical-2018 and moj-2017 organisations (bench/_scale_cycles.py)",
    )
    parser.add_argument(
        "--cycles-only",
        action="store_true",
        help="only the typical-2018 and moj-2017 organisations (no sjc-2023 apparatus)",
    )
    parser.add_argument(
        "--sector-size",
        type=int,
        default=66,
        help="posts in a sector (66: the issue's ~1,500 units at 100,000; 10: 11,000 small units)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="leave the database built (test_<name>) for profiling pages; the next run replaces it",
    )
    parser.add_argument(
        "--no-trace",
        action="store_true",
        help="the process's peak resident memory instead of tracemalloc's (which slows Python)",
    )
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    global TRACE  # noqa: PLW0603 - one switch for every measure
    TRACE = not args.no_trace
    from _throwaway import on_throwaway_database

    return on_throwaway_database(
        "bench/scale.py",
        lambda: run(
            args.servants,
            bulk_360=args.bulk_360,
            bulk_quarters=args.bulk_quarters,
            no_plans=args.no_plans,
            reports=not args.no_reports,
            cycles=not args.no_cycles,
            cycles_only=args.cycles_only,
            sector=args.sector_size,
        ),
        keep=args.keep,
    )


if __name__ == "__main__":
    raise SystemExit(main())
