"""The audit log: who read or changed what, when, with old and new values."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit app."""

    name = "bagalau.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        """Register the menu entry."""
        from bagalau.audit.views import register

        register()
