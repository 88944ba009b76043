"""The exports page and the downloads (issue 14 item 2): the selectors check who may take which
file and audit each download; a view only sends the workbook."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from bagalau.core.context import viewer
from bagalau.exports import selectors
from bagalau.exports.xlsx import workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(export: selectors.Export) -> HttpResponse:
    response = HttpResponse(workbook(export.tables, export.heading), content_type=XLSX)
    response["Content-Disposition"] = (
        content_disposition_header(True, export.filename) or "attachment"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
    organisation = viewer(request).organisation
    export = selectors.period_export(
        user=request.user, organisation=organisation, code=code, period_id=period_id
    )
    return _download(export)


@login_required
@require_GET
def calibration_download(request: HttpRequest, year: int) -> HttpResponse:
    """A year's calibration outcomes."""
    organisation = viewer(request).organisation
    return _download(
        selectors.calibration_export(user=request.user, organisation=organisation, year=year)
    )


@login_required
@require_GET
def survey360_download(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A 360 campaign's progress."""
    organisation = viewer(request).organisation
    return _download(
        selectors.survey360_export(
            user=request.user, organisation=organisation, campaign_id=campaign_id
        )
    )
