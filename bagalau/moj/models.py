"""The rows only the moj-2017 model has (seed 001; EDITIONS.md §5.2 A4, D1; §9.4 M-20, M-22):
the organisation's App. 2 catalogue and the dated records of discipline breaches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.org.models import Organisation, Servant


class CatalogueChoice(TimeStampedModel):
    """Which App. 2 catalogue of encouraged activities the organisation uses: the Ministry's
    central apparatus or its territorial bodies (EDITIONS.md §5.2 A4). There is no default: until
    the administrator chooses, no row exists (M-20). `catalogue` is a code of the engine's
    ``bonus_catalogue.yaml``."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="moj_catalogue"
    )
    catalogue = models.CharField(_("App. 2 catalogue"), max_length=30)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("App. 2 catalogue of the organisation")
        verbose_name_plural = _("App. 2 catalogues of organisations")
        constraints = [*bounds.length_checks("moj_cataloguechoice", catalogue=30)]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.catalogue}"


class BreachSource(models.TextChoices):
    """Where a breach comes from: executive discipline from the document-flow service or the
    direct manager's documented information (p.20); labour discipline from HR or the direct
    manager (p.21)."""

    DOCUMENT_FLOW = "document_flow", _("Document-flow service")
    HR = "hr", _("HR service")
    DIRECT_MANAGER = "direct_manager", _("Direct manager")


#: The sources each kind of breach (the engine's ``quarter.breaches`` codes) may come from
#: (seed 001 p.20, p.21).
SOURCES_OF_KIND: dict[str, tuple[str, ...]] = {
    "executive": (BreachSource.DOCUMENT_FLOW, BreachSource.DIRECT_MANAGER),
    "labour": (BreachSource.HR, BreachSource.DIRECT_MANAGER),
}


class DisciplineRecord(TimeStampedModel):
    """One breach of executive or labour discipline: one dated fact with its source and its
    evidence (p.20-22; M-22: each late arrival and each missed deadline is one record, so the
    same fact never counts in two quarters). `kind` is a code of the engine's
    ``quarter.breaches``."""

    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of breach"), max_length=20)
    source = models.CharField(_("source"), max_length=20, choices=BreachSource.choices)
    day = models.DateField(_("date of the breach"))
    evidence = models.TextField(_("evidence"), max_length=bounds.LONG_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("discipline breach")
        verbose_name_plural = _("discipline breaches")
        ordering = ["servant", "day", "pk"]
        constraints = [
            *bounds.length_checks("moj_disciplinerecord", kind=20, evidence=bounds.LONG_TEXT)
        ]

    def __str__(self) -> str:
        return f"{self.servant}: {self.kind} {self.day:%d.%m.%Y}"
