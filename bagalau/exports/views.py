"""The exports page and the downloads (issue 14 item 2): the selectors check who may take which
file and audit each download; a view only sends the workbook."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.core import forms
from bagalau.core.context import viewer
from bagalau.core.downloads import private_download
from bagalau.exports import selectors
from bagalau.exports.access import READERS
from bagalau.exports.jobs import export_prepare_submit
from bagalau.exports.xlsx import workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _send(content: bytes, filename: str) -> HttpResponse:
    return private_download(content, content_type=XLSX, filename=filename)


def _download(
    request: HttpRequest, read: Callable[..., selectors.Export], **target: Any
) -> HttpResponse:
    """The workbook of the export `read` gives the viewer in their organisation for `target`
    (the period, year, campaign or session; the selector checks and audits the download)."""
    export = read(user=request.user, organisation=viewer(request).organisation, **target)
    return _send(workbook(export.tables, export.heading), export.filename)


@login_required
@require_GET
def export_list(request: HttpRequest) -> HttpResponse:
    """The downloads the viewer may take in their organisation."""
    found = selectors.catalogue(user=request.user, organisation=viewer(request).organisation)
    return render(request, "exports/list.html", {"c": found})


@login_required
@require_GET
def period_download(request: HttpRequest, period_id: int, code: str) -> HttpResponse:
    """A period's results or p.8 lists."""
    return _download(request, selectors.period_export, code=code, period_id=period_id)


@login_required
@require_GET
def calibration_download(request: HttpRequest, year: int) -> HttpResponse:
    """A year's calibration outcomes."""
    return _download(request, selectors.calibration_export, year=year)


@login_required
@require_GET
def survey360_download(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A 360 campaign's progress."""
    return _download(request, selectors.survey360_export, campaign_id=campaign_id)


@login_required
@require_GET
def commission_download(request: HttpRequest, session_id: int) -> HttpResponse:
    """A typical-2018 commission session's results."""
    return _download(request, selectors.commission_export, session_id=session_id)


class PrepareForm(forms.Form):
    """What to prepare: the period, the year or the campaign of the export."""

    target = forms.IntegerField(label=_("period, year or campaign"), min_value=1)


@login_required
@require_POST
def prepare(request: HttpRequest, code: str) -> HttpResponse:
    """Queue the preparation of a large body's export and show its job's page."""
    if code not in READERS:
        raise Http404("No such export.")
    form = PrepareForm(request.POST)
    if not form.is_valid():
        found = selectors.catalogue(user=request.user, organisation=viewer(request).organisation)
        return render(request, "exports/list.html", {"c": found, "form": form}, status=400)
    job = export_prepare_submit(
        actor=request.user,
        organisation=viewer(request).organisation,
        code=code,
        target=form.cleaned_data["target"],
    )
    return redirect("jobs:job", job.pk)


@login_required
@require_GET
def prepared_download(request: HttpRequest, job_id: int) -> HttpResponse:
    """The file a job prepared, for the user who asked for it."""
    export_file, content = selectors.prepared_download(user=request.user, job_id=job_id)
    return _send(content, export_file.filename)
