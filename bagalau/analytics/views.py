"""The rating analytics page and its PDF (issue 14 item 4): the head of the HR service only
(`access.require_reader`), every read audited (`selectors.analytics_read`)."""

from __future__ import annotations

from dataclasses import replace

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
from bagalau.core.paging import paginate
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
    """The analytics of the viewer's organisation for a year (?year=, ?period=): the tables
    and charts of units, of evaluators and the units' 360 gaps a page each (?units_page=,
    ?evaluators_page=, ?gaps_page=; the organisation's figures and the PDF stay whole), so
    that a page does not grow with the organisation (issue 12 item 3: 2 MB at 100,000
    servants)."""
    analytics = _read(request, "view_analytics")
    units = paginate(request, analytics.by_unit, param="units_page")
    evaluators = paginate(request, analytics.evaluators, param="evaluators_page")
    gaps = paginate(request, analytics.gap_groups[1:], param="gaps_page")
    shown = context(
        replace(
            analytics,
            by_unit=list(units.object_list),
            evaluators=list(evaluators.object_list),
            gap_groups=[*analytics.gap_groups[:1], *gaps.object_list],
        )
    )
    shown |= {"units_page": units, "evaluators_page": evaluators, "gaps_page": gaps}
    return render(request, "analytics/page.html", shown)


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
