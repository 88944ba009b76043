"""Exports for orders and reports (issue 14 item 2): XLSX files of what the HR service hands on —
the results per unit, the p.8 lists as the draft of an order, the calibration outcomes and the
360 progress. Each file holds exactly what the page it comes from shows, only roles that may see
results get files with results (seed 002 p.20), and every download is audited.

An app of its own at the top of the domain layers: it reads evaluations, calibration and the 360
survey through their selectors, and nothing reads it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    """The exports app."""

    name = "bagalau.exports"
    label = "exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        """The "Exports" menu entry, for the HR service; the preparation of a large export as
        a background job, and the periodic removal of the prepared files."""
        from bagalau.core.jobs import PeriodicJob, register_job
        from bagalau.core.navigation import NavItem, register_nav
        from bagalau.exports.jobs import KINDS
        from bagalau.exports.services import export_files_remove_expired
        from bagalau.jobs.registry import register_kind

        register_nav(
            NavItem(
                key="exports",
                label=_("Exports"),
                url_name="exports:list",
                visible=lambda viewer: viewer.is_hr or viewer.is_hr_head,
                order=48,
            )
        )
        for kind in KINDS:
            register_kind(kind)
        register_job(
            PeriodicJob(key="exports.expired_files", run=export_files_remove_expired, order=95)
        )
