"""HR's pages of a servant's absences (SPEC §2; they move when a KPI evaluation is due, seed 002
p.5)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bagalau.org import access, services
from bagalau.org.forms import (
    AbsenceForm,
)
from bagalau.org.models import (
    Absence,
)
from bagalau.org.views.common import _act, _args, _handle, _initial
from bagalau.org.views.servants import _servant_for_hr, _servant_page


@login_required
def absence_create(request: HttpRequest, servant_id: int) -> HttpResponse:
    """Record an absence of the servant (HR)."""
    servant = _servant_for_hr(request, servant_id)
    form = AbsenceForm(request.POST or None)
    return _handle(
        request,
        form,
        lambda d: services.absence_create(
            actor=request.user, servant_id=servant.pk, **_args(d, version=None)
        ),
        title=_("New absence of %(servant)s") % {"servant": servant.full_name},
        action=reverse("org:absence_create", args=[servant.pk]),
        cancel=_servant_page(servant),
        success=_("The absence was recorded."),
        submit=_("Add"),
    )


def _absence_for_hr(request: HttpRequest, absence_id: int) -> Absence:
    absence = access.absence_get_for(user=request.user, id=absence_id)
    access.require_hr(request.user, absence.servant.organisation)
    return absence


@login_required
def absence_edit(request: HttpRequest, absence_id: int) -> HttpResponse:
    """Correct an absence (HR)."""
    absence = _absence_for_hr(request, absence_id)
    initial = _initial(absence, "kind", "start", "end", "note")
    form = AbsenceForm(request.POST or None, initial=initial)
    return _handle(
        request,
        form,
        lambda d: services.absence_update(actor=request.user, absence_id=absence.pk, **d),
        title=_("Edit absence"),
        action=reverse("org:absence_edit", args=[absence.pk]),
        cancel=_servant_page(absence.servant),
        success=_("The absence was saved."),
    )


@login_required
@require_POST
def absence_delete(request: HttpRequest, absence_id: int) -> HttpResponse:
    """Remove an absence (HR)."""
    absence = _absence_for_hr(request, absence_id)
    back = _servant_page(absence.servant)
    return _act(
        request,
        back,
        lambda: services.absence_delete(actor=request.user, absence_id=absence.pk),
        _("The absence was removed."),
    )
