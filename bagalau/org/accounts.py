"""Accounts changed in the Django admin: a password an administrator sets there is written to the
application's audit log (not only Django's admin history) and the user is told (issue 8), so that
taking over someone's login — and with it their results — cannot go unseen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.notify import notify

if TYPE_CHECKING:
    from bagalau.core.types import Account, User


def account_password_reset_record(*, actor: User, user: Account) -> AuditEntry:
    """Record that `actor` (staff, in the admin) set or removed `user`'s password; tell the user
    when it is someone else's. Called by the admin in the transaction that changed it."""
    if not (actor.is_authenticated and actor.is_staff):
        raise PermissionDenied("Only an administrator resets passwords.")
    with transaction.atomic():
        usable = user.has_usable_password()
        entry = audit_log(
            actor=actor,
            action="password_reset" if usable else "password_disabled",
            obj=user,
            summary=user.get_username(),
            changes={"password_usable": (None, usable)},
        )
        if user.pk != actor.pk:
            notify(
                recipient=user,
                kind="password_reset_by_admin",
                params={
                    "admin": actor.get_username(),
                    "when": timezone.localtime(clock.now()).strftime("%d.%m.%Y %H:%M"),
                },
                dedupe_key=f"password:{entry.pk}",
            )
        return entry
