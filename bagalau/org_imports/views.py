"""The structure import page (HR): the template to download, the upload (checked or imported as a
background job) and the user's latest imports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from bagalau.core.context import viewer
from bagalau.core.downloads import private_download
from bagalau.core.errors import DomainError
from bagalau.core.htmx import render_page
from bagalau.jobs.access import jobs_of
from bagalau.org import access
from bagalau.org_imports.forms import ImportForm
from bagalau.org_imports.reading import MAX_BYTES
from bagalau.org_imports.services import KIND, may_import, structure_import_submit
from bagalau.org_imports.template import template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisation(request: HttpRequest):  # type: ignore[no-untyped-def]
    organisation = access.require_member(request.user, viewer(request).organisation)
    may_import(request.user, organisation)
    return organisation


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file: it is checked (dry run) or imported as a job whose page shows progress."""
    organisation = _organisation(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error(
                "file",
                DomainError(
                    "file",
                    "The file is larger than %(limit)s MB.",
                    limit=MAX_BYTES // (1024 * 1024),
                ).message,
            )
        else:
            try:
                job = structure_import_submit(
                    actor=request.user,
                    organisation=organisation,
                    data=upload.read(),
                    filename=upload.name or "",
                    dry_run=form.cleaned_data["dry_run"],
                )
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                return redirect(reverse("jobs:job", args=[job.pk]))
    context = {
        "organisation": organisation,
        "form": form,
        "jobs": jobs_of(request.user, organisation, KIND),
        "limit_mb": MAX_BYTES // (1024 * 1024),
    }
    return render_page(
        request, "org_imports/page.html", context, status=400 if form.errors else 200
    )


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    """The empty template with the instructions sheet."""
    _organisation(request)
    return private_download(
        template_bytes(), content_type=XLSX, filename="bagalau-structure-template.xlsx"
    )
