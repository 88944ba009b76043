"""The kinds of background job: each app registers what runs, who may start it and how its
outcome is shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bagalau.jobs.models import BackgroundJob
    from bagalau.jobs.progress import Progress
    from bagalau.org.models import Organisation


class JobFailed(Exception):  # noqa: N818  (a job's outcome, not a defect)
    """The job refused its input: `errors` are ``{"sheet", "row", "column", "template",
    "params"}`` (the template an English msgid translated when shown); nothing was written."""

    def __init__(self, errors: list[dict[str, Any]], outcome: dict[str, Any] | None = None):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors
        self.outcome = outcome or {}


@dataclass(frozen=True)
class JobKind:
    """A kind of job: `run(job, progress)` returns the outcome (JSON) or raises JobFailed;
    `may_submit(user, organisation)` raises Http404/PermissionDenied when the user may not start
    it; `result_template` shows the outcome on the job's page."""

    key: str
    label: Any
    run: Callable[[BackgroundJob, Progress], dict[str, Any]]
    may_submit: Callable[[Any, Organisation], None]
    result_template: str
    back_url_name: str = "core:home"


KINDS: dict[str, JobKind] = {}


def register_kind(kind: JobKind) -> None:
    """Add (or replace) a job kind."""
    KINDS[kind.key] = kind
