"""Disagreements about the evaluation procedure, considered by the HR service (seed 002 p.16)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "disagreement": "disagreements:detail",
}


class DisagreementsConfig(AppConfig):
    """The disagreements app."""

    name = "bagalau.disagreements"
    label = "disagreements"
    verbose_name = _("Disagreements about the procedure")

    def ready(self) -> None:
        """Register the menu entry and the HR panel."""
        from bagalau.audit.presenting import register_links
        from bagalau.disagreements import views

        views.register()
        register_links(self.label, AUDIT_LINKS)
