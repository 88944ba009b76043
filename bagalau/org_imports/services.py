"""The structure import (issue 14 item 1): HR's XLSX file of units, positions, servants,
assignments and absences, checked as a whole and written in one transaction, audited.

A dry run checks and counts what the import would create and update, then rolls everything
back: it writes nothing. Re-importing the same file changes nothing: rows are found again by
stable keys (`bagalau.org_imports.models`). Only the HR service of the organisation imports
(roles ``hr`` and ``hr_head``, like every other change of the structure), and as everywhere in
the structure nobody changes their own post or becomes anyone's manager through it
(`bagalau.org.managers`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core.errors import DomainError
from bagalau.jobs.models import BackgroundJob
from bagalau.jobs.progress import Progress
from bagalau.jobs.registry import JobFailed
from bagalau.org import access, managers
from bagalau.org.models import Organisation
from bagalau.org.services import structure_changed
from bagalau.org_imports.checking import Checker, Existing
from bagalau.org_imports.reading import MAX_BYTES, Problem, read_workbook
from bagalau.org_imports.writing import Writer

if TYPE_CHECKING:
    from bagalau.core.types import User

KIND = "structure_import"


def may_import(user: User, organisation: Organisation) -> None:
    """Http404 outside the organisation, PermissionDenied unless the user is its HR service."""
    access.require_hr(user, organisation)


def _failed(problems: list[Problem]) -> JobFailed:
    return JobFailed([problem.as_dict() for problem in problems])


def structure_import(
    *,
    actor: User | None,
    organisation: Organisation,
    data: bytes,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import `data` (an XLSX file) into the organisation as `actor` (HR only), or with
    ``actor=None`` as the system (the command line's operator, who has the server's shell:
    audited without an actor; no view passes None). Returns ``{"dry_run", "counts":
    {sheet: {"created", "updated", "unchanged"}}}``. Raises JobFailed listing every problem of
    the file (nothing written), DomainError when the import would change the actor's own post or
    make them anyone's manager (nothing written)."""
    progress = progress or Progress(None)
    if actor is not None:
        may_import(actor, organisation)
    progress.stage("reading")
    book = read_workbook(data)
    if any(not problem.sheet for problem in book.problems):  # not a workbook of ours at all
        raise _failed(book.problems)
    rows = sum(len(found) for found in book.rows.values())
    progress.stage("checking", total=2 * rows)
    with transaction.atomic():
        # One import or structure move at a time in an organisation.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        existing = Existing.load(organisation)
        plan = Checker(book, existing, progress.advance).run()
        if book.problems:
            raise _failed(book.problems)
        guard = managers.SelfPromotionGuard(actor, organisation, field="assignments")
        progress.stage("writing")
        writer = Writer(actor, organisation, existing, progress.advance)
        counts = writer.run(plan)
        me = guard.me
        if me is not None and me.pk in writer.placed:
            raise DomainError(
                "assignments",
                N_(
                    "The file changes your own post: another member of the HR service must "
                    "import it."
                ),
            )
        guard.moved = set(writer.placed)
        guard.check()
        changed = any(c.get("created") or c.get("updated") for c in counts.values())
        if dry_run:
            transaction.set_rollback(True)
        elif changed:
            structure_changed(organisation.pk)
            audit_log(
                actor=actor,
                action="import_structure",
                obj=organisation,
                changes={"counts": (None, counts)},
            )
    return {"dry_run": dry_run, "counts": counts}


def run_import_job(job: BackgroundJob, progress: Progress) -> dict[str, Any]:
    """The job kind's runner: import the job's file for the user who sent it."""
    return structure_import(
        actor=job.requested_by,
        organisation=job.organisation,
        data=bytes(job.payload or b""),
        dry_run=bool(job.params.get("dry_run")),
        progress=progress,
    )


def structure_import_submit(
    *, actor: User, organisation: Organisation, data: bytes, filename: str, dry_run: bool
) -> BackgroundJob:
    """Queue the import of an uploaded file as a background job (HR only; the file at most
    `MAX_BYTES`)."""
    from bagalau.jobs.services import job_submit

    may_import(actor, organisation)
    if len(data) > MAX_BYTES:
        raise DomainError(
            "file", N_("The file is larger than %(limit)s MB."), limit=MAX_BYTES // (1024 * 1024)
        )
    return job_submit(
        actor=actor,
        organisation=organisation,
        kind=KIND,
        params={"dry_run": dry_run, "file": filename[:200]},
        payload=data,
    )
