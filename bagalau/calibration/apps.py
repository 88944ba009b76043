"""Calibration sessions, protocol, feedback and appeals (seed 002 p.12-13, p.37-42)."""

from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "application": (
        "evaluation.period.schedule.organisation",
        "session.application.evaluation.period.schedule.organisation",
    ),
    "session": ("application.evaluation.period.schedule.organisation",),
    "vote": ("session.application.evaluation.period.schedule.organisation",),
    "feedbackmeeting": ("session.application.evaluation.period.schedule.organisation",),
    "scorechange": (
        "evaluation.period.schedule.organisation",
        "session.application.evaluation.period.schedule.organisation",
    ),
    "appeal": ("session.application.evaluation.period.schedule.organisation",),
}


#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "session": "calibration:session",
}


class CalibrationConfig(AppConfig):
    """The calibration app."""

    name = "bagalau.calibration"
    label = "calibration"
    verbose_name = _("Calibration")

    def ready(self) -> None:
        """Where audit entries find their organisation, calibration's tasks for reminders and
        the overdue board, what it adds to evaluations, the menu entry and the dashboard
        panels."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths
        from bagalau.calibration import views
        from bagalau.calibration.access import can_apply
        from bagalau.calibration.due import SOURCE
        from bagalau.evaluations import hooks
        from bagalau.notifications.due import register_due_source

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        register_due_source(SOURCE)
        views.register()
        # The result page's "apply for calibration" link (p.12).
        hooks.register_sheet_context(
            "calibration",
            lambda user, evaluation: {"can_apply_calibration": can_apply(user, evaluation)},
        )
        # A result whose window passed stays open while it has an application: every application
        # leads to a session whose protocol finalises the result (p.12, p.38).
        hooks.register_finalisation_filter(
            "calibration", lambda: Q(calibration_application__isnull=True)
        )
        register_links(self.label, AUDIT_LINKS)
