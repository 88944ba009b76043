"""Printable forms (PDF) and the retention of evaluation documents (seed 002 p.14)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "disposal": ("organisation",),
}


class DocumentsConfig(AppConfig):
    """The documents app."""

    name = "bagalau.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        """Register the menu entry and dashboard panel of the head of the HR service (disposal
        of documents past their retention)."""
        from bagalau.audit.services import register_organisation_paths

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        from bagalau.core.navigation import NavItem, Panel, register_nav, register_panel
        from bagalau.documents.views import due_panel

        register_nav(
            NavItem(
                key="documents",
                label=_("Documents"),
                url_name="documents:retention",
                visible=lambda viewer: viewer.is_hr_head,
                order=80,
            )
        )
        register_panel(
            Panel(
                key="documents.due",
                template="documents/partials/panel_due.html",
                context=due_panel,
                order=90,
            )
        )
