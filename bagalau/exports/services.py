"""Writes of the exports: storing the workbook a job prepared and removing the prepared files
once they have been kept `models.KEPT_DAYS` days (issue 14 item 3, "a large export")."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction

from bagalau.core import clock
from bagalau.exports.models import KEPT_DAYS, ExportFile

if TYPE_CHECKING:
    from bagalau.jobs.models import BackgroundJob


def export_file_store(
    *, job: BackgroundJob, code: str, filename: str, content: bytes
) -> ExportFile:
    """Keep the workbook `job` built, in the private storage, for `KEPT_DAYS` days (the file is
    removed again when its row cannot be written)."""
    now = clock.now()
    export_file = ExportFile(
        job=job,
        code=code,
        filename=filename,
        size=len(content),
        created_at=now,
        expires_at=now + dt.timedelta(days=KEPT_DAYS),
    )
    export_file.file.save(f"exports/{uuid.uuid4().hex}.xlsx", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            export_file.save()
    except Exception:
        export_file.file.delete(save=False)
        raise
    return export_file


def export_files_remove_expired() -> str:
    """The periodic job `exports.expired_files`: remove the prepared files kept `KEPT_DAYS` days,
    their rows and their bytes (the job's page then says the file is gone)."""
    expired = list(ExportFile.objects.filter(expires_at__lte=clock.now()).order_by("pk"))
    for export_file in expired:
        with transaction.atomic():
            ExportFile.objects.filter(pk=export_file.pk).delete()
            transaction.on_commit(functools.partial(_delete, export_file.file.name))
    return f"{len(expired)} prepared export(s) removed"


def _delete(name: str) -> None:
    storage = ExportFile._meta.get_field("file").storage
    storage.delete(name)
