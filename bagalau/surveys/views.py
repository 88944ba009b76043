"""360 survey pages (seed 002 p.33-36, App. 5-8): the hub ("360"), HR's campaign page (lists,
opening, progress, the withheld list, closing, feedback), the training needs and their XLSX, the
report (App. 7/8) with its radar chart and PDF. The questionnaire (one page per evaluatee,
mobile-first, autosaved) and the self-assessment are in views_answering.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bagalau.core import bounds, clock
from bagalau.core.collation import fold
from bagalau.core.context import Viewer, viewer
from bagalau.core.downloads import private_download
from bagalau.core.forms import FIND, form_submit
from bagalau.core.htmx import render_page
from bagalau.core.jobs import PeriodicJob, register_job
from bagalau.core.navigation import PANEL_ROWS, NavItem, Panel, register_nav, register_panel
from bagalau.core.outcomes import run_and_say
from bagalau.documents.pdf import pdf_response
from bagalau.evaluations.selectors.explain import explain_language
from bagalau.org.models import Organisation
from bagalau.org.selectors import direct_manager, unit_order
from bagalau.surveys import my_tasks, reports, selectors
from bagalau.surveys.access import (
    campaign_actions,
    campaign_get_for,
    is_hr,
    is_hr_head,
    report_get_for,
    target_actions,
    target_get_for,
    training_get_for,
)
from bagalau.surveys.draft_check import draft_checks_refresh, lists_to_fix
from bagalau.surveys.explain import report_explanation
from bagalau.surveys.exports import report_chart, report_labels, report_pdf, training_xlsx
from bagalau.surveys.forms import CampaignCreateForm, DeadlineForm, FeedbackForm, RespondentsForm
from bagalau.surveys.jobs import campaign_create_submit
from bagalau.surveys.listing import progress_page, target_page, training_page
from bagalau.surveys.models import Campaign, CampaignStatus, Target
from bagalau.surveys.refs import with_refs
from bagalau.surveys.respondents import FOUND_AT_MOST
from bagalau.surveys.services import (
    campaign_close,
    campaign_open,
    campaign_set_deadline,
    survey360_send_reminders,
    target_record_feedback,
    target_remove,
    target_set_respondents,
)
from bagalau.surveys.training import training_needs

# --- helpers -------------------------------------------------------------------------------------

#: Issue 8 item 4: a report of exactly the minimum lets two respondents work out the third's
#: answers from the averages. Allowed (p.35), but HR is told.
THREE_WARNING = gettext_lazy(
    "Only %(count)s respondents: any two of them could work out the third's answers from the "
    "report. Add a fourth where the structure allows."
)


def _hr_organisation(request: HttpRequest) -> Organisation | None:
    organisation = viewer(request).organisation
    if organisation is not None and is_hr(request.user, organisation):
        return organisation
    return None


# --- the hub -------------------------------------------------------------------------------------


def _my_reports(current: Viewer) -> list[dict[str, Any]]:
    """Closed campaigns' reports of the viewer and of those they evaluate (the head of HR finds
    the others on the campaign page)."""
    if current.servant is None:
        return []
    targets = list(
        Target.objects.filter(
            Q(servant=current.servant) | Q(evaluator=current.servant),
            campaign__status=CampaignStatus.CLOSED,
        )
        .select_related("campaign", "servant", "position")
        .order_by("-campaign__year", "servant__last_name", "servant__first_name", "pk")
    )
    campaigns = {target.campaign_id: target.campaign for target in targets}
    released: set[int] = set()
    for campaign_id, campaign in campaigns.items():
        ids = [target.pk for target in targets if target.campaign_id == campaign_id]
        released |= selectors.released_among(campaign, ids)
    return [
        {
            "target": target,
            "own": target.servant_id == current.servant.pk,
            "released": target.pk in released,
        }
        for target in targets
    ]


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The viewer's questionnaires, the reports they may read and, for HR, the campaigns."""
    current = viewer(request)
    organisation = _hr_organisation(request)
    context = {
        "tasks": with_refs(request, my_tasks.tasks_of(current.servant)),
        "reports": _my_reports(current),
        "organisation": organisation,
        "campaigns": list(selectors.campaigns_of(organisation)) if organisation else [],
        "create_form": CampaignCreateForm(initial={"year": clock.today().year}),
        "today": clock.today(),
    }
    return render_page(request, "surveys/index.html", context)


# --- HR: the campaign ----------------------------------------------------------------------------


