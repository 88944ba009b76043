"""The Django admin in Kazakh and Russian (issue 13 item 12).

Django's own Kazakh catalogue leaves much of the admin in English, and the task queue
(django_tasks_db) and the login throttle (axes) ship no Kazakh or Russian at all. The texts below
are theirs, marked here so that `makemessages` carries them into locale/kk and locale/ru, whose
catalogue Django reads before the apps' own (LOCALE_PATHS). The two applications' names, which
they declare untranslated, are given translated names by the AppConfigs below (INSTALLED_APPS
names these instead of the packages; the app labels, hence the tables and migrations, stay).
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_tasks_db.apps import TasksAppConfig

ADMIN_TEXTS = (
    gettext_noop("View site"),
    gettext_noop("Skip to main content"),
    gettext_noop("Recent actions"),
    gettext_noop("My actions"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Show counts"),
    gettext_noop("Authentication and Authorization"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("Select %s to view"),
    gettext_noop("queue name"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("run after"),
    gettext_noop("backend name"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)


class TasksConfig(TasksAppConfig):
    """django_tasks_db under a translated name."""

    verbose_name = _("Background tasks")  # type: ignore[assignment]


class AxesConfig(AxesAppConfig):  # type: ignore[misc]
    """axes (the login throttle) under a translated name."""

    verbose_name = _("Login attempts")
