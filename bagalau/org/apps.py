"""Organisation structure: state bodies, units, positions, servants, assignments, absences."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "organisation": ("self",),
    "editionassignment": ("organisation",),
    "roleassignment": ("organisation",),
    "unit": ("organisation",),
    "position": ("unit.organisation",),
    "servant": ("organisation",),
    "assignment": ("servant.organisation",),
    "absence": ("servant.organisation",),
}


#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "servant": "org:servant",
}


class OrgConfig(AppConfig):
    """The org app."""

    name = "bagalau.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        """Who is looking (core.context); menu entries: the structure for everyone in an
        organisation, the administration for its administrators."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        # A login is audited in the organisation of its servant record (passwords set in the admin).
        register_organisation_paths("auth", {"user": ("servant.organisation",)})
        from bagalau.core.context import register_viewer_source
        from bagalau.core.navigation import NavItem, register_nav
        from bagalau.org.context import SOURCE

        register_viewer_source(SOURCE)

        register_nav(
            NavItem(
                key="org_structure",
                label=_("Structure"),
                url_name="org:structure",
                visible=lambda viewer: viewer.organisation is not None,
                order=80,
            )
        )
        register_nav(
            NavItem(
                key="org_administration",
                label=_("Administration"),
                url_name="org:administration",
                visible=lambda viewer: viewer.is_admin,
                order=900,
            )
        )
        register_links(self.label, AUDIT_LINKS)
