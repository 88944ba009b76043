"""Reading notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification


def notification_text(notification: Notification) -> str:
    """The notification's sentence in the active language."""
    template = MESSAGES.get(notification.kind)
    if template is None:
        return notification.kind
    text = gettext(str(template))
    params: dict[str, str] = notification.params
    try:
        return str(text % params)
    except (KeyError, ValueError, TypeError):
        return str(str(template) % params)


def notifications_for(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    queryset = Notification.objects.filter(recipient=user)
    return queryset.filter(read_at__isnull=True) if unread_only else queryset


def unread_count(user: Any) -> int:
    """How many notifications the user has not read."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
