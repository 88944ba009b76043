"""How a running job reports its progress: written to its row at most every `step` items, so the
page that polls it sees it move.

A job does its writing in one transaction, and what a transaction writes is seen by others only
when it commits. On PostgreSQL the progress is therefore written through a connection of its own
(a short-lived thread: Django gives each thread its own connection), outside the job's
transaction, and the bar moves while the job writes. SQLite lets one connection write at a time,
so there the progress written inside a transaction shows once it commits; the job's stage
("writing") is written before the transaction starts."""

from __future__ import annotations

import threading
from typing import Any

from django.db import connection, connections

from bagalau.jobs.models import BackgroundJob


def _update(job_id: int, values: dict[str, Any]) -> None:
    BackgroundJob.objects.filter(pk=job_id).update(**values)


def _update_outside_transaction(job_id: int, values: dict[str, Any]) -> None:
    def write() -> None:
        try:
            _update(job_id, values)
        finally:
            connections.close_all()

    thread = threading.Thread(target=write, name=f"job-{job_id}-progress")
    thread.start()
    thread.join()


class Progress:
    """The progress of one job: its stage and how many of its `total` items are done."""

    def __init__(self, job_id: int | None, *, step: int = 250) -> None:
        self.job_id, self.step = job_id, step
        self.done = self.total = 0
        self._written = 0

    def stage(self, name: str, total: int | None = None) -> None:
        """Enter a stage; `total` (when given) is the number of items of the whole job."""
        if total is not None:
            self.total = total
        self._write(name)

    def advance(self, count: int = 1) -> None:
        """`count` more items done."""
        self.done += count
        if self.done - self._written >= self.step:
            self._write()

    def _write(self, stage: str | None = None) -> None:
        self._written = self.done
        if self.job_id is None:
            return
        values: dict[str, Any] = {"done": min(self.done, self.total), "total": self.total}
        if stage is not None:
            values["stage"] = stage
        if connection.in_atomic_block and connection.vendor == "postgresql":
            _update_outside_transaction(self.job_id, values)
        else:
            _update(self.job_id, values)
