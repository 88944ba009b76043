"""The moj-2017 workflow: the organisation's App. 2 catalogue and the discipline records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Where audit entries about this app's rows find their organisation (audit.services).
AUDIT_ORGANISATION_PATHS = {
    "cataloguechoice": ("organisation",),
    "disciplinerecord": ("servant.organisation",),
    "quartersheet": ("evaluation.period.schedule.organisation",),
    "workplan": ("servant.organisation",),
    "annualsheet": ("evaluation.period.schedule.organisation",),
}


class MojConfig(AppConfig):
    """The moj-2017 app."""

    name = "bagalau.moj"
    label = "moj"
    verbose_name = _("moj-2017 evaluation")

    def ready(self) -> None:
        """Where audit entries find their organisation."""
        from bagalau.audit.services import register_organisation_paths

        register_organisation_paths(self.label, AUDIT_ORGANISATION_PATHS)
