"""Creating a year's 360 survey as a background job with a progress bar (issue 14 item 3): for a
large body proposing the respondents of every evaluatee takes minutes, so the page queues the job
and shows its progress; the user may leave and come back (bagalau.jobs)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from bagalau.jobs.registry import JobKind
from bagalau.jobs.services import job_submit
from bagalau.surveys.draft_check import draft_checks_refresh
from bagalau.surveys.services import campaign_create, campaign_create_check, require_hr

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.jobs.models import BackgroundJob
    from bagalau.jobs.progress import Progress
    from bagalau.org.models import Organisation

CAMPAIGN_CREATE = "survey360_campaign_create"


def campaign_create_submit(
    *, actor: User, organisation: Organisation, year: int, deadline: dt.date | None
) -> BackgroundJob:
    """Check the new campaign at once (the form shows what refuses it), then queue its
    creation."""
    campaign_create_check(actor=actor, organisation=organisation, year=year, deadline=deadline)
    return job_submit(
        actor=actor,
        organisation=organisation,
        kind=CAMPAIGN_CREATE,
        params={"year": year, "deadline": deadline.isoformat() if deadline else None},
    )


def run_campaign_create(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    """The job's runner: create the campaign for the user who asked, counting the evaluatees,
    and work out the check of its lists for the pages when the draft is large enough to
    remember it (`draft_check`)."""
    deadline = job.params.get("deadline")
    campaign = campaign_create(
        actor=job.requested_by,
        organisation=job.organisation,
        year=int(job.params["year"]),
        deadline=dt.date.fromisoformat(deadline) if deadline else None,
        progress=progress,
    )
    draft_checks_refresh(organisation_id=campaign.organisation_id)
    return {"campaign": campaign.pk, "year": campaign.year, "evaluatees": progress.total}


KINDS = (
    JobKind(
        key=CAMPAIGN_CREATE,
        label=_("Drafting the 360 survey"),
        run=run_campaign_create,
        may_submit=require_hr,
        result_template="surveys/jobs/campaign_created.html",
        back_url_name="surveys:index",
    ),
)
