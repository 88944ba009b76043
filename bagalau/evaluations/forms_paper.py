"""The form of a paper result (seed 002 p.3, p.29): the scores as written on the signed sheet,
the date of the evaluator's signature and the scan. Every rule is checked by
services.paper.paper_result_enter; its DomainErrors land on these fields."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.evaluations.forms_sheets import KpiRowsForm, ParametersForm, kpi_score_field
from bagalau.evaluations.models import KpiResult


class PaperEntryForm(KpiRowsForm, ParametersForm):
    """One score field per KPI row (App. 2) or per parameter with its reasons (App. 4)."""

    signed_on = forms.CharField(
        label=_("Date the evaluator signed the paper sheet"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    scan = forms.FileField(
        label=_("Scan of the signed sheet (PDF, JPEG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"}
        ),
    )

    def __init__(
        self,
        *args: Any,
        rows: Sequence[KpiResult] = (),
        codes: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, rows=rows, codes=codes, **kwargs)
        for row in self.rows:
            self.fields[f"score_{row.pk}"] = kpi_score_field()
