"""Work plans with KPIs (seed 002 p.22-25, App. 1)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "workplan": ("organisation", "servant.organisation"),
    "kpi": ("plan.organisation",),
    "planchange": ("plan.organisation",),
}


#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "workplan": "plans:detail",
}


class PlansConfig(AppConfig):
    """The plans app."""

    name = "bagalau.plans"
    label = "plans"
    verbose_name = _("Work plans")

    def ready(self) -> None:
        """Where audit entries find their organisation, the plans' tasks for reminders and the
        overdue board, the "Work plans" menu entry and the dashboard panel "Work plans to act
        on"."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths
        from bagalau.core.navigation import NavItem, Panel, register_nav, register_panel
        from bagalau.notifications.due import register_due_source
        from bagalau.plans.due import SOURCE
        from bagalau.plans.selectors import has_plans_to_see
        from bagalau.plans.views import tasks_panel

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_due_source(SOURCE)
        register_nav(
            NavItem(
                key="plans",
                label=_("Work plans"),
                url_name="plans:list",
                visible=lambda viewer: has_plans_to_see(viewer.user),
                order=20,
            )
        )
        register_panel(
            Panel(
                key="plans_tasks",
                template="plans/partials/panel.html",
                context=tasks_panel,
                order=20,
            )
        )
        register_links(self.label, AUDIT_LINKS)
