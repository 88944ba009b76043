"""The typical-2018 year: schedule consent, KPI sheet (App. 2), competency sheet (App. 3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "chairconsent": ("schedule.organisation",),
    "app4row": ("position.unit.organisation",),
    "kpisheet": ("evaluation.period.schedule.organisation",),
    "competencysheet": ("evaluation.period.schedule.organisation",),
}


#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "kpisheet": "typical:kpi_sheet",
    "competencysheet": "typical:competency_sheet",
}


class TypicalConfig(AppConfig):
    """The typical-2018 sheets app."""

    name = "bagalau.typical"
    label = "typical"
    verbose_name = _("Typical-2018 evaluation")

    def ready(self) -> None:
        """Where audit entries find their organisation and link to; the typical-2018 schedule
        drafter for the evaluations' schedule page; the page of a typical-2018 evaluation; the
        sheets' tasks for the reminders and the overdue board; the dashboard panel of sheets to
        act on."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths
        from bagalau.core.navigation import Panel, register_panel
        from bagalau.evaluations.hooks import register_evaluation_page, register_schedule_drafter
        from bagalau.evaluations.models import Method
        from bagalau.notifications.due import register_due_source
        from bagalau.typical.common import MODEL
        from bagalau.typical.due import SOURCE
        from bagalau.typical.services.schedule import typical_schedule_draft
        from bagalau.typical.views import evaluation_url, tasks_panel

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_links(self.label, AUDIT_LINKS)
        register_schedule_drafter(MODEL, typical_schedule_draft)
        register_evaluation_page(Method.KPI_COMPETENCY, evaluation_url)
        register_due_source(SOURCE)
        register_panel(
            Panel(
                key="typical_tasks",
                template="typical/partials/panel.html",
                context=tasks_panel,
                order=25,
            )
        )
