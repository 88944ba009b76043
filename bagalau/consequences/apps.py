"""The register of the decisions a result grounds (seed 002 p.8): encouragement, rotation,
demotion, dismissal — each citing the final result it rests on.

An app of its own rather than part of `evaluations`: the register is the HR service's record of
decisions taken *after* the evaluation (by orders of the apparatus), with its own readers (the HR
service and the servant concerned), and `evaluations` is already large. It depends on
`evaluations` (the result a decision rests on), `org` and `methodology`, never the other way."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "decision": ("organisation",),
    "trainingreferral": ("organisation",),
}


class ConsequencesConfig(AppConfig):
    """The consequences app."""

    name = "bagalau.consequences"
    label = "consequences"
    verbose_name = _("Decisions on results")

    def ready(self) -> None:
        """The "Decisions" menu entry: for the HR service and for servants with entries; the
        moj-2017 consequences page (HR, and each servant for their own) and its tasks for the
        reminders and the overdue board."""
        from bagalau.audit.services import register_organisation_paths
        from bagalau.consequences.access import sees_moj, sees_register
        from bagalau.consequences.due import SOURCE
        from bagalau.core.navigation import NavItem, register_nav
        from bagalau.notifications.due import register_due_source

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_due_source(SOURCE)
        register_nav(
            NavItem(
                key="consequences_moj",
                label=_("Consequences of results (moj-2017)"),
                url_name="consequences:moj",
                visible=lambda viewer: sees_moj(viewer.user, viewer.organisation),
                order=46,
            )
        )

        register_nav(
            NavItem(
                key="consequences",
                label=_("Decisions on results"),
                url_name="consequences:list",
                visible=lambda viewer: sees_register(viewer.user),
                order=45,
            )
        )
