"""The audit log: every read and change of a result, with who, when, what, old and new values."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds


class AuditEntry(models.Model):
    """One audited action. Written inside the service's transaction; never updated."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("object"), max_length=60)
    object_id = models.CharField(max_length=40)
    summary = models.CharField(_("summary"), max_length=bounds.TITLE, blank=True)
    changes = models.JSONField(_("old and new values"), default=dict)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # the audit log page's filter choices, one probe per value (selectors.present_values)
            models.Index(fields=["organisation", "action"], name="audit_org_action"),
            models.Index(fields=["organisation", "object_type"], name="audit_org_type"),
            models.Index(fields=["organisation", "actor"], name="audit_org_actor"),
        ]

    def __str__(self) -> str:
        when = f"{self.at:%d.%m.%Y %H:%M}"
        return f"{when} {self.actor} {self.action} {self.object_type}#{self.object_id}"
