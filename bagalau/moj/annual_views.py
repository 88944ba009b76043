"""Pages of the App. 4 annual sheet and HR's computation (seed 001 p.28-33): open it, read both
columns, the plan score, the computation with each number explained and the note that the
weights are a reconstruction (M-1), and take the steps `annual_sheet_actions` opens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bagalau.core.confirm import confirmed
from bagalau.core.htmx import render_page
from bagalau.core.language import reader_language
from bagalau.core.outcomes import form_step, plain_step
from bagalau.evaluations.selectors.explain import explain_language
from bagalau.moj.annual_access import (
    annual_sheet_actions,
    annual_sheet_get_for,
    annual_sheets_visible_to,
)
from bagalau.moj.annual_explain import annual_sheet_explanation
from bagalau.moj.annual_selectors import annual_deadlines, annual_rules_shown
from bagalau.moj.models import AnnualSheet
from bagalau.moj.plan_forms import MarksForm
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_compute,
    annual_sheet_confirm,
    annual_sheet_open,
    annual_sheet_record_refusal,
    annual_sheet_self_assess,
)
from bagalau.moj.sheet_views import (
    refusal_submit,
    servant_sign_confirm,
    sheet_forms,
    sheet_page_url,
)

DONE = {
    "confirm": gettext_lazy("The sheet was confirmed."),
    "compute": gettext_lazy("The annual score was computed."),
}


if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.evaluations.models import Evaluation


def annual_evaluation_url(user: User, evaluation: Evaluation) -> str:
    """Where a moj-2017 annual evaluation is shown: its App. 4 sheet, once opened, for a user who
    may read it (`evaluations.hooks.register_evaluation_page`); Http404 otherwise."""
    return sheet_page_url(
        annual_sheets_visible_to(user), evaluation, "moj:annual_sheet", "No such annual sheet."
    )


def _marks_form(sheet: AnnualSheet, column: str, data: Any = None) -> MarksForm:
    shown = annual_rules_shown(sheet, reader_language())
    scale = [(points, f"{points} — {label}") for points, label in shown["scale"]]
    return MarksForm(
        data, rows=list(sheet.rows), column=column, scale=scale, initial={"version": sheet.version}
    )


def _page(
    request: HttpRequest, sheet: AnnualSheet, *, status: int = 200, **forms: Any
) -> HttpResponse:
    actions = annual_sheet_actions(user=request.user, obj=sheet)
    context = {
        "sheet": sheet,
        "evaluation": sheet.evaluation,
        "actions": actions,
        "rules": annual_rules_shown(sheet, reader_language()),
        "deadlines": annual_deadlines(sheet),
        **sheet_forms(
            request,
            sheet,
            actions,
            forms,
            self_form=lambda: _marks_form(sheet, "self"),
            agree_form=lambda: _marks_form(sheet, "manager"),
        ),
        "explanation": annual_sheet_explanation(sheet, explain_language(get_language())),
        "error": forms.get("error", ""),
    }
    return render_page(request, "moj/annual_sheet.html", context, status=status)


@login_required
@require_POST
def sheet_open(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR or the direct manager opens the App. 4 sheet; refused without a filed plan."""
    sheet = annual_sheet_open(actor=request.user, evaluation_id=evaluation_id)
    return redirect("moj:annual_sheet", sheet.pk)


@login_required
def sheet_page(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """The App. 4 sheet (audited read)."""
    return _page(request, annual_sheet_get_for(user=request.user, id=sheet_id))


@login_required
@require_POST
def sheet_action(request: HttpRequest, sheet_id: int, action: str) -> HttpResponse:
    """A step of the sheet; a refused one shows the error on its field and writes nothing."""
    sheet = annual_sheet_get_for(user=request.user, id=sheet_id)
    user = request.user
    if action in ("self_assess", "agree"):
        column, key = (
            ("self", "self_form") if action == "self_assess" else ("manager", "agree_form")
        )
        service = annual_sheet_self_assess if action == "self_assess" else annual_sheet_agree
        form = _marks_form(sheet, column, request.POST)
        refused = form_step(
            request,
            sheet,
            _page,
            form=form,
            key=key,
            write=lambda data: service(
                actor=user, sheet_id=sheet.pk, marks=form.marks(data), version=data["version"]
            ),
            saved=_("The sheet was saved."),
        )
    elif action in ("confirm", "compute"):
        mine = action == "confirm" and "confirm" in annual_sheet_actions(user=user, obj=sheet)
        if mine and not confirmed(request):
            url = reverse("moj:annual_sheet", args=[sheet.pk])
            return servant_sign_confirm(request, sheet, url, _("Confirm the sheet"))
        step = annual_sheet_confirm if action == "confirm" else annual_sheet_compute
        refused = plain_step(
            request,
            sheet,
            _page,
            write=lambda: step(actor=user, sheet_id=sheet.pk),
            saved=DONE[action],
        )
    elif action == "record_refusal":
        refused = refusal_submit(request, sheet, annual_sheet_record_refusal, _page)
    else:
        raise Http404("No such step.")
    return refused or redirect("moj:annual_sheet", sheet.pk)
