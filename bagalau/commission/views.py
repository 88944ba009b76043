"""Pages of the commission: its orders and versions, the sessions, and the session page where the
working body records attendance, motions and votes, the commission signs the protocol and the
authorised person approves it (EDITIONS.md §2.2 A, G; §6.1 App. 5).

Pages only read `session_actions` / `commission_actions`; 404 for whom the thing is not visible,
403 for whom it is but the action is not theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bagalau.commission import services
from bagalau.commission.access import (
    commission_actions,
    session_actions,
    session_get_for,
    session_read_for,
    signatories,
    version_get_for,
)
from bagalau.commission.editions import moj_kind
from bagalau.commission.explain import motion_explanation
from bagalau.commission.forms import (
    ApproveForm,
    AttendanceForm,
    ConclusionForm,
    MojMotionForm,
    MotionForm,
    OrderForm,
    ScheduleForm,
    SignForm,
    VoteForm,
)
from bagalau.commission.models import VOTING_ROLES, CommissionSession, SessionStatus
from bagalau.commission.moj_selectors import (
    is_moj_session,
    papers_of,
    session_periods,
    session_warnings,
)
from bagalau.commission.selectors import (
    agenda_candidates,
    sessions_visible_to,
    versions_of,
    versions_visible_to,
)
from bagalau.core import bounds, clock
from bagalau.core.collation import with_name
from bagalau.core.confirm import confirm_page, confirmed
from bagalau.core.context import Viewer, viewer
from bagalau.core.forms import DomainErrorForm, form_submit
from bagalau.core.htmx import render_page
from bagalau.core.navigation import NavItem, register_nav
from bagalau.core.paging import paginate
from bagalau.evaluations.selectors.explain import explain_language
from bagalau.org.models import Organisation, Servant


def _organisation(request: HttpRequest) -> Organisation | None:
    return viewer(request).organisation


def _index_context(request: HttpRequest, **forms: Any) -> dict[str, Any]:
    organisation = _organisation(request)
    actions = (
        commission_actions(user=request.user, obj=organisation) if organisation else frozenset()
    )
    context: dict[str, Any] = {
        "organisation": organisation,
        "actions": actions,
        "versions": list(versions_visible_to(request.user).order_by("-order_date")[:100]),
        "sessions": list(sessions_visible_to(request.user).order_by("-date")[:200]),
    }
    if organisation is not None and "form" in actions:
        servants = Servant.objects.filter(organisation=organisation)
        formed = versions_of(organisation).exists()
        context["order_form"] = forms.get("order_form") or OrderForm(servants=servants)
        context["order_kind"] = "amend" if formed else "form"
        if formed:
            context["schedule_form"] = forms.get("schedule_form") or ScheduleForm(
                candidates=agenda_candidates(organisation)
            )
    return context


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The commission's versions and sessions the user may see; for HR the order and schedule
    forms (no result on this page)."""
    return render_page(request, "commission/index.html", _index_context(request))


def _hr_organisation(request: HttpRequest, action: str) -> Organisation:
    organisation = _organisation(request)
    if organisation is None:
        raise Http404("No organisation.")
    if action not in commission_actions(user=request.user, obj=organisation):
        raise PermissionDenied
    return organisation


def _index_submit(
    request: HttpRequest,
    form: DomainErrorForm,
    call: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    page: str,
    key: str,
) -> HttpResponse:
    """Hand one of HR's forms of the index page to `call` (`form_submit`): on success the `done`
    message and the `page` of what it recorded; otherwise the index again with the form as
    `key`, a service's refusal next to its field."""
    result = form_submit(form, call)
    if result.done and result.result is not None:
        messages.success(request, done)
        return redirect(page, result.result.pk)
    return render_page(request, "commission/index.html", _index_context(request, **{key: form}))


@login_required
@require_POST
def order_record(request: HttpRequest) -> HttpResponse:
    """HR records the forming order, or an amending one once the commission is formed."""
    organisation = _hr_organisation(request, "form")
    form = OrderForm(request.POST, servants=Servant.objects.filter(organisation=organisation))
    service = (
        services.commission_amend
        if versions_of(organisation).exists()
        else services.commission_form
    )
    return _index_submit(
        request,
        form,
        lambda data: service(
            actor=request.user,
            organisation_id=organisation.pk,
            order_number=data["order_number"],
            order_date=data["order_date"],
            signatory_id=data["signatory"].pk,
            seats=form.seats(),
        ),
        done=_("The order was recorded."),
        page="commission:version",
        key="order_form",
    )


@login_required
@require_POST
def session_schedule(request: HttpRequest) -> HttpResponse:
    """HR schedules a session."""
    organisation = _hr_organisation(request, "schedule")
    form = ScheduleForm(request.POST, candidates=agenda_candidates(organisation))
    return _index_submit(
        request,
        form,
        lambda data: services.session_schedule(
            actor=request.user,
            organisation_id=organisation.pk,
            date=data["date"],
            chair_agreed_on=data["chair_agreed_on"],
            place=data["place"],
            evaluation_ids=[e.pk for e in data["evaluations"]],
        ),
        done=_("The session was scheduled."),
        page="commission:session",
        key="schedule_form",
    )


