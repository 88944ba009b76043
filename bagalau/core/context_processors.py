"""Template context shared by every page."""

from typing import Any

from django.http import HttpRequest

from bagalau.core.context import viewer
from bagalau.core.navigation import nav_for
from bagalau.notifications.selectors import unread_count


def bagalau(request: HttpRequest) -> dict[str, Any]:
    """The viewer, the menu and the unread notification count."""
    if not hasattr(request, "user"):
        return {}
    current = viewer(request)
    return {
        "viewer": current,
        "nav_items": nav_for(current),
        "unread_notifications": unread_count(request.user),
    }
