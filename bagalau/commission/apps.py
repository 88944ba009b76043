"""The evaluation commission of the typical-2018 editions (EDITIONS.md §2.2 A, G)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "commissionversion": ("organisation",),
    "commissionsession": ("organisation",),
    "motion": ("item.session.organisation",),
    "signature": ("session.organisation",),
}

#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "commissionsession": "commission:session",
    "commissionversion": "commission:version",
}


class CommissionConfig(AppConfig):
    """The commission app."""

    name = "bagalau.commission"
    label = "commission"
    verbose_name = _("Evaluation commission")

    def ready(self) -> None:
        """Where audit entries find their organisation and link, the menu entry, and the
        results' tasks for the reminders and the overdue board; the commission's members as
        readers of the sheets of the servants on their agenda."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths
        from bagalau.commission.due import SOURCE
        from bagalau.commission.selectors import seated_reader
        from bagalau.commission.views import register
        from bagalau.notifications.due import register_due_source
        from bagalau.typical.access import register_reader

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_due_source(SOURCE)
        register_reader(seated_reader)
        register_links(self.label, AUDIT_LINKS)
        register()
