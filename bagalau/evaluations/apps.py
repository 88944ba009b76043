"""Evaluation schedule, quarterly and annual evaluations, familiarisation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "schedule": ("organisation",),
    "period": ("schedule.organisation",),
    "evaluation": ("servant.organisation", "period.schedule.organisation"),
    "kpiresult": ("evaluation.period.schedule.organisation",),
    "parameterscore": ("evaluation.period.schedule.organisation",),
    "refusalact": ("evaluation.period.schedule.organisation",),
    "servicerecordentry": ("servant.organisation", "evaluation.period.schedule.organisation"),
    "paperentry": ("evaluation.period.schedule.organisation",),
}


#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "evaluation": "evaluations:sheet",
    "period": "evaluations:schedule_roster",
}


class EvaluationsConfig(AppConfig):
    """The evaluations app."""

    name = "bagalau.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        """Where audit entries find their organisation, the evaluations' tasks for reminders and
        the overdue board, periods named in notifications, menu entries and dashboard panels;
        follow absences (org.signals); opening a quarter and the annual results as background
        jobs."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths
        from bagalau.evaluations.due import PERIOD_REFERENCE, SOURCE
        from bagalau.evaluations.services.schedule import absence_changed_receiver
        from bagalau.evaluations.views import schedule, sheets
        from bagalau.notifications.due import register_due_source
        from bagalau.notifications.selectors import register_reference
        from bagalau.org.signals import absence_changed

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_due_source(SOURCE)
        register_reference(PERIOD_REFERENCE)
        absence_changed.connect(absence_changed_receiver, dispatch_uid="evaluations.absence")
        schedule.register()
        sheets.register()
        register_links(self.label, AUDIT_LINKS)
        from bagalau.evaluations.jobs import KINDS
        from bagalau.jobs.registry import register_kind

        for kind in KINDS:
            register_kind(kind)
