"""A whole-organisation step run as the job worker runs it: in a fresh process of its own, so
that its peak resident memory is the step's and the worker's start-up, not the benchmark's
(issue 12: opening or closing the 360 survey within 600 MB).

    python bench/_worker.py --label L --service campaign_open --actor ID --campaign ID \\
        --moment 2025-12-01T09:00:00+05:00

prints the `scale.measure` lines (seconds, queries, the process's peak resident memory)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SERVICES = ("campaign_open", "campaign_close")


def in_worker(service: str, *, actor_id: int, campaign_id: int, moment: dt.datetime) -> None:
    """Run the 360 `service` for `actor_id` on `campaign_id` at `moment` in a fresh process on
    the database this process uses; its lines ("360 <service> (a worker process): …") are
    printed as they come."""
    from django.db import connection

    label = f"360 {service} (a worker process)"
    settings = connection.settings_dict
    url = (
        f"postgres://{settings.get('USER') or 'postgres'}@{settings.get('HOST') or '127.0.0.1'}"
        f":{settings.get('PORT') or 5432}/{settings['NAME']}"
    )
    sys.stdout.flush()
    command = [sys.executable, str(BENCH / "_worker.py"), "--label", label, "--service", service]
    command += ["--actor", str(actor_id), "--campaign", str(campaign_id)]
    command += ["--moment", moment.isoformat()]
    subprocess.run(command, env={**os.environ, "DATABASE_URL": url}, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--service", choices=SERVICES, required=True)
    parser.add_argument("--actor", type=int, required=True)
    parser.add_argument("--campaign", type=int, required=True)
    parser.add_argument("--moment", required=True)
    args = parser.parse_args()
    sys.path[:0] = [str(BENCH.parent), str(BENCH)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import scale
    from django.contrib.auth import get_user_model

    from bagalau.demo.clock import clock_at
    from bagalau.surveys import services

    scale.TRACE = False
    service = getattr(services, args.service)
    actor = get_user_model().objects.get(pk=args.actor)
    with clock_at(dt.datetime.fromisoformat(args.moment)):
        scale.measure(args.label, lambda: service(actor=actor, campaign_id=args.campaign))


if __name__ == "__main__":
    main()
