"""Template context of the notifications app: the menu badge."""

from typing import Any

from django.http import HttpRequest

from bagalau.notifications.selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    """The user's unread notification count, for the menu badge."""
    if not hasattr(request, "user"):
        return {}
    return {"unread_notifications": unread_count(request.user)}