@login_required
@require_GET
def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    """A version of the commission: its order and seats."""
    version = version_get_for(user=request.user, id=version_id)
    return render_page(
        request,
        "commission/version.html",
        {"version": version, "seats": version.seats.select_related("servant")},
    )


# --- the session ---------------------------------------------------------------------------------


def _voters(session: CommissionSession) -> list[Any]:
    return [
        a.seat
        for a in session.attendance.select_related("seat__servant").filter(present=True)
        if a.seat.role in VOTING_ROLES
    ]


#: Servants of the agenda a page of the session shows (a body's whole year can be on it).
AGENDA_PAGE = 25


def _session_context(
    request: HttpRequest, session: CommissionSession, **forms: DomainErrorForm
) -> dict[str, Any]:
    actions = session_actions(user=request.user, obj=session)
    language = explain_language(get_language())
    items = []
    prefetch_related_objects([session], "version__seats", "organisation__editions")
    query = request.GET.get("q", "")
    agenda = session.agenda.order_by("number")
    if query.strip():
        agenda = with_name(agenda, "evaluation__servant__", query)
    page = paginate(
        request,
        agenda.select_related(
            "evaluation__servant",
            "evaluation__period",
            "evaluation__assignment__position",
            "evaluation__moj_quarter_sheet",
            "evaluation__moj_annual_sheet",
        ).prefetch_related("motions__votes__seat__servant"),
        AGENDA_PAGE,
    )
    for item in page:
        motions = list(item.motions.all())
        pending = next((m for m in motions if m.adopted is None), None)
        decided = any(m.adopted for m in motions)
        row: dict[str, Any] = {"item": item, "motions": motions, "pending": pending}
        row["explanations"] = [
            found for motion in motions if (found := motion_explanation(motion, language))
        ]
        kind = moj_kind(item.evaluation)
        row["moj_kind"] = kind
        if kind is not None:
            row["papers"] = papers_of(item.evaluation)
        if "motion" in actions and pending is None and not decided:
            form_class = MojMotionForm if kind is not None else MotionForm
            row["motion_form"] = forms.get(f"motion_{item.evaluation_id}") or form_class(
                initial={"evaluation": item.evaluation_id}
            )
        if "vote" in actions and pending is not None:
            row["vote_form"] = forms.get(f"vote_{pending.pk}") or VoteForm(
                initial={"motion": pending.pk}, voters=_voters(session)
            )
        items.append(row)
    moj = is_moj_session(session)
    context: dict[str, Any] = {
        "session": session,
        "actions": actions,
        "moj": moj,
        "periods": session_periods(session) if moj else [],
        "warnings": session_warnings(session) if moj else [],
        "results_open": session.status
        == (SessionStatus.PROTOCOL_SIGNED if moj else SessionStatus.APPROVED),
        "seats": session.version.seats.select_related("servant"),
        "attendance": session.attendance.select_related("seat__servant"),
        "items": items,
        "page": page,
        "query": query.strip(),
        "here": request.GET.urlencode(),
        "signatures": session.signatures.select_related("seat__servant"),
        "signatories": signatories(session) if session.status != "scheduled" else [],
    }
    if "attendance" in actions:
        context["attendance_form"] = forms.get("attendance_form") or AttendanceForm(
            seats=session.version.seats.all()
        )
    if "conclude" in actions:
        context["conclusion_form"] = forms.get("conclusion_form") or ConclusionForm(
            initial={"conclusion": session.conclusion}
        )
    if "sign" in actions:
        context["sign_form"] = forms.get("sign_form") or SignForm(
            initial={"signed_on": clock.today()}
        )
    if "approve" in actions:
        context["approve_form"] = forms.get("approve_form") or ApproveForm(
            initial={"approved_on": clock.today()}
        )
    return context


@login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session page with its servants' results (a read of results: audited, G-5)."""
    session = session_read_for(user=request.user, id=session_id)
    return render_page(request, "commission/session.html", _session_context(request, session))


def _acting(request: HttpRequest, session_id: int, action: str) -> CommissionSession:
    session = session_get_for(user=request.user, id=session_id)
    if action not in session_actions(user=request.user, obj=session):
        raise PermissionDenied
    return session


def _after(
    request: HttpRequest,
    session: CommissionSession,
    form: DomainErrorForm,
    call: Any,
    done: str,
    key: str,
) -> HttpResponse:
    result = form_submit(form, call)
    if result.done:
        messages.success(request, done)
        here = request.GET.urlencode()  # the agenda's page and search the form was sent from
        url = reverse("commission:session", args=[session.pk])
        return redirect(f"{url}?{here}" if here else url)
    fresh = session_read_for(user=request.user, id=session.pk)
    return render_page(
        request, "commission/session.html", _session_context(request, fresh, **{key: form})
    )


