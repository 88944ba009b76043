"""Reading notifications."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import QuerySet
from django.utils import translation

from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification

if TYPE_CHECKING:
    from bagalau.core.types import User

PAGE_SIZE = 20
FILTERS = ("all", "unread")


@dataclass(frozen=True)
class Reference:
    """A parameter that is a row of another app (a period): stored as "<prefix><id>" and named
    when shown, in the reader's language; `name(id)` gives None when the row is gone."""

    prefix: str
    model: type[models.Model]
    name: Callable[[int], str | None]


_REFERENCES: dict[str, Reference] = {}


def register_reference(reference: Reference) -> None:
    """Add (or replace) a kind of row parameter; apps call it in their AppConfig.ready()."""
    _REFERENCES[reference.prefix] = reference


def stored_param(value: Any) -> str:
    """How a parameter is stored: a registered row as its reference, anything else as text."""
    for reference in _REFERENCES.values():
        if isinstance(value, reference.model):
            return f"{reference.prefix}{value.pk}"
    return str(value)


class _Params(dict[str, str]):
    """The stored parameters; one the text names but the notification lacks shows as a dash
    (an older notification never breaks the page)."""

    def __missing__(self, key: str) -> str:
        return "—"

    def __getitem__(self, key: str) -> str:
        value = super().__getitem__(key)
        for prefix, reference in _REFERENCES.items():
            if value.startswith(prefix) and value[len(prefix) :].isdigit():
                return reference.name(int(value[len(prefix) :])) or "—"
        return value


def notification_text(notification: Notification) -> str:
    """The notification's sentence in the active language (the lazy message translates when it
    is turned into text)."""
    template = MESSAGES.get(notification.kind)
    if template is None:
        return notification.kind
    params = _Params(notification.params or {})
    try:
        return str(template) % params
    except (ValueError, TypeError):
        # A broken translation: the English sentence still reads.
        with translation.override("en"):
            return str(template) % params


def notifications_for(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    queryset = Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")
    return queryset.filter(read_at__isnull=True) if unread_only else queryset


def notifications_page(user: User, *, show: str = "all", page: int | str = 1) -> Page[Notification]:
    """One page of the user's notifications (`show`: all or unread); an out-of-range page number
    gives the last page."""
    queryset = notifications_for(user, unread_only=show == "unread")
    return Paginator(queryset, PAGE_SIZE).get_page(page)


def unread_count(user: User) -> int:
    """How many notifications the user has not read."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
