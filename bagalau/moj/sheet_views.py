"""Pages of the quarterly sheet App. 3: open it, read both columns with q, the rating and the
deadline, and take the steps `quarter_sheet_actions` opens to the reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bagalau.core import clock
from bagalau.core.confirm import confirm_page, confirmed
from bagalau.core.forms import DomainErrorForm
from bagalau.core.htmx import render_page
from bagalau.core.language import reader_language
from bagalau.core.outcomes import form_step
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.selectors.explain import explain_language
from bagalau.moj.access import (
    may_read_sheet_act,
    quarter_sheet_actions,
    quarter_sheet_get_for,
    quarter_sheets_visible_to,
)
from bagalau.moj.common import rating_text, rules_on
from bagalau.moj.explain import quarter_sheet_explanation
from bagalau.moj.forms import RefusalForm, SheetColumnForm
from bagalau.moj.models import AnnualSheet, QuarterSheet
from bagalau.moj.selectors import (
    discipline_records_between,
    quarter_sheet_deadline,
    sheet_lines,
)
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_record_refusal,
    quarter_sheet_self_assess,
    quarter_sheet_sign,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def _choices(sheet: QuarterSheet) -> dict[str, Any]:
    """The catalogue's items, the kinds of breach and the quarter's records, as form choices."""
    period = sheet.evaluation.period
    rules = rules_on(period.schedule.organisation, period.ends, "evaluation")
    language = reader_language()
    options = [
        (a.code, f"{a.label.get(language)} (+{a.points})")
        for a in rules.catalogue(sheet.catalogue).activities
    ]
    kinds = [(code, label.get(language)) for code, label in rules.breaches]
    labels = dict(kinds)
    records = [
        (r.pk, f"{r.day:%d.%m.%Y} · {labels.get(r.kind, r.kind)} · {r.evidence}")
        for r in discipline_records_between(sheet.evaluation.servant, period.starts, period.ends)
    ]
    return {"options": options, "kinds": kinds, "records": records}


def _self_form(sheet: QuarterSheet, data: Any = None) -> SheetColumnForm:
    found = _choices(sheet)
    return SheetColumnForm(
        data,
        items=list(sheet.self_items),
        options=found["options"],
        kinds=found["kinds"],
        breaches=list(sheet.self_breaches),
        initial={"version": sheet.version},
    )


def _agree_form(sheet: QuarterSheet, data: Any = None) -> SheetColumnForm:
    found = _choices(sheet)
    items = list(sheet.agreed_items or sheet.self_items)
    chosen = [r.pk for r in sheet.agreed_breaches.all()]
    return SheetColumnForm(
        data,
        items=items,
        options=found["options"],
        records=found["records"],
        initial={"version": sheet.version, "records": chosen},
    )


def _dated(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sheet's lines with their ISO date as a day, for the pages' dd.mm.yyyy."""
    return [{**line, "day": dt.date.fromisoformat(str(line["date"]))} for line in lines]


def _breach_lines(sheet: QuarterSheet) -> dict[str, list[dict[str, Any]]]:
    """Both columns' breaches with the edition's name of their kind (p.20-21): the servant's
    declared ones and the agreed discipline records (M-22)."""
    period = sheet.evaluation.period
    rules = rules_on(period.schedule.organisation, period.ends, "evaluation")
    names = {code: label.get(reader_language()) for code, label in rules.breaches}
    declared = [{**b, "kind": names.get(b["kind"], b["kind"])} for b in sheet.self_breaches]
    records = [
        {"day": r.day, "kind": names.get(r.kind, r.kind), "evidence": r.evidence}
        for r in sheet.agreed_breaches.order_by("day", "pk")
    ]
    return {"self_breaches": _dated(declared), "agreed_records": records}


def sheet_forms(
    request: HttpRequest,
    sheet: QuarterSheet | AnnualSheet,
    actions: frozenset[str],
    forms: dict[str, Any],
    *,
    self_form: Callable[[], DomainErrorForm],
    agree_form: Callable[[], DomainErrorForm],
) -> dict[str, Any]:
    """The forms of an App. 3 or App. 4 page: a refused step's bound form as it came back in
    `forms`, else a blank column form (`self_form`, `agree_form`) for each column step open to
    the reader; the refusal act's form and whether the reader may read the act (p.25, p.31)."""
    return {
        "self_form": forms.get("self_form") or (self_form() if "self_assess" in actions else None),
        "agree_form": forms.get("agree_form") or (agree_form() if "agree" in actions else None),
        "refusal_form": forms.get("refusal_form") or RefusalForm(),
        "act_readable": may_read_sheet_act(request.user, sheet),
    }


def _page(
    request: HttpRequest, sheet: QuarterSheet, *, status: int = 200, **forms: Any
) -> HttpResponse:
    actions = quarter_sheet_actions(user=request.user, obj=sheet)
    context = {
        "sheet": sheet,
        "evaluation": sheet.evaluation,
        "actions": actions,
        "self_lines": _dated(sheet_lines(sheet, "self", reader_language())),
        "agreed_lines": _dated(sheet_lines(sheet, "agreed", reader_language())),
        **_breach_lines(sheet),
        "deadline": quarter_sheet_deadline(sheet),
        **sheet_forms(
            request,
            sheet,
            actions,
            forms,
            self_form=lambda: _self_form(sheet),
            agree_form=lambda: _agree_form(sheet),
        ),
        "explanation": quarter_sheet_explanation(sheet, explain_language(get_language())),
    }
    return render_page(request, "moj/quarter_sheet.html", context, status=status)


