"""360 survey pages where a respondent answers (seed 002 p.33-35, App. 5-6): the questionnaire
(one page per evaluatee, mobile-first, autosaved) and the servant's self-assessment with its
draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.htmx import render_page
from bagalau.methodology.sjc2023 import SurveyForm
from bagalau.surveys import my_tasks, selectors
from bagalau.surveys.access import own_target_get_for, questionnaire_actions
from bagalau.surveys.forms import answers_from_post, error_anchor, field_name, unanswered
from bagalau.surveys.models import Invitation, SelfAssessment, Target
from bagalau.surveys.refs import draft_key, invitation_by_ref, questionnaire_ref
from bagalau.surveys.services import invitation_submit, self_save_draft, self_submit

# --- questionnaires ------------------------------------------------------------------------------


def _sections(
    form: SurveyForm,
    answers: dict[str, list[Any]] | None,
    scale: list[tuple[int, str]],
    errors: dict[str, str],
    missing: frozenset[tuple[str, int]] = frozenset(),
) -> list[dict[str, Any]]:
    language = selectors.reader_language()
    sections = []
    for number, competency in enumerate(form.competencies, start=1):
        given = (answers or {}).get(competency.code) or []
        statements = []
        for index, statement in enumerate(competency.statements):
            raw = given[index] if index < len(given) else None
            value = str(raw) if raw is not None else ""
            statements.append(
                {
                    "index": index,
                    "number": index + 1,
                    "text": statement.get(language),
                    "name": field_name(competency.code, index),
                    "anchor": f"s-{competency.code}-{index}",
                    "missing": (competency.code, index) in missing,
                    "value": value,
                    "options": [
                        {"value": str(v), "label": text, "checked": value == str(v)}
                        for v, text in scale
                    ],
                }
            )
        sections.append(
            {
                "code": competency.code,
                "number": number,
                "name": competency.name.get(language),
                "statements": statements,
                "error": errors.get(competency.code, ""),
                "missing": any(statement["missing"] for statement in statements),
            }
        )
    return sections


def _done_on(questionnaire: Invitation | SelfAssessment) -> Any:
    if isinstance(questionnaire, Invitation):
        return questionnaire.completed_on
    return questionnaire.submitted_on


def _questionnaire_context(
    request: HttpRequest,
    questionnaire: Invitation | SelfAssessment,
    *,
    kind: str,
    pk: int | str,
    answers: dict[str, list[Any]] | None,
    error: DomainError | None = None,
    confirm_error: str = "",
    draft: str = "",
    on_paper: bool = False,
    missing: frozenset[tuple[str, int]] = frozenset(),
    confirmed: bool = False,
) -> dict[str, Any]:
    target = questionnaire.target
    campaign = target.campaign
    rules = selectors.rules_for(campaign)
    form = selectors.survey_form(campaign, target.form)
    language = selectors.reader_language()
    scale = [(option.value, option.label.get(language)) for option in rules.survey.answer_scale]
    errors = {}
    if error is not None and error_anchor(error.field):
        errors[error_anchor(error.field)] = error.message
    sections = _sections(form, answers, scale, errors, missing)
    return {
        "kind": kind,
        "pk": pk,
        "target": target,
        "campaign": campaign,
        "form": form,
        "title": form.title.get(language),
        "instructions": form.instructions.get(language).split("\n\n"),
        "sections": sections,
        "missing": [
            {"anchor": statement["anchor"], "label": f"{section['number']}.{statement['number']}"}
            for section in sections
            for statement in section["statements"]
            if statement["missing"]
        ],
        "confirmed": confirmed,
        "scale": scale,
        "done_on": _done_on(questionnaire),
        "actions": questionnaire_actions(user=request.user, obj=questionnaire),
        "error": error,
        "confirm_error": confirm_error,
        "answered": my_tasks.answered_count(answers),
        "statements": my_tasks.statement_count(form),
        "draft_key": draft,
        "on_paper": on_paper,
    }


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest, ref: str) -> HttpResponse:
    """One evaluatee's questionnaire for the respondent; POST submits it once. The URL carries
    an opaque per-session reference, never the invitation's id (`refs`); the draft stays in the
    respondent's browser (`draft.js`)."""
    invitation = invitation_by_ref(request, ref)
    target = invitation.target
    common: dict[str, Any] = {
        "kind": "invitation",
        "pk": ref,
        "draft": draft_key(request.user, invitation.pk),
        "on_paper": invitation.on_paper,
    }
    if request.method == "POST":
        refused = _submitted(
            request,
            invitation,
            target,
            lambda posted: invitation_submit(
                actor=request.user, invitation_id=invitation.pk, answers=posted
            ),
            lambda: invitation_by_ref(request, ref),
            common,
        )
        if refused is not None:
            return refused
        messages.success(request, _("Thank you. Your answers were sealed for the anonymous count."))
        return redirect("surveys:questionnaire", questionnaire_ref(request, invitation.pk))
    context = _questionnaire_context(request, invitation, **common, answers=None)
    return render_page(request, "surveys/questionnaire.html", context)


