"""The viewer's notifications."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from bagalau.core.htmx import render_page
from bagalau.notifications.models import Notification
from bagalau.notifications.selectors import notification_text, notifications_for
from bagalau.notifications.services import notification_mark_read, notifications_mark_all_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """Newest first, unread highlighted."""
    items = [
        {"notification": n, "text": notification_text(n)}
        for n in notifications_for(request.user)[:200]
    ]
    return render_page(request, "notifications/list.html", {"items": items})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark read and follow the link."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    notification_mark_read(user=request.user, notification_id=notification.pk)
    return redirect(notification.url or "notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    """Mark everything read."""
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")
