"""The evaluator's signature of a quarterly sheet (App. 2 / App. 4), confirmed before it is made
(issue 13 item 4): a POST without `confirm` signs nothing and shows what would be signed — every
score that will be stored, those taken from the proposal named — with the button that signs.

The API keeps its contract: an API client confirms by calling.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_POST

from bagalau.core.errors import DomainError
from bagalau.evaluations.forms_sheets import DifferentiationForm, KpiScoresForm, VersionForm
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.selectors import sheets as selectors
from bagalau.evaluations.services.sheets import (
    differentiation_save,
    evaluation_sign,
    kpi_sheet_save,
)
from bagalau.evaluations.services.signing import evaluation_sign_preview
from bagalau.evaluations.views.sheets import _evaluator_sheet, _render_error, _sheet_context

#: Fields of the posted sheet that the confirmation page does not carry over.
_NOT_CARRIED = {"csrfmiddlewaretoken", "confirm"}


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "1"


def _confirm_page(
    request: HttpRequest,
    evaluation: Evaluation,
    sign: Callable[[], Evaluation],
    *,
    action: str,
    from_proposal: Collection[int] = (),
    form: VersionForm | None = None,
    typed: dict[int, object] | None = None,
) -> HttpResponse:
    """Nothing signed: the summary of what the signature would store, or the sheet with the
    error that would refuse it."""
    try:
        summary = evaluation_sign_preview(sign=sign, from_proposal=from_proposal)
    except DomainError as error:
        return _render_error(request, evaluation, error, form=form, typed=typed)
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CARRIED
        for value in values
    ]
    context = {
        "evaluation": evaluation,
        "position": evaluation.assignment.position,
        "summary": summary,
        "action": action,
        "carried": carried,
    }
    return render(request, "evaluations/sheets/confirm_sign.html", context)


def _save_and_sign(
    request: HttpRequest, evaluation: Evaluation, save: Callable[[], Evaluation], sign: bool
) -> Callable[[], Evaluation]:
    """`save`, then (when `sign`) the signature of what it saved: saving and signing are one
    change, so a refused signature keeps nothing."""

    def run() -> Evaluation:
        with transaction.atomic():
            saved = save()
            if not sign:
                return saved
            return evaluation_sign(
                actor=request.user, evaluation_id=evaluation.pk, version=saved.version
            )

    return run


def _run_once_confirmed(
    request: HttpRequest,
    evaluation: Evaluation,
    run: Callable[[], Evaluation],
    *,
    sign: bool,
    url_name: str,
    from_proposal: Callable[[], Collection[int]] = frozenset,
    form: VersionForm | None = None,
    typed: dict[int, object] | None = None,
) -> HttpResponse:
    """Run the sheet's save (a signature too when `sign`) and go back to the sheet; a signature
    not yet confirmed shows what it would store instead (`_confirm_page`, posting back to
    `url_name`, the scores `from_proposal` named), a refusal the sheet with the error."""
    if sign and not _confirmed(request):
        return _confirm_page(
            request,
            evaluation,
            run,
            action=reverse(url_name, args=[evaluation.pk]),
            from_proposal=from_proposal(),
            form=form,
            typed=typed,
        )
    try:
        run()
    except DomainError as error:
        return _render_error(request, evaluation, error, form=form, typed=typed)
    messages.success(request, gettext("The sheet was signed.") if sign else gettext("Saved."))
    return redirect("evaluations:sheet", evaluation.pk)


def _invalid_sheet(request: HttpRequest, evaluation: Evaluation, form: VersionForm) -> HttpResponse:
    """The sheet again with the posted form and its field errors (400; nothing was written)."""
    context = _sheet_context(request, evaluation, form=form)
    return render(request, "evaluations/sheets/sheet.html", context, status=400)


@login_required
@require_POST
def sheet_kpi_save(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The evaluator saves the KPI scores; "Save and sign" shows the summary first and signs
    once confirmed."""
    evaluation = _evaluator_sheet(request, evaluation_id)
    rows = selectors.kpi_rows(evaluation)
    form = KpiScoresForm(request.POST, rows=rows)
    if not form.is_valid():
        return _invalid_sheet(request, evaluation, form)
    typed = form.by_row()
    sign = bool(form.cleaned_data.get("sign"))

    def save() -> Evaluation:
        return kpi_sheet_save(
            actor=request.user,
            evaluation_id=evaluation.pk,
            version=form.cleaned_data["version"],
            scores=typed,
            # a form without the field (an older page) leaves the feedback as it was
            feedback=form.cleaned_data["feedback"] if "feedback" in request.POST else None,
        )

    return _run_once_confirmed(
        request,
        evaluation,
        _save_and_sign(request, evaluation, save, sign),
        sign=sign,
        url_name="evaluations:sheet_kpi_save",
        from_proposal=lambda: {pk for pk, value in typed.items() if value in ("", None)},
        form=form,
        typed=typed,
    )


@login_required
@require_POST
def sheet_differentiation_save(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The head of the unit saves the App. 4 scores and reasons; "Save and sign" shows the
    summary first and signs once confirmed."""
    evaluation = _evaluator_sheet(request, evaluation_id)
    lines = selectors.differentiation_sheet(evaluation).lines
    form = DifferentiationForm(request.POST, lines=lines)
    if not form.is_valid():
        return _invalid_sheet(request, evaluation, form)
    sign = bool(form.cleaned_data.get("sign"))

    def save() -> Evaluation:
        return differentiation_save(
            actor=request.user,
            evaluation_id=evaluation.pk,
            version=form.cleaned_data["version"],
            scores=form.scores(),
            justifications=form.justifications(),
            justification=form.cleaned_data["justification"],
        )

    return _run_once_confirmed(
        request,
        evaluation,
        _save_and_sign(request, evaluation, save, sign),
        sign=sign,
        url_name="evaluations:sheet_differentiation_save",
        form=form,
    )


@login_required
@require_POST
def sheet_sign(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The evaluator signs the sheet as saved, once the summary is confirmed."""
    evaluation = _evaluator_sheet(request, evaluation_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        error = DomainError(
            "version", N_("The sheet's version is missing: reload the sheet and try again.")
        )
        return _render_error(request, evaluation, error)

    def sign() -> Evaluation:
        return evaluation_sign(
            actor=request.user, evaluation_id=evaluation.pk, version=form.cleaned_data["version"]
        )

    return _run_once_confirmed(
        request,
        evaluation,
        sign,
        sign=True,
        url_name="evaluations:sheet_sign",
        from_proposal=lambda: {
            row.pk for row in selectors.kpi_rows(evaluation) if row.score is None
        },
    )


urlpatterns: list[URLPattern] = [
    path("sheets/<int:evaluation_id>/kpi/", sheet_kpi_save, name="sheet_kpi_save"),
    path(
        "sheets/<int:evaluation_id>/differentiation/",
        sheet_differentiation_save,
        name="sheet_differentiation_save",
    ),
    path("sheets/<int:evaluation_id>/sign/", sheet_sign, name="sheet_sign"),
]
