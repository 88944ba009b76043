"""Rating analytics for the head of the HR service (issue 14 item 4): how ratings are distributed
per unit and per quarter, whether evaluators rate alike, and the 360 self-versus-others gap.

An app of its own at the top of the domain layers: it reads evaluations (scores and ratings) and
the 360 survey's released totals, and nothing reads it. Confidential like the results it adds up
(seed 002 p.20): the head of the HR service only, every read audited."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """The analytics app."""

    name = "bagalau.analytics"
    label = "analytics"
    verbose_name = _("Rating analytics")

    def ready(self) -> None:
        """The "Rating analytics" menu entry, for the head of the HR service."""
        from bagalau.core.navigation import NavItem, register_nav

        register_nav(
            NavItem(
                key="analytics",
                label=_("Rating analytics"),
                url_name="analytics:page",
                visible=lambda viewer: viewer.is_hr_head,
                order=47,
            )
        )
