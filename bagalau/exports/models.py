"""A prepared export (issue 14 item 3, "a large export"): the XLSX a background job built for the
user who asked, kept for `KEPT_DAYS` days and then removed by the periodic job
`exports.expired_files`.

The workbook lives in the private storage (`bagalau.core.storage`, under PRIVATE_FILES_ROOT) like
the scans of paper sheets: it holds results (seed 002 p.15, p.20), no URL serves it, and it is
read only through the access-checked download; a file of a large body runs to megabytes, which
would swell every row read and every backup of the database if kept in a BinaryField."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.storage import get_private_storage

#: How long a prepared file is kept (our decision: a week to take it; the texts are silent).
KEPT_DAYS = 7


class ExportFile(models.Model):
    """The workbook built by one `export_build` job; its requester is the job's."""

    job = models.OneToOneField(
        "jobs.BackgroundJob", on_delete=models.CASCADE, related_name="export_file"
    )
    code = models.CharField(_("export"), max_length=20)
    filename = models.CharField(_("file name"), max_length=100)
    file = models.FileField(_("file"), storage=get_private_storage, max_length=200)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("prepared"))
    expires_at = models.DateTimeField(_("kept until"))

    class Meta:
        verbose_name = _("prepared export")
        verbose_name_plural = _("prepared exports")
        constraints = [*bounds.length_checks("exports_exportfile", code=20, filename=100)]

    def __str__(self) -> str:
        return self.filename
