"""Pages of the moj-2017 workflow: the organisation's App. 2 catalogue and a servant's breaches
of a quarter. Views parse input and call services; what a user may do comes from the access
module (`may_choose_catalogue`, `recording_sources`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.core import clock
from bagalau.core.context import viewer
from bagalau.core.errors import DomainError
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.core.language import reader_language
from bagalau.moj.access import may_choose_catalogue
from bagalau.moj.common import catalogues, rules_on
from bagalau.moj.forms import BreachForm, CatalogueForm
from bagalau.moj.selectors import QuarterRecords, organisation_catalogue, quarter_records_for
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.org.access import require_member


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_page(request: HttpRequest) -> HttpResponse:
    """The organisation's App. 2 catalogue: every member reads it; the administrator chooses it
    (M-20: no default)."""
    organisation = require_member(request.user, viewer(request).organisation)
    choice = organisation_catalogue(organisation)
    options = [(c.code, c.label.get(reader_language())) for c in catalogues()]
    may_choose = may_choose_catalogue(request.user, organisation)
    initial = {} if choice is None else {"catalogue": choice.catalogue, "version": choice.version}
    form = CatalogueForm(options=options, initial=initial)
    status = 200
    if request.method == "POST":
        if not may_choose:
            raise PermissionDenied("Only the administrator chooses the App. 2 catalogue.")
        form = CatalogueForm(request.POST, options=options)
        done = form_submit(
            form,
            lambda data: catalogue_choose(
                actor=request.user,
                organisation=organisation,
                catalogue=data["catalogue"],
                version=data["version"],
            ),
        )
        if done.done:
            messages.success(request, _("The App. 2 catalogue was chosen."))
            return redirect("moj:catalogue")
        status = 400
    labels = dict(options)
    context = {
        "organisation": organisation,
        "choice": choice,
        "choice_label": labels.get(choice.catalogue, "") if choice else "",
        "options": options,
        "may_choose": may_choose,
        "form": form,
    }
    return render_page(request, "moj/catalogue.html", context, status=status)


def _quarter(request: HttpRequest) -> tuple[int, int]:
    """?year=&quarter= (today's quarter when absent); a DomainError naming a bad one."""
    today = clock.today()
    values = []
    for name, default in (("year", today.year), ("quarter", (today.month - 1) // 3 + 1)):
        raw = request.GET.get(name, "")
        if raw == "":
            values.append(default)
        elif raw.isascii() and raw.isdigit():
            values.append(int(raw))
        else:
            raise DomainError(name, N_("Enter a whole number with the digits 0–9."))
    return values[0], values[1]


def _records(request: HttpRequest, servant_id: int) -> tuple[QuarterRecords, int, int]:
    """The servant's records of the quarter the query names, with its year and number; a
    DomainError naming a bad query (`_quarter`, `quarter_records_for`)."""
    year, quarter = _quarter(request)
    found = quarter_records_for(
        user=request.user, servant_id=servant_id, year=year, quarter=quarter
    )
    return found, year, quarter


def _kinds(found: QuarterRecords) -> list[tuple[str, str]]:
    """The edition's kinds of breach on the quarter's last day (p.20-21), as form choices."""
    rules = rules_on(found.servant.organisation, found.end, "quarter")
    return [(code, label.get(reader_language())) for code, label in rules.breaches]


def _breaches_page(
    request: HttpRequest, found: QuarterRecords, year: int, quarter: int, **extra: Any
) -> HttpResponse:
    kinds = _kinds(found)
    form = extra.pop("form", None) or BreachForm(
        kinds=kinds, sources=found.sources, initial={"day": clock.today()}
    )
    context = {
        "found": found,
        "year": year,
        "quarter": quarter,
        "rows": [(r, dict(kinds).get(r.kind, r.kind)) for r in found.records],
        "form": form,
        "query": f"?year={year}&quarter={quarter}",
    }
    return render_page(request, "moj/breaches.html", context, status=extra.get("status", 200))


@login_required
def breaches_page(request: HttpRequest, servant_id: int) -> HttpResponse:
    """A servant's breaches of a quarter, which HR hands the direct manager (p.24), and the form
    to record one from the sources the user records."""
    try:
        found, year, quarter = _records(request, servant_id)
    except DomainError as error:
        return HttpResponseBadRequest(error.message)
    return _breaches_page(request, found, year, quarter)


@login_required
@require_POST
def breach_add(request: HttpRequest, servant_id: int) -> HttpResponse:
    """The HR service or the direct manager records a breach (p.20-21)."""
    try:
        found, year, quarter = _records(request, servant_id)
    except DomainError as error:
        return HttpResponseBadRequest(error.message)
    if not found.sources:
        raise PermissionDenied("Only the HR service or the direct manager records breaches.")
    form = BreachForm(request.POST, kinds=_kinds(found), sources=found.sources)
    done = form_submit(
        form,
        lambda data: discipline_record_create(
            actor=request.user,
            servant_id=servant_id,
            kind=data["kind"],
            source=data["source"],
            day=data["day"],
            evidence=data["evidence"],
        ),
    )
    if done.done:
        messages.success(request, _("The breach was recorded."))
        return redirect(
            reverse("moj:breaches", args=[servant_id]) + f"?year={year}&quarter={quarter}"
        )
    return _breaches_page(request, found, year, quarter, form=form, status=400)
