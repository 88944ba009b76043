"""The form of a paper result (seed 002 p.3, p.29): the scores as written on the signed sheet,
the date of the evaluator's signature and the scan. Every rule is checked by
services.paper.paper_result_enter; its DomainErrors land on these fields."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.evaluations.forms_sheets import VersionForm
from bagalau.evaluations.models import KpiResult

_KPI_FIELD = re.compile(r"^kpis\[(\d+)\]\.(score|actual)")
_PARAMETER_FIELD = re.compile(r"^(scores|justifications)\.(\w+)$")


class PaperEntryForm(VersionForm):
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
    justification = forms.CharField(
        label=_("Justification of the score"), required=False, widget=forms.Textarea
    )

    def __init__(
        self,
        *args: Any,
        rows: Sequence[KpiResult] = (),
        codes: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        self.codes = list(codes)
        for row in self.rows:
            self.fields[f"score_{row.pk}"] = forms.CharField(
                label=_("Score"), required=False, max_length=40
            )
        for code in self.codes:
            self.fields[f"score_{code}"] = forms.CharField(
                label=_("Score"), required=False, max_length=10
            )
            self.fields[f"justification_{code}"] = forms.CharField(
                label=_("Justification"), required=False, widget=forms.Textarea
            )

    def field_for(self, path: str) -> str | None:
        match = _KPI_FIELD.match(path)
        if match and int(match[1]) < len(self.rows):
            return f"score_{self.rows[int(match[1])].pk}"
        match = _PARAMETER_FIELD.match(path)
        if match:
            kind = "score" if match[1] == "scores" else "justification"
            return f"{kind}_{match[2]}"
        return super().field_for(path)

    def kpi_scores(self) -> dict[int, object]:
        """The typed KPI scores by KpiResult id."""
        return {row.pk: self.cleaned_data.get(f"score_{row.pk}", "") for row in self.rows}

    def scores(self) -> dict[str, object]:
        """The typed parameter scores by code."""
        return {code: self.cleaned_data.get(f"score_{code}", "") for code in self.codes}

    def justifications(self) -> dict[str, str]:
        """The typed reasons by parameter code."""
        return {code: self.cleaned_data.get(f"justification_{code}", "") for code in self.codes}
