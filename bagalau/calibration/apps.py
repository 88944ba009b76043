"""Calibration sessions, protocol, feedback and appeals (seed 002 p.12-13, p.37-42)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalibrationConfig(AppConfig):
    """The calibration app."""

    name = "bagalau.calibration"
    label = "calibration"
    verbose_name = _("Calibration")

    def ready(self) -> None:
        """Register the menu entry and the dashboard panels."""
        from bagalau.calibration import views

        views.register()