@login_required
@require_POST
def attendance_record(request: HttpRequest, session_id: int) -> HttpResponse:
    """HR records who was present: the session is held, or adjourned without a quorum."""
    session = _acting(request, session_id, "attendance")
    form = AttendanceForm(request.POST, seats=session.version.seats.all())
    return _after(
        request,
        session,
        form,
        lambda data: services.session_record_attendance(
            actor=request.user,
            session_id=session.pk,
            present_servant_ids=[s.pk for s in data["present"]],
        ),
        _("The attendance was recorded."),
        "attendance_form",
    )


@login_required
@require_POST
def motion_put(request: HttpRequest, session_id: int) -> HttpResponse:
    """HR puts a motion on a servant of the agenda."""
    session = _acting(request, session_id, "motion")
    evaluation_id = request.POST.get("evaluation", "")
    item = (
        session.agenda.select_related("evaluation")
        .filter(evaluation_id=bounds.ascii_id(evaluation_id) or 0)
        .first()
    )
    moj = item is not None and moj_kind(item.evaluation) is not None
    form: DomainErrorForm = MojMotionForm(request.POST) if moj else MotionForm(request.POST)
    key = f"motion_{evaluation_id}"
    return _after(
        request,
        session,
        form,
        lambda data: services.motion_put(
            actor=request.user,
            session_id=session.pk,
            evaluation_id=data["evaluation"],
            kind=data["kind"],
            revised_kpi_achieved=data.get("revised_kpi_achieved"),
            revised_competencies=data.get("revised_competencies", ""),
            revised_score=data.get("revised_score") or None,
            reason=data["reason"],
            recommendations=data.get("recommendations", ""),
        ),
        _("The motion was put to the vote."),
        key,
    )


@login_required
@require_POST
def motion_vote(request: HttpRequest, session_id: int) -> HttpResponse:
    """HR records the open vote on a motion."""
    session = _acting(request, session_id, "vote")
    form = VoteForm(request.POST, voters=_voters(session))
    key = f"vote_{request.POST.get('motion', '')}"
    return _after(
        request,
        session,
        form,
        lambda data: services.motion_vote(
            actor=request.user, motion_id=data["motion"], votes=form.votes()
        ),
        _("The vote was recorded."),
        key,
    )


@login_required
@require_POST
def session_conclude(request: HttpRequest, session_id: int) -> HttpResponse:
    """HR writes the commission's conclusion."""
    session = _acting(request, session_id, "conclude")
    return _after(
        request,
        session,
        ConclusionForm(request.POST),
        lambda data: services.session_conclude(
            actor=request.user, session_id=session.pk, conclusion=data["conclusion"]
        ),
        _("The conclusion was recorded."),
        "conclusion_form",
    )


@login_required
@require_POST
def protocol_sign(request: HttpRequest, session_id: int) -> HttpResponse:
    """A signatory signs the protocol."""
    session = _acting(request, session_id, "sign")
    form = SignForm(request.POST)
    if not confirmed(request) and form.is_valid():
        day = form.cleaned_data["signed_on"]
        return confirm_page(
            request,
            title=_("Confirm the signature of the protocol"),
            message=_(
                "You are about to sign the protocol of %(session)s. Nothing is signed yet. Once "
                "signed, your signature cannot be withdrawn."
            )
            % {"session": session},
            facts=[(_("Signed on"), day.strftime("%d.%m.%Y"))],
            submit=_("Sign the protocol"),
            back_url=reverse("commission:session", args=[session.pk]),
            back=_("Back to the session"),
        )
    return _after(
        request,
        session,
        form,
        lambda data: services.protocol_sign(
            actor=request.user, session_id=session.pk, signed_on=data["signed_on"]
        ),
        _("You signed the protocol."),
        "sign_form",
    )


@login_required
@require_POST
def session_approve(request: HttpRequest, session_id: int) -> HttpResponse:
    """The authorised person approves the protocol and the results."""
    session = _acting(request, session_id, "approve")
    return _after(
        request,
        session,
        ApproveForm(request.POST),
        lambda data: services.session_approve(
            actor=request.user,
            session_id=session.pk,
            approved_on=data["approved_on"],
            remarks=data["remarks"],
        ),
        _("The protocol and the results were approved."),
        "approve_form",
    )


def _menu_visible(current: Viewer) -> bool:
    return bool(
        current.user.is_authenticated
        and (
            versions_visible_to(current.user).exists()
            or (current.organisation is not None and current.is_hr)
        )
    )


def register() -> None:
    """The "Evaluation commission" menu entry (from CommissionConfig.ready)."""
    register_nav(
        NavItem(
            key="commission",
            label=gettext_lazy("Evaluation commission"),
            url_name="commission:index",
            visible=_menu_visible,
            order=45,
        )
    )
