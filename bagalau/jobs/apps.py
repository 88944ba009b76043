"""Bulk work run in the background with its progress (issue 14 item 3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """The jobs app."""

    name = "bagalau.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")
