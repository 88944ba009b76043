"""Writes of background jobs: submitting one (checked, audited, queued once the request's
transaction commits) and running it to its end (`job_run`, called by the task)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.jobs.models import BackgroundJob, JobState
from bagalau.jobs.progress import Progress
from bagalau.jobs.registry import KINDS, JobFailed
from bagalau.org.models import Organisation

if TYPE_CHECKING:
    from bagalau.core.types import User

logger = logging.getLogger(__name__)


def job_submit(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    params: dict[str, Any] | None = None,
    payload: bytes | None = None,
) -> BackgroundJob:
    """Record a job of `kind` for the organisation and queue it with the configured django-tasks
    backend (in-process in the demo: it has run when the request ends; a worker in production)."""
    from bagalau.jobs.tasks import run_background_job

    job_kind = KINDS.get(kind)
    if job_kind is None:
        raise Http404("No such kind of job.")
    with transaction.atomic():
        job_kind.may_submit(actor, organisation)
        job = BackgroundJob.objects.create(
            kind=kind,
            organisation=organisation,
            requested_by=account(actor),
            params=params or {},
            payload=payload,
        )
        audit_log(
            actor=actor,
            action="submit",
            obj=job,
            summary=f"{kind} #{job.pk}",
            changes={"params": (None, job.params)},
        )
        transaction.on_commit(lambda: run_background_job.enqueue(job.pk))
        return job


def _error_of(error: DomainError) -> dict[str, Any]:
    return {
        "sheet": "",
        "row": None,
        "column": error.field,
        "template": error.template,
        "params": {key: str(value) for key, value in error.params.items()},
    }


def job_run(job_id: int) -> BackgroundJob | None:
    """Run a queued job once (a second call, or a second worker, finds it claimed and does
    nothing). Its outcome or its errors are recorded; an unexpected failure is logged and shown
    as an internal error, never as a traceback."""
    claimed = BackgroundJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=clock.now()
    )
    if not claimed:
        return None
    job = BackgroundJob.objects.select_related("organisation", "requested_by").get(pk=job_id)
    progress = Progress(job.pk)
    state, outcome, errors = JobState.SUCCEEDED, {}, []
    try:
        outcome = KINDS[job.kind].run(job, progress)
    except JobFailed as failure:
        state, outcome, errors = JobState.FAILED, failure.outcome, failure.errors
    except DomainError as error:
        state, errors = JobState.FAILED, [_error_of(error)]
    except (PermissionDenied, Http404):
        state = JobState.FAILED
        errors = [
            _error_of(DomainError("job", N_("You may no longer do this; the job wrote nothing.")))
        ]
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        state = JobState.FAILED
        errors = [
            _error_of(
                DomainError(
                    "job",
                    N_("The job stopped on an internal error; it wrote nothing. Please report it."),
                )
            )
        ]
    BackgroundJob.objects.filter(pk=job.pk).update(
        state=state,
        outcome=outcome,
        errors=errors,
        payload=None,
        done=progress.total if state == JobState.SUCCEEDED else progress.done,
        total=progress.total,
        finished_at=clock.now(),
    )
    job.refresh_from_db()
    return job
