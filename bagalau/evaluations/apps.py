"""Evaluation schedule, quarterly and annual evaluations, familiarisation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    """The evaluations app."""

    name = "bagalau.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        """Register menu entries and dashboard panels."""
        from bagalau.evaluations.views import schedule, sheets

        schedule.register()
        sheets.register()
