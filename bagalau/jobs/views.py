"""A job's page: its progress bar, polled by HTMX until the job has finished, then its outcome
or its errors in the reader's language. The user may leave and come back to the same address."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from bagalau.core.htmx import render_page
from bagalau.jobs.access import job_get_for
from bagalau.jobs.models import BackgroundJob
from bagalau.jobs.registry import KINDS

STAGES = {
    "reading": N_("Reading the file"),
    "checking": N_("Checking the rows"),
    "writing": N_("Saving"),
    "collecting": N_("Reading the data"),
    "building": N_("Writing the spreadsheet"),
}


def translated_errors(job: BackgroundJob) -> list[dict[str, Any]]:
    """The job's errors with their messages in the active language."""
    shown = []
    for error in job.errors:
        template = gettext(error.get("template", ""))
        params = error.get("params") or {}
        try:
            message = template % params if params else template
        except (KeyError, TypeError, ValueError):
            message = template
        shown.append({**error, "message": message})
    return shown


def job_context(job: BackgroundJob) -> dict[str, Any]:
    """What the job's page and its polled fragment show."""
    kind = KINDS.get(job.kind)
    return {
        "job": job,
        "kind": kind,
        "stage": gettext(STAGES[job.stage]) if job.stage in STAGES else "",
        "errors": translated_errors(job) if job.finished else [],
    }


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's page (the fragment for HTMX polls)."""
    job = job_get_for(request.user, job_id)
    return render_page(
        request, "jobs/job.html", job_context(job), partial="jobs/partials/progress.html"
    )
