"""A large export as a background job (issue 14 item 3, "a large export"): for a body of
EXPORTS_LARGE_BODY servants or more, the exports page offers "prepare"; the job reads the export
as its requester (the same selectors and audit as a direct download, `selectors.export_for`),
writes the workbook with its progress and keeps it (`models.ExportFile`) for its requester."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from bagalau.exports import selectors
from bagalau.exports.access import exports_for
from bagalau.exports.services import export_file_store
from bagalau.exports.xlsx import workbook
from bagalau.jobs.registry import JobKind
from bagalau.jobs.services import job_submit

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.jobs.models import BackgroundJob
    from bagalau.jobs.progress import Progress
    from bagalau.org.models import Organisation

EXPORT_BUILD = "export_build"


def may_prepare(user: User, organisation: Organisation) -> None:
    """Only a user who may take some export of the organisation prepares one (the export itself
    is checked by `export_prepare_submit` and again when the job runs)."""
    if not exports_for(user, organisation):
        raise Http404("No such export.")


def export_prepare_submit(
    *, actor: User, organisation: Organisation | None, code: str, target: int
) -> BackgroundJob:
    """Check at once that `actor` may take the export `code` of `target` (403/404 as a direct
    download), then queue its preparation in the reader's language."""
    selectors.export_check(user=actor, organisation=organisation, code=code, target=target)
    assert organisation is not None  # export_check refuses a viewer without one
    return job_submit(
        actor=actor,
        organisation=organisation,
        kind=EXPORT_BUILD,
        params={
            "code": code,
            "target": target,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        },
    )


def run_export_build(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    """The job's runner: read the export as its requester (refused as a download would be when
    they may no longer take it), write the workbook row by row and keep it."""
    code, target = str(job.params["code"]), int(job.params["target"])
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        progress.stage("collecting")
        export = selectors.export_for(
            user=job.requested_by, organisation=job.organisation, code=code, target=target
        )
        rows = sum(len(table.rows) for table in export.tables)
        progress.stage("building", total=rows)
        content = workbook(export.tables, export.heading, advance=progress.advance)
    export_file_store(job=job, code=code, filename=export.filename, content=content)
    return {"code": code, "filename": export.filename, "rows": rows}


KINDS = (
    JobKind(
        key=EXPORT_BUILD,
        label=_("Preparing an export"),
        run=run_export_build,
        may_submit=may_prepare,
        result_template="exports/jobs/export_built.html",
        back_url_name="exports:list",
    ),
)
