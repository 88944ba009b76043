"""Notifications: in-app (and by e-mail) at every step, reminders before due dates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock


def application_now() -> dt.datetime:
    """bagalau.core.clock.now(), looked up at each call (so a moved clock is seen)."""
    return clock.now()


class Notification(models.Model):
    """A message to one user. The text is rendered from `kind` and `params` in the reader's
    language at display time (see notifications.messages)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True)
    # The application clock, not the machine's (tests and the demo move it).
    created_at = models.DateTimeField(default=application_now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # a page of a roster asks for its rows' notices by key, whoever received them
            models.Index(
                fields=["dedupe_key"], condition=~models.Q(dedupe_key=""), name="notification_key"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.kind}"
