"""Disagreement pages (seed 002 p.16): the servant's list and form, the HR service's work list,
one disagreement with the HR service's answer form; the menu entry and the HR panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bagalau.core.context import Viewer
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.core.navigation import NavItem, Panel, register_nav, register_panel
from bagalau.disagreements import selectors
from bagalau.disagreements.access import can_answer, disagreement_actions, disagreement_get_for
from bagalau.disagreements.forms import AnswerForm, RaiseForm
from bagalau.disagreements.models import DISAGREEMENT_FLOW
from bagalau.disagreements.services import disagreement_answer, disagreement_raise
from bagalau.org.selectors import servant_of


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """The viewer's own disagreements with the form to record one (a servant), and the HR
    service's list (open ones first)."""
    user = request.user
    is_servant = servant_of(user) is not None
    form = RaiseForm(request.POST or None, evaluations=selectors.own_evaluations(user))
    if request.method == "POST":
        if not is_servant:
            raise PermissionDenied
        raised = form_submit(
            form,
            lambda data: disagreement_raise(
                actor=user,
                text=data["text"],
                evaluation_id=data["evaluation"].pk if data["evaluation"] else None,
            ),
        )
        if raised.done and raised.result is not None:
            messages.success(request, _("Your disagreement was sent to the HR service."))
            return redirect("disagreements:detail", raised.result.pk)
    context = {
        "mine": list(selectors.disagreements_of(user)),
        "form": form if is_servant else None,
        "to_answer": list(selectors.disagreements_for_hr(user, open_only=True)),
        "answered": [
            item
            for item in selectors.disagreements_for_hr(user)[:300]
            if item.status not in DISAGREEMENT_FLOW.group("open")
        ],
    }
    return render_page(request, "disagreements/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, disagreement_id: int) -> HttpResponse:
    """One disagreement; the HR service's answer form while it is open."""
    disagreement = disagreement_get_for(user=request.user, id=disagreement_id)
    if request.method == "POST" and not can_answer(request.user, disagreement):
        raise PermissionDenied
    form = None
    if "answer" in disagreement_actions(user=request.user, obj=disagreement):
        form = AnswerForm(request.POST or None)
        if request.method == "POST":
            answered = form_submit(
                form,
                lambda data: disagreement_answer(
                    actor=request.user, disagreement_id=disagreement.pk, **data
                ),
            )
            if answered.done:
                messages.success(request, _("The answer was recorded and the servant told."))
                return redirect("disagreements:detail", disagreement.pk)
    elif request.method == "POST":
        messages.error(request, _("The disagreement was already answered."))
        return redirect("disagreements:detail", disagreement.pk)
    return render_page(
        request, "disagreements/detail.html", {"disagreement": disagreement, "form": form}
    )


def _panel_hr(request: HttpRequest, viewer: Viewer) -> dict[str, Any] | None:
    if not viewer.is_hr:
        return None
    rows = list(selectors.disagreements_for_hr(request.user, open_only=True))
    return {"rows": rows} if rows else None


def register() -> None:
    """The menu entry and the HR panel (from DisagreementsConfig.ready)."""
    register_nav(
        NavItem(
            key="disagreements",
            label=gettext_lazy("Disagreements"),
            url_name="disagreements:index",
            visible=lambda viewer: viewer.servant is not None or viewer.is_hr,
            order=45,
        )
    )
    register_panel(
        Panel(
            key="disagreements_hr",
            template="disagreements/panel_hr.html",
            context=_panel_hr,
            order=44,
        )
    )
