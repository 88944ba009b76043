"""Organisation structure: state bodies, units, positions, servants, assignments, absences."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    """The org app."""

    name = "bagalau.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        """Menu entries: the structure for everyone in an organisation, the administration for
        its administrators."""
        from bagalau.core.navigation import NavItem, register_nav

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
