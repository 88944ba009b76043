"""Sending notifications: stored in-app and mailed after the transaction commits."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification
from bagalau.notifications.tasks import send_notification_email
from bagalau.org.models import Servant


def notify(
    *,
    recipient: Any,
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    dedupe_key: str = "",
) -> Notification | None:
    """Tell `recipient` (a user or a servant with a login) about `kind`; a repeated `dedupe_key`
    sends nothing. Returns None when there is no one to tell."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    user = recipient.user if isinstance(recipient, Servant) else recipient
    if user is None or not isinstance(user, get_user_model()):
        return None
    plain = {key: str(value) for key, value in (params or {}).items()}
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=user, kind=kind, params=plain, url=url, dedupe_key=dedupe_key
            )
    except IntegrityError:
        return None
    if user.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def notification_mark_read(*, user: Any, notification_id: int) -> None:
    """Mark one of the user's notifications read."""
    Notification.objects.filter(pk=notification_id, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark all of the user's notifications read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
