"""Importing the organisation structure from an XLSX file (issue 14 item 1)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgImportsConfig(AppConfig):
    """The structure import (its own app so that its keys migrate apart from the org models)."""

    name = "bagalau.org_imports"
    label = "org_imports"
    verbose_name = _("Structure import")

    def ready(self) -> None:
        """The import page in HR's menu and the import as a background job kind."""
        from bagalau.core.navigation import NavItem, register_nav
        from bagalau.jobs.registry import JobKind, register_kind
        from bagalau.org_imports.services import KIND, may_import, run_import_job

        register_nav(
            NavItem(
                key="org_import",
                label=_("Import"),
                url_name="org_imports:page",
                visible=lambda viewer: viewer.is_hr,
                order=85,
            )
        )
        register_kind(
            JobKind(
                key=KIND,
                label=_("Structure import"),
                run=run_import_job,
                may_submit=may_import,
                result_template="org_imports/result.html",
                back_url_name="org_imports:page",
            )
        )
