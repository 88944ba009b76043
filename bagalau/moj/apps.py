"""The moj-2017 workflow: the organisation's App. 2 catalogue and the discipline records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "cataloguechoice": ("organisation",),
    "disciplinerecord": ("servant.organisation",),
    "quartersheet": ("evaluation.period.schedule.organisation",),
    "scheduleconsent": ("schedule.organisation",),
    "periodnotice": ("period.schedule.organisation",),
    "workplan": ("servant.organisation",),
    "annualsheet": ("evaluation.period.schedule.organisation",),
}

#: The pages of this app's objects, for the links of the audit log (issue 13 item 3).
AUDIT_LINKS = {
    "quartersheet": "moj:quarter_sheet",
    "annualsheet": "moj:annual_sheet",
    "workplan": "moj:work_plan",
}


class MojConfig(AppConfig):
    """The moj-2017 app."""

    name = "bagalau.moj"
    label = "moj"
    verbose_name = _("moj-2017 evaluation")

    def ready(self) -> None:
        """Where audit entries find their organisation; the moj-2017 schedule drafter for the
        evaluations' schedule page; the page of a moj-2017 evaluation; the quarterly sheets'
        tasks for the reminders and the overdue board; HR's dashboard panel of a quarter's
        progress; the menu entry of the work plans and annual sheets, shown in an organisation
        evaluating under moj-2017 today."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths
        from bagalau.core.navigation import NavItem, Panel, register_nav, register_panel
        from bagalau.evaluations.hooks import register_evaluation_page, register_schedule_drafter
        from bagalau.evaluations.models import Method
        from bagalau.moj.annual_selectors import under_moj_today
        from bagalau.moj.annual_views import annual_evaluation_url
        from bagalau.moj.common import MODEL
        from bagalau.moj.due import SOURCE
        from bagalau.moj.schedule_views import progress_panel
        from bagalau.moj.services.schedule import moj_schedule_draft
        from bagalau.moj.sheet_views import quarter_evaluation_url
        from bagalau.notifications.due import register_due_source

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_links(self.label, AUDIT_LINKS)
        register_schedule_drafter(MODEL, moj_schedule_draft)
        register_evaluation_page(Method.MOJ_QUARTER, quarter_evaluation_url)
        register_evaluation_page(Method.MOJ_ANNUAL, annual_evaluation_url)
        register_due_source(SOURCE)
        register_panel(
            Panel(
                key="moj_progress",
                template="moj/partials/panel.html",
                context=progress_panel,
                order=22,
            )
        )
        register_nav(
            NavItem(
                key="moj_work_plans",
                label=_("Individual plan and annual sheet"),
                url_name="moj:work_plans",
                visible=lambda viewer: under_moj_today(viewer.organisation),
                order=21,
            )
        )
