"""A piece of bulk work (an import, …) run by the configured django-tasks backend, with the
progress, outcome and errors its page shows while the user comes and goes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds


class JobState(models.TextChoices):
    """Where a job stands."""

    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


FINISHED = (JobState.SUCCEEDED, JobState.FAILED)


class BackgroundJob(models.Model):
    """One run of a registered job kind (`bagalau.jobs.registry`) for an organisation.

    `payload` holds the job's input file until the job has run; `outcome` is a JSON summary,
    `errors` a list of ``{"sheet", "row", "column", "template", "params"}`` translated when shown.
    """

    kind = models.CharField(_("kind"), max_length=40)
    organisation = models.ForeignKey("org.Organisation", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    params = models.JSONField(_("parameters"), default=dict)
    payload = models.BinaryField(null=True, blank=True, editable=False)
    outcome = models.JSONField(_("outcome"), default=dict)
    errors = models.JSONField(_("errors"), default=list)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        constraints = [*bounds.length_checks("jobs_backgroundjob", kind=40, stage=40)]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def finished(self) -> bool:
        """Whether the job has run to its end (successfully or not)."""
        return self.state in FINISHED

    @property
    def percent(self) -> int:
        """Progress in whole percent (100 once finished)."""
        if self.finished:
            return 100
        if not self.total:
            return 0
        return min(99, self.done * 100 // self.total)
