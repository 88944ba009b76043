"""In-app and e-mail notifications, reminders, the overdue board."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The notifications app."""

    name = "bagalau.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        """The "Overdue" menu entry and dashboard panel, and the reminders job."""
        from bagalau.notifications import reminders, views

        views.register()
        reminders.register()