@login_required
@require_POST
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    """HR drafts the year's survey: checked at once, then created by a background job whose
    progress the job's page shows (issue 14 item 3)."""
    organisation = viewer(request).organisation
    if organisation is None or not is_hr(request.user, organisation):
        raise PermissionDenied
    form = CampaignCreateForm(request.POST)
    submitted = form_submit(
        form,
        lambda data: campaign_create_submit(
            actor=request.user,
            organisation=organisation,
            year=data["year"],
            deadline=data["deadline"],
        ),
    )
    if submitted.done and submitted.result is not None:
        return redirect("jobs:job", submitted.result.pk)
    context = {
        "tasks": [],
        "reports": [],
        "organisation": organisation,
        "campaigns": list(selectors.campaigns_of(organisation)),
        "create_form": form,
        "today": clock.today(),
    }
    return render_page(request, "surveys/index.html", context, status=400)


def _campaign_context(request: HttpRequest, campaign: Campaign, **extra: Any) -> dict[str, Any]:
    order = unit_order(campaign.organisation)
    listed = target_page(campaign, request, order)
    groups = listed.groups
    rules = selectors.rules_for(campaign)
    progress = progress_page(campaign, request, order)
    feedback_forms = {}
    actions = campaign_actions(user=request.user, obj=campaign)
    first = next((row.target for group in groups for row in group.rows), None)
    row_actions = target_actions(user=request.user, obj=first) if first else frozenset()
    if "feedback" in row_actions:
        for group in groups:
            for row in group.rows:
                if row.released:
                    feedback_forms[row.target.pk] = FeedbackForm(
                        initial={
                            "given_on": row.target.feedback_given_on or clock.today(),
                            "note": row.target.feedback_note,
                            "version": row.target.version,
                        },
                        prefix=f"t{row.target.pk}",
                    )
    for group in groups:
        for row in group.rows:
            row.feedback_form = feedback_forms.get(row.target.pk)  # type: ignore[attr-defined]
    return {
        "campaign": campaign,
        "actions": actions,
        "target_actions": row_actions,
        "groups": groups,
        "to_fix": listed.to_fix,
        "to_fix_count": listed.to_fix_count,
        "page": listed.page,
        "filters": listed.filters,
        "units": listed.units,
        "legal_deadline": selectors.legal_deadline(campaign),
        "min": rules.survey.min_respondents,
        "max": rules.survey.max_respondents,
        "progress_rows": progress.units if progress else [],
        "progress_total": progress.total if progress else None,
        "withheld": progress.withheld if progress else [],
        "deadline_form": extra.pop("deadline_form", None)
        or DeadlineForm(initial={"deadline": campaign.deadline}),
        "is_hr_head": is_hr_head(request.user, campaign.organisation),
        "today": clock.today(),
        "three_warning": str(THREE_WARNING) % {"count": rules.survey.min_respondents},
        **extra,
    }


