"""Opening a quarter and computing the annual results as background jobs with a progress bar
(issue 14 item 3): for a large body each writes a row, an audit entry and notices per servant, so
the page queues the job and shows its progress; the user may leave and come back
(bagalau.jobs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock
from bagalau.evaluations.selectors.schedule import can_manage_schedule
from bagalau.evaluations.services.annual import annual_results_check, annual_results_compute
from bagalau.evaluations.services.schedule import period_open, period_open_check
from bagalau.jobs.registry import JobKind
from bagalau.jobs.services import job_submit

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.evaluations.models import Period
    from bagalau.jobs.models import BackgroundJob
    from bagalau.jobs.progress import Progress
    from bagalau.org.models import Organisation

PERIOD_OPEN = "period_open"
ANNUAL_RESULTS = "annual_results"


def may_run(user: User, organisation: Organisation) -> None:
    """The HR service of the organisation runs the schedule's bulk steps (p.10, p.21, p.4)."""
    if not can_manage_schedule(user, organisation):
        raise PermissionDenied("Only the HR service runs the evaluation schedule.")


def period_open_submit(*, actor: User, period: Period) -> BackgroundJob:
    """Check the opening at once (the page says what refuses it), then queue it."""
    period_open_check(actor=actor, period=period)
    return job_submit(
        actor=actor,
        organisation=period.schedule.organisation,
        kind=PERIOD_OPEN,
        params={"period": period.pk},
    )


def annual_results_submit(*, actor: User, period: Period) -> BackgroundJob:
    """Check the computation at once, then queue it."""
    annual_results_check(actor=actor, period_id=period.pk)
    return job_submit(
        actor=actor,
        organisation=period.schedule.organisation,
        kind=ANNUAL_RESULTS,
        params={"period": period.pk},
    )


def run_period_open(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    """The job's runner: open the quarter for the user who asked, counting the roster."""
    opened = period_open(actor=job.requested_by, period_id=job.params["period"], progress=progress)
    return {
        "period": opened.period.pk,
        "created": len(opened.created),
        "ended": clock.today() > opened.period.ends,
    }


def run_annual_results(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    """The job's runner: compute the year's results for the user who asked."""
    summary = annual_results_compute(
        actor=job.requested_by, period_id=job.params["period"], progress=progress
    )
    return {
        "period": job.params["period"],
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "skipped": summary.skipped,
    }


KINDS = (
    JobKind(
        key=PERIOD_OPEN,
        label=_("Opening a quarter"),
        run=run_period_open,
        may_submit=may_run,
        result_template="evaluations/jobs/period_opened.html",
        back_url_name="evaluations:schedule",
    ),
    JobKind(
        key=ANNUAL_RESULTS,
        label=_("Computing the annual results"),
        run=run_annual_results,
        may_submit=may_run,
        result_template="evaluations/jobs/annual_computed.html",
        back_url_name="evaluations:schedule",
    ),
)
