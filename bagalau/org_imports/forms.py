"""The upload form of the structure import."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms


class ImportForm(forms.Form):
    """An XLSX file and whether to only check it."""

    file = forms.FileField(label=_("XLSX file"))
    dry_run = forms.BooleanField(
        label=_("Only check the file (dry run: nothing is written)"), required=False, initial=True
    )