def servant_sign_confirm(
    request: HttpRequest, sheet: Any, back_url: str, submit: str
) -> HttpResponse:
    """The servant's signature of App. 3 or confirmation of App. 4 asked to be confirmed first
    (issue 13 item 4): the sheet's result as it will be signed; nothing is signed before."""
    evaluation = sheet.evaluation
    facts: list[tuple[str, Any]] = [
        (capfirst(sheet._meta.get_field(name).verbose_name), getattr(sheet, name))
        for name in ("bonus_points", "breaches", "score", "plan_score")
        if hasattr(sheet, name)
    ]
    if getattr(sheet, "rating", ""):
        facts.append((_("Rating"), rating_text(sheet.rating, evaluation, reader_language())))
    facts.append((_("Signed on"), clock.today().strftime("%d.%m.%Y")))
    message = _(
        "You are about to sign the sheet of %(servant)s for %(period)s as agreed by the direct "
        "manager. Nothing is signed yet. Once signed, it cannot be undone."
    ) % {"servant": evaluation.servant.full_name, "period": evaluation.period}
    return confirm_page(
        request,
        title=_("Confirm the signature"),
        message=message,
        facts=facts,
        submit=submit,
        back_url=back_url,
        back=_("Back to the sheet without signing"),
    )


def refusal_submit(
    request: HttpRequest,
    sheet: Any,
    record: Callable[..., Any],
    page: Callable[..., HttpResponse],
) -> HttpResponse | None:
    """The HR servant's refusal act on an App. 3 or App. 4 sheet (p.25, p.31) through the
    sheet's service `record`: the sheet's `page` with the form's error, or None once recorded
    (and said)."""
    return form_step(
        request,
        sheet,
        page,
        form=RefusalForm(request.POST),
        key="refusal_form",
        write=lambda data: record(actor=request.user, sheet_id=sheet.pk, note=data["note"]),
        saved=_("The refusal act was recorded."),
    )


@login_required
@require_POST
def sheet_open(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """HR or the direct manager opens the App. 3 sheet."""
    sheet = quarter_sheet_open(actor=request.user, evaluation_id=evaluation_id)
    return redirect("moj:quarter_sheet", sheet.pk)


def sheet_page_url(
    visible: QuerySet[QuarterSheet] | QuerySet[AnnualSheet],
    evaluation: Evaluation,
    page: str,
    missing: str,
) -> str:
    """The `page` of the evaluation's sheet among those `visible` to the user; Http404 saying
    `missing` before it is opened or when the user may not read it."""
    sheet = visible.filter(evaluation=evaluation).only("pk").first()
    if sheet is None:
        raise Http404(missing)
    return reverse(page, args=[sheet.pk])


def quarter_evaluation_url(user: User, evaluation: Evaluation) -> str:
    """Where a moj-2017 quarterly evaluation is shown: its App. 3 sheet, once opened, for a user
    who may read it (`evaluations.hooks.register_evaluation_page`); Http404 otherwise."""
    return sheet_page_url(
        quarter_sheets_visible_to(user), evaluation, "moj:quarter_sheet", "No such quarterly sheet."
    )


@login_required
def sheet_page(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """The App. 3 sheet (audited read)."""
    return _page(request, quarter_sheet_get_for(user=request.user, id=sheet_id))


@login_required
@require_POST
def sheet_action(request: HttpRequest, sheet_id: int, action: str) -> HttpResponse:
    """A step of the sheet; a refused one shows the error on its field and writes nothing."""
    sheet = quarter_sheet_get_for(user=request.user, id=sheet_id)
    user = request.user
    if action == "self_assess":
        form = _self_form(sheet, request.POST)
        refused = form_step(
            request,
            sheet,
            _page,
            form=form,
            key="self_form",
            write=lambda data: quarter_sheet_self_assess(
                actor=user,
                sheet_id=sheet.pk,
                items=form.rows(data),
                breaches=form.breach_rows(data),
                version=data["version"],
            ),
            saved=_("The sheet was saved."),
        )
    elif action == "agree":
        form = _agree_form(sheet, request.POST)
        refused = form_step(
            request,
            sheet,
            _page,
            form=form,
            key="agree_form",
            write=lambda data: quarter_sheet_agree(
                actor=user,
                sheet_id=sheet.pk,
                items=form.rows(data),
                breach_ids=data.get("records") or [],
                version=data["version"],
            ),
            saved=_("The sheet was saved."),
        )
    elif action == "sign":
        if not confirmed(request) and "sign" in quarter_sheet_actions(user=user, obj=sheet):
            return servant_sign_confirm(
                request, sheet, reverse("moj:quarter_sheet", args=[sheet.pk]), _("Sign the sheet")
            )
        quarter_sheet_sign(actor=user, sheet_id=sheet.pk)
        messages.success(request, _("The sheet was signed."))
        return redirect("moj:quarter_sheet", sheet.pk)
    elif action == "record_refusal":
        refused = refusal_submit(request, sheet, quarter_sheet_record_refusal, _page)
    else:
        raise Http404("No such step.")
    return refused or redirect("moj:quarter_sheet", sheet.pk)
