"""Web views of the documents app: the printed forms as PDF downloads, and the disposal of
documents past their retention (p.14) for the head of the HR service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.core import bounds, clock, forms
from bagalau.core.context import Viewer, viewer
from bagalau.core.errors import DomainError
from bagalau.core.htmx import render_page
from bagalau.core.language import reader_language
from bagalau.documents.access import NotSignedYet, disposal_get_for
from bagalau.documents.pdf import PdfFile, pdf_response, print_language
from bagalau.documents.printed import PrintedForm
from bagalau.documents.retention import (
    DueDocuments,
    disposal_due_summary,
    disposal_totals,
    disposals_of,
    documents_due_for_disposal,
)
from bagalau.documents.selectors import period_text
from bagalau.documents.services import documents_dispose
from bagalau.evaluations.models import Method
from bagalau.org.models import Organisation

#: How the disposal pages name what an evaluation's documents comprise.
CONTENT_LABELS = {
    "kpi_results": _("KPI sheet rows"),
    "parameter_scores": _("differentiation scores"),
    "refusal_act": _("refusal act"),
    "calibration_application": _("calibration application"),
    "calibration_session": _("calibration session and protocol"),
    "votes": _("votes"),
    "score_changes": _("score changes"),
    "feedback_meeting": _("feedback meeting"),
    "appeals": _("appeals"),
    "paper_scan": _("scan of the paper sheet"),
    "evaluation": _("evaluation"),
}


# --- downloads -----------------------------------------------------------------------------------


def _download(request: HttpRequest, build: Callable[[str], PdfFile]) -> HttpResponse:
    """Render in the language asked (`?lang=ru|en`, Kazakh by default) and send the file."""
    language = print_language(request.GET.get("lang"))
    try:
        document = build(language)
    except DomainError as error:
        return render(request, "documents/unavailable.html", {"error": error}, status=400)
    except NotSignedYet as refusal:
        context = {"error": {"message": refusal.reason}}
        return render(request, "documents/unavailable.html", context, status=403)
    return pdf_response(document)


def pdf_view(form: PrintedForm) -> Callable[..., HttpResponse]:
    """The download view of a printed form: the user's language or `?lang=`, the refusals as
    pages (`_download`); login required, GET only."""

    @login_required
    @require_GET
    def view(request: HttpRequest, **ids: int) -> HttpResponse:
        return _download(
            request, lambda language: form.build(user=request.user, language=language, **ids)
        )

    view.__doc__ = f"{form.summary}. {form.readers}"
    view.__name__ = view.__qualname__ = form.name
    return view


# --- retention (p.14) ----------------------------------------------------------------------------


class DisposalForm(forms.Form):
    """The evaluations chosen for disposal and the act's note."""

    evaluations = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)
    note = forms.CharField(label=_("Act / note"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, due: list[DueDocuments], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["evaluations"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(d.evaluation.pk, str(d.evaluation.pk)) for d in due]
        field.error_messages["required"] = _("Choose the documents to dispose of.")
        field.error_messages["invalid_choice"] = _(
            "%(value)s is not due for disposal (any more); reload the list."
        )


def _hr_head_organisation(request: HttpRequest) -> tuple[Viewer, Organisation]:
    current = viewer(request)
    if current.organisation is None or not current.is_hr_head:
        raise PermissionDenied("Only the head of the HR service disposes of documents.")
    return current, current.organisation


def _contents_text(contents: dict[str, int]) -> list[str]:
    return [
        f"{CONTENT_LABELS[key]}: {count}"
        for key, count in contents.items()
        if count and key in CONTENT_LABELS
    ]


def _due_rows(due: list[DueDocuments], selected: set[int]) -> list[dict[str, Any]]:
    language = reader_language()
    return [
        {
            "id": d.evaluation.pk,
            "servant": d.evaluation.servant.full_name,
            "period": period_text(d.evaluation.period, language),
            "method": Method(d.evaluation.method).label
            if d.evaluation.method in Method.values
            else d.evaluation.method,
            "completed_on": d.completed_on,
            "kept_until": d.kept_until,
            "contents": _contents_text(d.contents),
            "checked": d.evaluation.pk in selected,
        }
        for d in due
    ]


def _disposal_rows(disposals: Any) -> list[dict[str, Any]]:
    return [
        {
            "disposal": disposal,
            "count": len(disposal.items),
            "totals": _contents_text(disposal_totals(disposal)),
        }
        for disposal in disposals
    ]


def _retention_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    due = documents_due_for_disposal(organisation, clock.today())
    selected = {
        v for v in map(bounds.ascii_int, request.POST.getlist("evaluations")) if v is not None
    }
    context = {
        "organisation": organisation,
        "today": clock.today(),
        "rows": _due_rows(due, selected),
        "disposals": _disposal_rows(disposals_of(organisation)[:50]),
        "error": error,
    }
    return render_page(
        request,
        "documents/retention.html",
        context,
        partial="documents/partials/due_list.html",
        status=status,
    )


@login_required
@require_GET
def retention(request: HttpRequest) -> HttpResponse:
    """What is due for disposal, with checkboxes, and the past disposals."""
    organisation = _hr_head_organisation(request)[1]
    return _retention_page(request, organisation)


@login_required
@require_POST
def retention_confirm(request: HttpRequest) -> HttpResponse:
    """The confirm step: the chosen documents listed once more, with the act's note."""
    organisation = _hr_head_organisation(request)[1]
    due = documents_due_for_disposal(organisation, clock.today())
    form = DisposalForm(request.POST, due=due)
    if not form.is_valid():
        error = "; ".join(str(e) for e in form.errors.get("evaluations", [])) or str(
            _("Choose the documents to dispose of.")
        )
        return _retention_page(request, organisation, error=error, status=400)
    return _confirm_page(request, organisation, due, form)


def _confirm_page(
    request: HttpRequest, organisation: Any, due: Any, form: DisposalForm
) -> HttpResponse:
    chosen = set(form.cleaned_data["evaluations"])
    rows = _due_rows([d for d in due if d.evaluation.pk in chosen], chosen)
    return render_page(
        request,
        "documents/retention_confirm.html",
        {"organisation": organisation, "rows": rows, "form": form},
    )


@login_required
@require_POST
def dispose(request: HttpRequest) -> HttpResponse:
    """Dispose of the confirmed documents and show the record; without `confirm` (issue 13
    item 4) nothing is removed and the confirm step lists the documents once more."""
    current, organisation = _hr_head_organisation(request)
    due = documents_due_for_disposal(organisation, clock.today())
    form = DisposalForm(request.POST, due=due)
    if not form.is_valid():
        error = "; ".join(str(e) for e in form.errors.get("evaluations", []))
        return _retention_page(request, organisation, error=error, status=400)
    if request.POST.get("confirm") != "1":  # nothing is removed before the list is confirmed
        return _confirm_page(request, organisation, due, form)
    try:
        disposal = documents_dispose(
            actor=current.user,
            organisation=organisation,
            evaluation_ids=form.cleaned_data["evaluations"],
            note=form.cleaned_data["note"],
        )
    except DomainError as failure:
        return _retention_page(request, organisation, error=failure.message, status=400)
    messages.success(
        request,
        _("The documents of %(count)s evaluation(s) were disposed of.")
        % {"count": len(disposal.items)},
    )
    return redirect("documents:disposal", disposal_id=disposal.pk)


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


@login_required
@require_GET
def disposal_detail(request: HttpRequest, disposal_id: int) -> HttpResponse:
    """One disposal record: who, when, the note and every case removed."""
    organisation = _hr_head_organisation(request)[1]
    disposal = disposal_get_for(user=request.user, id=disposal_id)
    if disposal.organisation_id != organisation.pk:
        raise Http404("No such disposal.")
    items = [
        {
            **item,
            "completed_on": _parse_date(item.get("completed")),
            "method_label": Method(item["method"]).label
            if item.get("method") in Method.values
            else item.get("method", ""),
            "removed_text": [
                f"{CONTENT_LABELS[key]}: {count}"
                for key, count in (item.get("removed") or {}).items()
                if count and key in CONTENT_LABELS
            ],
        }
        for item in disposal.items
    ]
    return render_page(
        request,
        "documents/disposal.html",
        {"disposal": disposal, "items": items},
    )


# --- dashboard -----------------------------------------------------------------------------------


def due_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """The head of the HR service's reminder that documents are past their retention."""
    if current.organisation is None or not current.is_hr_head:
        return None
    count, oldest = disposal_due_summary(current.organisation, clock.today())
    if not count:
        return None
    return {"count": count, "oldest": oldest}
