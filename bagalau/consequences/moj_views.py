"""Pages of the consequences of moj-2017 results (seed 001 p.41-45): the HR service's overview
of its organisation (bonus-eligible results of a year or quarter, the mentoring ban list, the
training referrals with their due dates, the p.45 alerts), a servant's own flags, and the page
of one training referral. Views parse input and call services; the actions come from
`training_referral_actions`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bagalau.consequences import moj
from bagalau.consequences.access import (
    may_record,
    training_referral_actions,
    training_result_get_for,
)
from bagalau.consequences.forms import CompleteForm, ReferForm
from bagalau.consequences.training import training_referral_complete, training_referral_refer
from bagalau.core import bounds, clock
from bagalau.core.context import viewer
from bagalau.core.forms import form_submit
from bagalau.core.htmx import render_page
from bagalau.core.language import reader_language
from bagalau.core.paging import paginate
from bagalau.org.models import Organisation, Servant

#: The components of an unsatisfactory year the engine may suggest (p.43, M-10).
DIRECTIONS = {
    "quarters": gettext_lazy("Performance of job duties (the quarterly results, App. 3)"),
    "plan": gettext_lazy("Implementation of the individual work plan (App. 4)"),
}


def _int(value: str | None, low: int, high: int) -> int | None:
    number = bounds.ascii_id(value)
    return number if number is not None and low <= number <= high else None


def _moj_organisation(request: HttpRequest) -> Organisation:
    """The viewer's organisation when it has moj-2017 results to read, else 404."""
    organisation = viewer(request).organisation
    if organisation is None:
        raise Http404("No organisation.")
    return organisation


def _own_servant(request: HttpRequest, organisation: Organisation) -> Servant:
    """The viewer's servant record in the organisation, else 404 (nothing to show)."""
    servant = viewer(request).servant
    if servant is None or servant.organisation_id != organisation.pk:
        raise Http404("No servant record.")
    return servant


def _rows(request: HttpRequest, overview: moj.Overview) -> dict[str, Any]:
    """Each list a page at a time (its own page parameter, so each keeps its place)."""
    language = reader_language()
    bonus = paginate(request, overview.bonus, param="bonus_page")
    mentor = paginate(request, overview.mentor_ban, param="mentor_page")
    return {
        "bonus": [(e, moj.rating_label(e, language), moj.approved_on(e)) for e in bonus],
        "bonus_page": bonus,
        "mentor_ban": [(e, moj.approved_on(e)) for e in mentor],
        "mentor_page": mentor,
        "referrals": paginate(request, overview.referrals, param="training_page"),
        "alerts": paginate(request, overview.alerts, param="alerts_page"),
        "today": clock.today(),
    }


@login_required
def overview_page(request: HttpRequest) -> HttpResponse:
    """The HR service's page "Consequences of results (moj-2017)"; a servant without an HR role
    sees their own flags on it (and nobody else's)."""
    organisation = _moj_organisation(request)
    hr = may_record(request.user, organisation)
    servant = None if hr else _own_servant(request, organisation)
    year = _int(request.GET.get("year"), 2000, 2100)
    quarter = _int(request.GET.get("quarter"), 0, 4)
    overview = moj.overview(organisation, servant=servant, year=year, quarter=quarter)
    context = {
        "organisation": organisation,
        "hr": hr,
        "servant": servant,
        "years": overview.years,
        "filters": {"year": year, "quarter": quarter},
        "quarters": [(0, _("Annual result")), *[(n, _("Q%(n)s") % {"n": n}) for n in range(1, 5)]],
        "mentor_allowed": servant is not None and not overview.mentor_ban.exists(),
        **_rows(request, overview),
    }
    return render_page(request, "consequences/moj_overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def referral_page(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """A training referral (p.43): its result, due date and suggested directions; the HR service
    records the referral, then the training done (errors on the fields, nothing written)."""
    evaluation = training_result_get_for(user=request.user, id=evaluation_id)
    referral = moj.referral_of(evaluation, suggest=True)
    actions = training_referral_actions(user=request.user, obj=referral.row)
    suggested = [str(DIRECTIONS[code]) for code in referral.suggested]
    refer = ReferForm(
        initial={
            "directions": referral.row.directions or "; ".join(suggested),
            "referred_on": referral.row.referred_on or clock.today(),
        }
    )
    complete = CompleteForm(initial={"done_on": clock.today()})
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in actions:
            raise Http404("No such step.")
        if step == "refer":
            refer = ReferForm(request.POST)
            done = form_submit(
                refer,
                lambda data: training_referral_refer(
                    actor=request.user,
                    evaluation_id=evaluation.pk,
                    directions=data["directions"],
                    referred_on=data["referred_on"],
                ),
            )
        else:
            complete = CompleteForm(request.POST)
            done = form_submit(
                complete,
                lambda data: training_referral_complete(
                    actor=request.user,
                    evaluation_id=evaluation.pk,
                    done_on=data["done_on"],
                    training=data["training"],
                ),
            )
        if done.done:
            messages.success(request, _("The training referral was recorded."))
            return redirect("consequences:moj_referral", evaluation_id=evaluation.pk)
        status = 400
    context = {
        "referral": referral,
        "evaluation": evaluation,
        "rating": moj.rating_label(evaluation, reader_language()),
        "approved_on": moj.approved_on(evaluation),
        "suggested": suggested,
        "actions": actions,
        "refer_form": refer,
        "complete_form": complete,
        "today": clock.today(),
    }
    return render_page(request, "consequences/moj_referral.html", context, status=status)
