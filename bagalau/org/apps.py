"""Organisation structure: state bodies, units, positions, servants, assignments, absences."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    """The org app."""

    name = "bagalau.org"
    label = "org"
    verbose_name = _("Organisation")
