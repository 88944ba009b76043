"""Retention of evaluation documents: kept 3 years after completion, then disposed of (p.14)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds


class Disposal(models.Model):
    """A record that evaluation documents past their retention were disposed of, and by whom."""

    disposed_at = models.DateTimeField(auto_now_add=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="+")
    completed_before = models.DateField(_("completed before"))
    items = models.JSONField(_("documents disposed of"), default=list)
    note = models.TextField(_("act"), blank=True, max_length=bounds.LONG_TEXT)

    class Meta:
        verbose_name = _("disposal")
        verbose_name_plural = _("disposals")
        ordering = ["-disposed_at"]
        constraints = [*bounds.length_checks("documents_disposal", note=bounds.LONG_TEXT)]

    def __str__(self) -> str:
        return f"{self.disposed_at:%d.%m.%Y}: {len(self.items)}"
