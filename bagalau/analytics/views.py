"""The rating analytics page and its PDF (issue 14 item 4): the head of the HR service only
(`access.require_reader`), every read audited (`selectors.analytics_read`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from bagalau.analytics.presenting import context
from bagalau.analytics.selectors import Analytics, analytics_read
from bagalau.core import bounds
from bagalau.core.context import viewer
from bagalau.documents.pdf import PdfFile, pdf_response, print_language, render_pdf


def _year(request: HttpRequest) -> int | None:
    return bounds.ascii_int(request.GET.get("year", ""))


def _read(request: HttpRequest, purpose: str) -> Analytics:
    return analytics_read(
        user=request.user,
        organisation=viewer(request).organisation,
        year=_year(request),
        period=request.GET.get("period", "quarters"),
        purpose=purpose,
    )


@login_required
@require_GET
def page(request: HttpRequest) -> HttpResponse:
    """The analytics of the viewer's organisation for a year (?year=, ?period=)."""
    analytics = _read(request, "view_analytics")
    return render(request, "analytics/page.html", context(analytics))


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The same figures printed (A4 landscape), in the requested or the reader's language."""
    analytics = _read(request, "print_analytics")
    language = print_language(request.GET.get("lang") or get_language())
    with translation.override(language):
        shown = context(analytics)
    content = render_pdf("analytics/report_pdf.html", shown, language=language, landscape=True)
    return pdf_response(PdfFile(filename=f"analytics-{analytics.year}.pdf", content=content))
