"""Sending notifications: stored in-app and mailed after the transaction commits."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import Http404

from bagalau.core import clock
from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification
from bagalau.notifications.selectors import stored_param
from bagalau.notifications.tasks import send_notification_email
from bagalau.org.models import Servant

if TYPE_CHECKING:
    from bagalau.core.types import Account, User

logger = logging.getLogger(__name__)

#: Words that mark a parameter carrying a result (p.15, p.20): never stored in a notification,
#: which is shown in the menu badge and mailed in clear.
RESULT_WORDS = ("score", "rating", "percent")


def _is_result(name: str) -> bool:
    return any(word in name.lower() for word in RESULT_WORDS)


def notify(
    *,
    recipient: Account | Servant | None,
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    dedupe_key: str = "",
) -> Notification | None:
    """Tell `recipient` (a user or a servant with a login) about `kind`; a repeated `dedupe_key`
    sends nothing. Returns None when there is no one to tell.

    A parameter named after a result (score, rating, percent) is dropped: a notification never
    carries a score (p.20)."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    user = recipient.user if isinstance(recipient, Servant) else recipient
    if user is None or not isinstance(user, get_user_model()):
        return None
    plain = {}
    for key, value in (params or {}).items():
        if _is_result(key):
            logger.warning("notification %s: parameter %r dropped (a result)", kind, key)
            continue
        plain[key] = stored_param(value)
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


def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's notifications read (already read: unchanged). Http404 when it is
    not the user's: someone else's notification is not revealed."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, recipient_id=getattr(user, "pk", None))
            .first()
        )
        if notification is None:
            raise Http404("No such notification.")
        if notification.read_at is None:
            notification.read_at = clock.now()
            notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark all of the user's notifications read; returns how many."""
    with transaction.atomic():
        return Notification.objects.filter(
            recipient_id=getattr(user, "pk", None), read_at__isnull=True
        ).update(read_at=clock.now())
