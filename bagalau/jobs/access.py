"""Who may see a background job: the user who started it, while they belong to its
organisation. Its errors name people and rows of the file they sent, so nobody else sees them;
everyone else gets 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from bagalau.jobs.models import BackgroundJob
from bagalau.org.access import is_member
from bagalau.org.models import Organisation

if TYPE_CHECKING:
    from bagalau.core.types import User


def job_get_for(user: User, job_id: int) -> BackgroundJob:
    """The job, or Http404 when the user may not see it."""
    job = BackgroundJob.objects.select_related("organisation").filter(pk=job_id).first()
    if (
        job is None
        or not getattr(user, "is_authenticated", False)
        or job.requested_by_id != user.pk
        or not is_member(user, job.organisation)
    ):
        raise Http404("No such job.")
    return job


def jobs_of(
    user: User, organisation: Organisation, kind: str, limit: int = 10
) -> list[BackgroundJob]:
    """The user's latest jobs of `kind` in the organisation, newest first."""
    return list(
        BackgroundJob.objects.filter(requested_by_id=user.pk, organisation=organisation, kind=kind)
        .defer("payload")
        .order_by("-created_at", "-pk")[:limit]
    )
