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
        progress."""
        from bagalau.audit.services import register_organisation_paths
        from bagalau.core.navigation import Panel, register_panel
        from bagalau.evaluations.hooks import register_evaluation_page, register_schedule_drafter
        from bagalau.evaluations.models import Method
        from bagalau.moj.common import MODEL
        from bagalau.moj.due import SOURCE
        from bagalau.moj.schedule_views import progress_panel
        from bagalau.moj.services.schedule import moj_schedule_draft
        from bagalau.moj.sheet_views import quarter_evaluation_url
        from bagalau.notifications.due import register_due_source

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_schedule_drafter(MODEL, moj_schedule_draft)
        register_evaluation_page(Method.MOJ_QUARTER, quarter_evaluation_url)
        register_due_source(SOURCE)
        register_panel(
            Panel(
                key="moj_progress",
                template="moj/partials/panel.html",
                context=progress_panel,
                order=22,
            )
        )
