"""The stable keys of an XLSX structure import: the code a unit or a position has in HR's file.

Units and positions carry no code of their own, and their names change (a renamed department is
still the same department), so the import remembers which row each code of the file made and
finds it again on the next import. Servants are found by their personnel number, which the
servant model already holds and which stays with the person through transfers; assignments by
(servant, position, start) and absences by (servant, kind, start)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds


class ImportKey(models.Model):
    """A unit's or a position's code in the organisation's import file."""

    organisation = models.ForeignKey("org.Organisation", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=bounds.CODE)
    unit = models.OneToOneField(
        "org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    position = models.OneToOneField(
        "org.Position", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("import code")
        verbose_name_plural = _("import codes")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, position__isnull=True)
                | Q(unit__isnull=True, position__isnull=False),
                name="import_key_names_one_row",
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(unit__isnull=False),
                name="one_unit_per_import_code",
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=Q(position__isnull=False),
                name="one_position_per_import_code",
            ),
            *bounds.length_checks("org_imports_importkey", code=bounds.CODE),
        ]

    def __str__(self) -> str:
        return self.code
