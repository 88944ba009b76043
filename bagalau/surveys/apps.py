"""The 360 survey (seed 002 p.33-36, App. 5-8): anonymous campaign, reports, training needs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """The surveys app."""

    name = "bagalau.surveys"
    label = "surveys"
    verbose_name = _("360 survey")

    def ready(self) -> None:
        """Register the "360" menu entry, the dashboard panels and the reminder job."""
        from bagalau.surveys import views

        views.register()
