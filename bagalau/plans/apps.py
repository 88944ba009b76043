"""Work plans with KPIs (seed 002 p.22-25, App. 1)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """The plans app."""

    name = "bagalau.plans"
    label = "plans"
    verbose_name = _("Work plans")
