"""Periodic jobs (finalising expired windows, reminders…): apps register them; `manage.py tick`
runs them all, from cron in production and at start-up in the demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    """A job run by `tick`; returns a one-line summary of what it did."""

    key: str
    run: Callable[[], str]
    order: int = 100


JOBS: dict[str, PeriodicJob] = {}


def register_job(job: PeriodicJob) -> None:
    """Add (or replace) a periodic job."""
    JOBS[job.key] = job
