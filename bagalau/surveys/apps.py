"""The 360 survey (seed 002 p.33-36, App. 5-8): anonymous campaign, reports, training needs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "campaign": ("organisation", "period.schedule.organisation"),
    "target": ("servant.organisation", "unit.organisation", "campaign.organisation"),
    "invitation": ("target.campaign.organisation",),
    "ballot": ("target.campaign.organisation",),
    "selfassessment": ("target.campaign.organisation",),
    "responsetally": ("target.campaign.organisation",),
    "runningtally": ("target.campaign.organisation",),
    "closedfigures": ("campaign.organisation",),
    "answertotal": ("target.campaign.organisation",),
    "paperbatch": ("target.campaign.organisation",),
}


#: The pages of this app's rows, for the links of the audit log (audit.presenting).
AUDIT_LINKS = {
    "campaign": "surveys:campaign",
}


class SurveysConfig(AppConfig):
    """The surveys app."""

    name = "bagalau.surveys"
    label = "surveys"
    verbose_name = _("360 survey")

    def ready(self) -> None:
        """Register the "360" menu entry, the dashboard panels, the reminder and draft-check
        jobs and the campaign creation as a background job; listen to changes of the
        structure (the draft's check)."""
        from bagalau.audit.presenting import register_links
        from bagalau.audit.services import register_organisation_paths

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
        from bagalau.surveys import views

        views.register()
        register_links(self.label, AUDIT_LINKS)
        from bagalau.jobs.registry import register_kind
        from bagalau.surveys.jobs import KINDS

        for kind in KINDS:
            register_kind(kind)
        from bagalau.org.signals import structure_changed
        from bagalau.surveys.tasks import structure_changed_receiver

        structure_changed.connect(structure_changed_receiver, dispatch_uid="surveys.draft_check")