@login_required
@require_GET
def campaign_page(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """HR's page: the lists, opening, progress per unit, the withheld list, closing, feedback.
    No page here says who answered."""
    campaign = campaign_get_for(user=request.user, id=campaign_id)
    return render_page(request, "surveys/campaign.html", _campaign_context(request, campaign))


@login_required
@require_GET
def campaign_panel(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The figures of HR's dashboard panel, asked for once the dashboard is shown (issue 12: at
    100,000 evaluatees checking a draft's lists takes a second, counting an open campaign's
    questionnaires a quarter of one): how many of a draft's respondent lists are still to
    complete; an open campaign's questionnaires answered and evaluatees below the responses a
    report needs."""
    campaign = campaign_get_for(user=request.user, id=campaign_id)
    context: dict[str, Any] = {"campaign": campaign}
    if campaign.status == CampaignStatus.DRAFT:
        context["to_fix"] = len(set().union(*lists_to_fix(campaign)))
    elif campaign.status == CampaignStatus.OPEN:
        context["total"], context["at_risk"] = selectors.running_figures(campaign)
    return render(request, "surveys/partials/panel_figures.html", context)


def _campaign_action(
    request: HttpRequest, campaign_id: int, action: Any, done: str
) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, id=campaign_id)
    run_and_say(request, lambda: action(actor=request.user, campaign_id=campaign.pk), done)
    return redirect("surveys:campaign", campaign.pk)


@login_required
@require_POST
def campaign_open_view(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Open the survey (every list 3-7)."""
    return _campaign_action(
        request, campaign_id, campaign_open, _("The survey is open; respondents were notified.")
    )


@login_required
@require_POST
def campaign_close_view(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Close the survey and release the reports."""
    return _campaign_action(
        request, campaign_id, campaign_close, _("The survey is closed; the reports are out.")
    )


@login_required
@require_POST
def campaign_deadline_view(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Move the deadline."""
    campaign = campaign_get_for(user=request.user, id=campaign_id)
    form = DeadlineForm(request.POST)
    moved = form_submit(
        form,
        lambda data: campaign_set_deadline(
            actor=request.user, campaign_id=campaign.pk, deadline=data["deadline"]
        ),
    )
    if moved.done:
        messages.success(request, _("The deadline was changed."))
        return redirect("surveys:campaign", campaign.pk)
    context = _campaign_context(request, campaign, deadline_form=form)
    return render_page(request, "surveys/campaign.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def target_respondents(request: HttpRequest, target_id: int) -> HttpResponse:
    """HR adjusts who answers about one servant (3-7, p.35)."""
    target = target_get_for(user=request.user, id=target_id)
    campaign = target.campaign
    actions = target_actions(user=request.user, obj=target)
    today = clock.today()
    current = list(target.invitations.order_by("pk").values_list("respondent_id", flat=True))
    posted = [pk for pk in map(bounds.ascii_int, request.POST.getlist("respondents")) if pk]
    selected = set(posted) if request.method == "POST" else set(current)
    manager = direct_manager(target.servant, today)
    query = request.POST.get("respondents-find", "") if request.method == "POST" else ""
    groups, total, found = selectors.respondents_around(
        target,
        today,
        shown={*selected, *current, *([manager.pk] if manager else [])},
        query=query,
    )
    choices = [
        (servant.pk, servant.full_name)
        for servant in selectors.respondents_in_post(campaign.organisation, today, posted)
        if servant.pk != target.servant_id
    ]
    form = RespondentsForm(
        request.POST or None,
        choices=choices,
        initial={
            "respondents": current,
            "version": target.version,
            "no_manager_reason": target.no_manager_reason,
        },
    )

    def save(data: dict[str, Any]) -> None:
        target_set_respondents(
            actor=request.user,
            target_id=target.pk,
            respondent_ids=data["respondents"],
            version=data["version"],
            no_manager_reason=data["no_manager_reason"],
        )

    if request.method == "POST" and form_submit(form, save).done:
        messages.success(
            request,
            _("The respondents of %(servant)s were saved.") % {"servant": target.servant.full_name},
        )
        rules = selectors.rules_for(campaign)
        if len(form.cleaned_data["respondents"]) == rules.survey.min_respondents:
            messages.warning(request, str(THREE_WARNING) % {"count": rules.survey.min_respondents})
        return redirect(f"{selectors.campaign_url(campaign)}#target-{target.pk}")
    proposal_units = [
        {
            "unit": unit,
            "people": sorted(
                (
                    {
                        "servant": servant,
                        "position": position,
                        "fold": fold(f"{servant.full_name} {position}"),
                    }
                    for servant, position in people
                    if servant.pk != target.servant_id
                ),
                key=lambda person: person["servant"].pk not in selected,
            ),
        }
        for unit, people in groups
    ]
    rules = selectors.rules_for(campaign)
    context = {
        "target": target,
        "campaign": campaign,
        "form": form,
        "units": proposal_units,
        "selected": selected,
        "locked": set(current) if "respondents" in actions and "unlist" not in actions else set(),
        "min": rules.survey.min_respondents,
        "max": rules.survey.max_respondents,
        "at_minimum": len(selected) == rules.survey.min_respondents,
        "three_warning": str(THREE_WARNING) % {"count": rules.survey.min_respondents},
        "manager": manager,
        "total": total,
        "found": found,
        "query": query.strip(),
        "more": found >= FOUND_AT_MOST,
        "find_button": FIND,
    }
    status = 400 if request.method == "POST" and not form.searching else 200
    return render_page(request, "surveys/respondents.html", context, status=status)


@login_required
@require_POST
def target_remove_view(request: HttpRequest, target_id: int) -> HttpResponse:
    """Take a servant out of a draft campaign."""
    target = target_get_for(user=request.user, id=target_id)
    run_and_say(
        request,
        lambda: target_remove(actor=request.user, target_id=target.pk),
        _("%(servant)s was taken out of the survey.") % {"servant": target.servant.full_name},
    )
    return redirect("surveys:campaign", target.campaign_id)


@login_required
@require_POST
def target_feedback(request: HttpRequest, target_id: int) -> HttpResponse:
    """HR records the feedback given (p.36)."""
    target = target_get_for(user=request.user, id=target_id)
    form = FeedbackForm(request.POST, prefix=f"t{target.pk}")
    if form.is_valid():
        run_and_say(
            request,
            lambda: target_record_feedback(
                actor=request.user,
                target_id=target.pk,
                given_on=form.cleaned_data["given_on"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            ),
            _("Feedback to %(servant)s was recorded.") % {"servant": target.servant.full_name},
        )
    else:
        messages.error(request, _("Give the date the feedback was given."))
    return redirect(f"{selectors.campaign_url(target.campaign)}#target-{target.pk}")


# --- training needs (p.36) -----------------------------------------------------------------------


@login_required
@require_GET
def training(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Per competency and unit, how many servants have it among their lowest three."""
    campaign = training_get_for(user=request.user, id=campaign_id)
    needs, page = training_page(
        training_needs(campaign, language=selectors.reader_language(), units=False), request
    )
    context = {"campaign": campaign, "needs": needs, "page": page}
    return render_page(request, "surveys/training.html", context)


@login_required
@require_GET
def training_export(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The training needs as XLSX."""
    campaign = training_get_for(user=request.user, id=campaign_id, purpose="export_training")
    needs = training_needs(campaign, language=selectors.reader_language())
    return private_download(
        training_xlsx(needs),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"360-training-{campaign.year}.xlsx",
    )


# --- reports -------------------------------------------------------------------------------------


@login_required
@require_GET
def report(request: HttpRequest, target_id: int) -> HttpResponse:
    """App. 7/8: averages per competency, the self-assessment beside, the overall mean, the
    lowest three and the radar chart; or why the report is withheld."""
    target = report_get_for(user=request.user, id=target_id)
    language = selectors.reader_language()
    result = reports.report_for(target, language=language)
    context = {
        "report": result,
        "target": target,
        "campaign": target.campaign,
        "chart": report_chart(result, language),
        "R": report_labels(language),
        "title": result.form.result_title.get(language),
        "appendix": result.form.appendix + 2,
        # Every reader learns how many responded (issue 8 item 4); HR's head also when withheld.
        "show_count": result.released or is_hr_head(request.user, target.campaign.organisation),
        "paper": reports.paper_count(target) if result.released else 0,
        "explanation": report_explanation(result, explain_language(get_language())),
    }
    return render_page(request, "surveys/report.html", context)


@login_required
@require_GET
def report_download(request: HttpRequest, target_id: int) -> HttpResponse:
    """The report as PDF (Kazakh unless ?lang=ru|en)."""
    target = report_get_for(user=request.user, id=target_id, purpose="download")
    language = request.GET.get("lang") or "kk"
    result = reports.report_for(target, language=language[:2])
    if not result.released:
        messages.error(request, _("The report is withheld: there is nothing to print."))
        return redirect("surveys:report", target.pk)
    return pdf_response(report_pdf(result, language))


# --- menu, dashboard panels, the reminder job ----------------------------------------------------


def _menu_visible(current: Viewer) -> bool:
    return current.organisation is not None and (current.servant is not None or current.is_hr)


def _panel_questionnaires(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    """The first `PANEL_ROWS` questionnaires still to answer, and how many more the "360" page
    holds."""
    servant = current.servant
    tasks = my_tasks.tasks_of(servant, only_open=True, only_pending=True, limit=PANEL_ROWS)
    tasks = [t for t in with_refs(request, tasks) if t.open]
    if servant is None or not tasks:
        return None
    more = my_tasks.pending_count(servant) - len(tasks)
    return {"tasks": tasks, "deadline": min(t.campaign.deadline for t in tasks), "more": more}


def _panel_hr(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    organisation = current.organisation
    if organisation is None or not current.is_hr:
        return None
    campaign = (
        Campaign.objects.filter(organisation=organisation)
        .exclude(status=CampaignStatus.CLOSED)
        .order_by("-year")
        .first()
    )
    if campaign is None:
        return None
    return {"campaign": campaign}


def _panel_report(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    if current.servant is None:
        return None
    target = (
        Target.objects.filter(servant=current.servant, campaign__status=CampaignStatus.CLOSED)
        .select_related("campaign")
        .order_by("-campaign__year")
        .first()
    )
    if target is None:
        return None
    return {
        "target": target,
        "released": bool(selectors.released_among(target.campaign, [target.pk])),
    }


def register() -> None:
    """The "360" menu entry, the dashboard panels and the reminder job (SurveysConfig.ready)."""
    register_nav(
        NavItem(
            key="surveys",
            label=gettext_lazy("360"),
            url_name="surveys:index",
            visible=_menu_visible,
            order=50,
        )
    )
    register_panel(
        Panel(
            key="surveys.questionnaires",
            template="surveys/partials/panel_questionnaires.html",
            context=_panel_questionnaires,
            order=25,
        )
    )
    register_panel(
        Panel(
            key="surveys.hr",
            template="surveys/partials/panel_hr.html",
            context=_panel_hr,
            order=26,
        )
    )
    register_panel(
        Panel(
            key="surveys.report",
            template="surveys/partials/panel_report.html",
            context=_panel_report,
            order=27,
        )
    )
    register_job(PeriodicJob(key="surveys.reminders", run=survey360_send_reminders, order=70))
    register_job(PeriodicJob(key="surveys.draft_checks", run=draft_checks_refresh, order=75))
