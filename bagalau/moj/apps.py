"""The moj-2017 workflow: the organisation's App. 2 catalogue and the discipline records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "cataloguechoice": ("organisation",),
    "disciplinerecord": ("servant.organisation",),
    "quartersheet": ("evaluation.period.schedule.organisation",),
    "workplan": ("servant.organisation",),
    "annualsheet": ("evaluation.period.schedule.organisation",),
}


class MojConfig(AppConfig):
    """The moj-2017 app."""

    name = "bagalau.moj"
    label = "moj"
    verbose_name = _("moj-2017 evaluation")

    def ready(self) -> None:
        """Where audit entries find their organisation; the menu entry of the work plans and
        annual sheets, shown in an organisation evaluating under moj-2017 today."""
        from bagalau.audit.services import register_organisation_paths
        from bagalau.core.navigation import NavItem, register_nav
        from bagalau.moj.annual_selectors import under_moj_today

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_nav(
            NavItem(
                key="moj_work_plans",
                label=_("Individual plan and annual sheet"),
                url_name="moj:work_plans",
                visible=lambda viewer: under_moj_today(viewer.organisation),
                order=21,
            )
        )
