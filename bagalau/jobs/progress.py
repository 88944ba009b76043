"""How a running job reports its progress: written straight to its row, at most every `step`
items, so the page that polls it sees it move. A write made inside the job's own transaction is
seen once that transaction commits, so a job shows its stage ("writing") before entering it."""

from __future__ import annotations

from bagalau.jobs.models import BackgroundJob


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
        values: dict[str, object] = {"done": min(self.done, self.total), "total": self.total}
        if stage is not None:
            values["stage"] = stage
        BackgroundJob.objects.filter(pk=self.job_id).update(**values)
