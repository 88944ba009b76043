"""Template context shared by every page."""

from typing import Any

from django.http import HttpRequest

from bagalau.core.context import viewer
from bagalau.core.navigation import nav_for


def bagalau(request: HttpRequest) -> dict[str, Any]:
    """The viewer and the menu (the notifications app adds its unread count)."""
    if not hasattr(request, "user"):
        return {}
    current = viewer(request)
    return {
        "viewer": current,
        "nav_items": nav_for(current),
    }
