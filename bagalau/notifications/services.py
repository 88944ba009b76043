"""Sending notifications: stored in-app and mailed after the transaction commits."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import Http404

from bagalau.core import clock
from bagalau.core.bulk import insert_values
from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification
from bagalau.notifications.selectors import stored_param
from bagalau.notifications.tasks import send_notification_email, send_notification_emails
from bagalau.org.models import Servant

if TYPE_CHECKING:
    from bagalau.core.types import Account, User

logger = logging.getLogger(__name__)

#: Words that mark a parameter carrying a result (p.15, p.20): never stored in a notification,
#: which is shown in the menu badge and mailed in clear.
RESULT_WORDS = ("score", "rating", "percent")


@functools.cache
def _is_result(name: str) -> bool:
    return any(word in name.lower() for word in RESULT_WORDS)


#: Notifications per look-up and INSERT in `notify_many`.
BATCH = 500


class Unsent(NamedTuple):
    """A notification to write: the user told and the stored fields (`notify_many` writes
    these as values, `notify` as a model instance)."""

    recipient: Account
    kind: str
    params: dict[str, Any]
    url: str
    dedupe_key: str


class Sent(NamedTuple):
    """A notification `notify_many` wrote: its id, its recipient's and what it says (the
    recipient's instance and the parameters are let go: a whole organisation's notes are
    not held until the end)."""

    pk: int
    recipient_id: int
    kind: str
    dedupe_key: str


def _unsaved(
    recipient: Account | Servant | None,
    kind: str,
    params: dict[str, Any] | None,
    url: str,
    dedupe_key: str,
) -> Unsent | None:
    """What `notify` writes; None when there is no one to tell. A parameter named after a
    result (score, rating, percent) is dropped: a notification never carries a score (p.20)."""
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
    return Unsent(user, kind, plain, url, dedupe_key)


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
    unsent = _unsaved(recipient, kind, params, url, dedupe_key)
    if unsent is None:
        return None
    notification = Notification(**unsent._asdict())
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        return None
    if notification.recipient.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


@dataclass(frozen=True)
class Note:
    """One notification of `notify_many`: what `notify` takes."""

    recipient: Account | Servant | None
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    dedupe_key: str = ""


def notify_many(notes: Iterable[Note]) -> list[Sent]:
    """`notify` for many notes at once (a whole-organisation operation, issue 12 item 2): per
    batch of ``BATCH``, one query finds the (recipient, dedupe key) pairs already sent, the rest
    are inserted together as values (a key repeated inside the batch once;
    `core.bulk.insert_values`: COPY on PostgreSQL) and mailed by one task after the commit.
    Servants' users should come with the notes (select_related). Returns what was written."""
    written: list[Sent] = []
    batch: list[Unsent] = []
    for note in notes:
        unsent = _unsaved(note.recipient, note.kind, note.params, note.url, note.dedupe_key)
        if unsent is not None:
            batch.append(unsent)
        if len(batch) >= BATCH:
            written += _write_batch(batch)
            batch = []
    if batch:
        written += _write_batch(batch)
    return written


#: The fields `_write_batch` writes; the others take a new notification's defaults.
WRITTEN = ("recipient_id", "kind", "params", "url", "dedupe_key")


def _write_batch(batch: list[Unsent]) -> list[Sent]:
    keyed = [n for n in batch if n.dedupe_key]
    sent = (
        set(
            Notification.objects.filter(
                recipient_id__in={n.recipient.pk for n in keyed},
                dedupe_key__in={n.dedupe_key for n in keyed},
            ).values_list("recipient_id", "dedupe_key")
        )
        if keyed
        else set()
    )
    fresh = []
    for unsent in batch:
        pair = (unsent.recipient.pk, unsent.dedupe_key)
        if unsent.dedupe_key:
            if pair in sent:
                continue
            sent.add(pair)
        fresh.append(unsent)
    if not fresh:
        return []
    try:
        with transaction.atomic():
            keys = insert_values(
                Notification,
                WRITTEN,
                ((n.recipient.pk, n.kind, n.params, n.url, n.dedupe_key) for n in fresh),
                ids=True,
            )
    except IntegrityError:  # sent meanwhile by another transaction: one by one, each once
        return [
            Sent(saved.pk, unsent.recipient.pk, unsent.kind, unsent.dedupe_key)
            for unsent in fresh
            if (saved := notify(**unsent._asdict())) is not None
        ]
    mailed = [pk for pk, n in zip(keys, fresh, strict=True) if n.recipient.email]
    if mailed:
        transaction.on_commit(lambda: send_notification_emails.enqueue(mailed))
    return [
        Sent(pk, n.recipient.pk, n.kind, n.dedupe_key) for pk, n in zip(keys, fresh, strict=True)
    ]


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