def _submitted(
    request: HttpRequest,
    questionnaire: Invitation | SelfAssessment,
    target: Target,
    submit: Callable[[dict[str, list[Any]]], Any],
    fresh: Callable[[], Invitation | SelfAssessment],
    common: dict[str, Any],
) -> HttpResponse | None:
    """Submit the posted questionnaire once confirmed; the page again (400) when refused."""
    posted = answers_from_post(selectors.survey_form(target.campaign, target.form), request.POST)
    missing = unanswered(posted)
    confirmed = bool(request.POST.get("confirm"))
    if missing or not confirmed:
        # Every error at once: at the top, beside each statement and beside the box (item 6).
        context = _questionnaire_context(
            request,
            questionnaire,
            **common,
            answers=posted,
            missing=missing,
            confirmed=confirmed,
            confirm_error=""
            if confirmed
            else _("Tick the box to confirm: a submitted questionnaire is final."),
        )
        return render_page(request, "surveys/questionnaire.html", context, status=400)
    try:
        submit(posted)
    except DomainError as error:
        context = _questionnaire_context(request, fresh(), **common, answers=posted, error=error)
        return render_page(request, "surveys/questionnaire.html", context, status=400)
    return None


def _autosaved(request: HttpRequest, answered: int, total: int, error: str = "") -> HttpResponse:
    context = {"answered": answered, "statements": total, "error": error, "now": clock.now()}
    return render_page(
        request,
        "surveys/partials/autosave.html",
        context,
        partial="surveys/partials/autosave.html",
        status=200 if not error else 400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_page(request: HttpRequest, target_id: int) -> HttpResponse:
    """The evaluatee's self-assessment (the same form, shown beside, never counted)."""
    target = own_target_get_for(user=request.user, id=target_id)
    # No self-assessment while the campaign is a draft: an empty one, which nobody may answer.
    own = SelfAssessment.objects.filter(target=target).first() or SelfAssessment(target=target)
    common: dict[str, Any] = {"kind": "self", "pk": target.pk}
    if request.method == "POST":
        refused = _submitted(
            request,
            own,
            target,
            lambda posted: self_submit(actor=request.user, target_id=target.pk, answers=posted),
            lambda: own,
            common,
        )
        if refused is not None:
            return refused
        messages.success(request, _("Your self-assessment was submitted."))
        return redirect("surveys:self", target.pk)
    context = _questionnaire_context(request, own, **common, answers=own.answers or None)
    return render_page(request, "surveys/questionnaire.html", context)


@login_required
@require_POST
def self_draft(request: HttpRequest, target_id: int) -> HttpResponse:
    """Autosave of the self-assessment."""
    target = own_target_get_for(user=request.user, id=target_id)
    form = selectors.survey_form(target.campaign, target.form)
    answers = answers_from_post(form, request.POST)
    total = my_tasks.statement_count(form)
    try:
        own = self_save_draft(actor=request.user, target_id=target.pk, answers=answers)
    except DomainError as error:
        return _autosaved(request, my_tasks.answered_count(answers), total, error.message)
    return _autosaved(request, my_tasks.answered_count(own.answers), total)
