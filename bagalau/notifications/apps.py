"""In-app and e-mail notifications, reminders, the overdue board."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The notifications app."""

    name = "bagalau.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        """The notifier of the apps below (core.notify), the "Overdue" menu entry and dashboard
        panel, and the reminders job."""
        from bagalau.core.notify import register_notifier
        from bagalau.notifications import reminders, views
        from bagalau.notifications.services import notify

        register_notifier(notify)
        views.register()
        reminders.register()
