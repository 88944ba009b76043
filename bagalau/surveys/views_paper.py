"""HR's pages for the 360 survey on paper (seed 002 p.33): the blank questionnaire to print, who
returned one, typing a target's batch in any order with its scan, and the scan itself. See
`bagalau.surveys.paper` for why this keeps respondents and answers apart."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_GET, require_http_methods

from bagalau.core.downloads import private_download
from bagalau.core.errors import DomainError
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.documents.pdf import pdf_response
from bagalau.surveys import selectors
from bagalau.surveys.access import paper_batch_get_for, target_actions, target_get_for
from bagalau.surveys.forms import (
    PaperReturnsForm,
    PaperScanForm,
    paper_answers_from_post,
    paper_field_name,
)
from bagalau.surveys.models import Target
from bagalau.surveys.paper import (
    SCAN_MAX_BYTES,
    paper_scan,
    target_enter_paper,
    target_mark_paper_returns,
)
from bagalau.surveys.paper_forms import paper_questionnaire_pdf


@login_required
@require_GET
def paper_blank(request: HttpRequest, target_id: int) -> HttpResponse:
    """The blank App. 5/6 questionnaire for the evaluatee (kk unless ?lang=ru|en)."""
    target = target_get_for(user=request.user, id=target_id)
    if "print_paper" not in target_actions(user=request.user, obj=target):
        raise Http404("The survey is closed.")
    return pdf_response(paper_questionnaire_pdf(target, request.GET.get("lang") or "kk"))


def _entry_blocks(target: Target, data: Any = None) -> list[dict[str, Any]]:
    form = selectors.survey_form(target.campaign, target.form)
    language = selectors.reader_language()
    blocks = []
    for number in range(target.paper_pending):
        rows = []
        for competency in form.competencies:
            for index, statement in enumerate(competency.statements):
                name = paper_field_name(number, competency.code, index)
                rows.append(
                    {
                        "competency": competency.name.get(language),
                        "first": index == 0,
                        "statement": statement.get(language),
                        "name": name,
                        "value": (data.get(name) if data is not None else "") or "",
                    }
                )
        blocks.append({"number": number + 1, "rows": rows})
    return blocks


def _context(
    request: HttpRequest,
    target: Target,
    returns: PaperReturnsForm,
    scan_form: PaperScanForm | None = None,
    data: Any = None,
    error: DomainError | None = None,
) -> dict[str, Any]:
    rules = selectors.rules_for(target.campaign)
    return {
        "target": target,
        "campaign": target.campaign,
        "returns": returns,
        "scan_form": scan_form or PaperScanForm(),
        "blocks": _entry_blocks(target, data),
        "batches": selectors.paper_batches(target),
        "scale": [option.value for option in rules.survey.answer_scale],
        "max_mb": SCAN_MAX_BYTES // 2**20,
        "error": error,
        "open": "paper" in target_actions(user=request.user, obj=target),
    }


def _returns_form(target: Target, data: Any = None) -> PaperReturnsForm:
    # Everyone on the list, answered or not: the page must not tell HR who answered online.
    choices = [
        (invitation.respondent_id, invitation.respondent.full_name)
        for invitation in target.invitations.select_related("respondent").order_by(
            "respondent__last_name", "respondent__first_name", "pk"
        )
    ]
    return PaperReturnsForm(data, choices=choices)


@login_required
@require_http_methods(["GET", "POST"])
def paper_page(request: HttpRequest, target_id: int) -> HttpResponse:
    """Mark who returned a paper questionnaire; type the batch awaiting entry (POST `action`)."""
    target = target_get_for(user=request.user, id=target_id)
    if request.method == "GET":
        return render_page(
            request, "surveys/paper.html", _context(request, target, _returns_form(target))
        )
    action = request.POST.get("action")
    if action == "returns":
        returns = _returns_form(target, request.POST)
        marked = form_submit(
            returns,
            lambda data: target_mark_paper_returns(
                actor=request.user, target_id=target.pk, respondent_ids=data["respondents"]
            ),
        )
        if marked.done:
            messages.success(request, _("The paper questionnaires returned were recorded."))
            return redirect("surveys:paper", target.pk)
        fresh = target_get_for(user=request.user, id=target.pk)
        return render_page(
            request, "surveys/paper.html", _context(request, fresh, returns), status=400
        )
    scan_form = PaperScanForm(request.POST, request.FILES)
    form = selectors.survey_form(target.campaign, target.form)
    questionnaires = paper_answers_from_post(form, request.POST, target.paper_pending)
    error: DomainError | None = None
    if scan_form.is_valid():
        upload = scan_form.cleaned_data.get("scan")
        if upload is not None and upload.size > SCAN_MAX_BYTES:
            error = DomainError(
                "scan", N_("The scan is larger than %(max)s MB."), max=SCAN_MAX_BYTES // 2**20
            )
        else:
            try:
                target_enter_paper(
                    actor=request.user,
                    target_id=target.pk,
                    questionnaires=questionnaires,
                    scan=upload.read() if upload is not None else None,
                )
            except DomainError as caught:
                error = caught
            else:
                messages.success(request, _("The paper questionnaires were entered and sealed."))
                return redirect("surveys:paper", target.pk)
    context = _context(request, target, _returns_form(target), scan_form, request.POST, error)
    return render_page(request, "surveys/paper.html", context, status=400)


@login_required
@require_GET
def paper_scan_download(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The scan of a paper batch, for HR of the organisation (they handled the paper)."""
    batch = paper_batch_get_for(user=request.user, id=batch_id)
    try:
        content, content_type = paper_scan(batch)
    except (DomainError, OSError) as error:
        raise Http404("No scan.") from error
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
    name = f"360-paper-{batch.pk}.{extension.get(content_type, 'bin')}"
    return private_download(content, content_type=content_type, filename=name)
