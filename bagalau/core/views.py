"""Core pages: the dashboard, the organisation switch and a health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from bagalau.core import bounds
from bagalau.core.context import SESSION_KEY, viewer, viewer_source
from bagalau.core.htmx import render_page
from bagalau.core.navigation import PANELS


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: each app's panel that has something for this viewer."""
    current = viewer(request)
    panels = []
    for panel in sorted(PANELS.values(), key=lambda p: p.order):
        context = panel.context(request, current)
        if context is not None:
            panels.append({"template": panel.template, "context": context})
    return render_page(request, "core/home.html", {"panels": panels})


@login_required
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    """Work in another of the user's organisations."""
    wanted = bounds.ascii_int(request.POST.get("organisation", ""))
    if wanted is not None and viewer_source().belongs(request.user, wanted):
        request.session[SESSION_KEY] = wanted
    return redirect("home")


def health(request: HttpRequest) -> JsonResponse:
    """Liveness with a database round trip, for load balancers and the demo script."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
