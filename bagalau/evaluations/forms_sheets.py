"""Forms of the sheet pages. They only parse and carry what was typed: every rule (ranges, whole
points, witnesses) is checked by the services, whose DomainErrors land on these fields."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.core.widgets import PersonSelect
from bagalau.evaluations.models import KpiResult
from bagalau.evaluations.selectors.sheets import ParameterLine
from bagalau.org.models import Servant
from bagalau.plans.models import Direction

_KPI_FIELD = re.compile(r"^kpis\[(\d+)\]\.(score|actual)")
_PARAMETER_FIELD = re.compile(r"^(scores|justifications)\.(\w+)$")


class VersionForm(forms.DomainErrorForm):
    """Carries the version of the sheet the user read (optimistic locking)."""

    version = forms.VersionField(min_value=1)


def kpi_score_field() -> forms.CharField:
    """The evaluator's score of a KPI row as typed (empty = the proposal)."""
    return forms.CharField(label=_("Score"), required=False, max_length=40)


class KpiRowsForm(VersionForm):
    """A form with one field per KPI row, named after the row's id."""

    prefix_name = "score"

    def __init__(self, *args: Any, rows: Sequence[KpiResult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)

    def field_for(self, path: str) -> str | None:
        match = _KPI_FIELD.match(path)
        if match and int(match[1]) < len(self.rows):
            return f"{self.prefix_name}_{self.rows[int(match[1])].pk}"
        return super().field_for(path)

    def by_row(self) -> dict[int, object]:
        """The typed values by KpiResult id."""
        return {
            row.pk: self.cleaned_data.get(f"{self.prefix_name}_{row.pk}", "") for row in self.rows
        }


class KpiScoresForm(KpiRowsForm):
    """The evaluator's score per KPI (empty = the proposal)."""

    prefix_name = "score"

    def __init__(self, *args: Any, rows: Sequence[KpiResult], **kwargs: Any) -> None:
        super().__init__(*args, rows=rows, **kwargs)
        for row in self.rows:
            self.fields[f"score_{row.pk}"] = kpi_score_field()
        self.fields["feedback"] = forms.CharField(
            label=_("Constructive feedback to the servant (p.17(3))"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields["sign"] = forms.BooleanField(required=False)


class ActualsForm(KpiRowsForm):
    """The HR service's actual values: a number, or achieved yes/no for a binary KPI."""

    prefix_name = "actual"

    def __init__(self, *args: Any, rows: Sequence[KpiResult], **kwargs: Any) -> None:
        super().__init__(*args, rows=rows, **kwargs)
        for row in self.rows:
            name = f"actual_{row.pk}"
            if row.kpi.direction == Direction.BINARY:
                self.fields[name] = forms.ChoiceField(
                    label=_("Actual value"),
                    required=False,
                    choices=[("", "—"), ("yes", _("Achieved")), ("no", _("Not achieved"))],
                )
                if row.actual_achieved is not None:
                    self.initial[name] = "yes" if row.actual_achieved else "no"
            else:
                self.fields[name] = forms.CharField(
                    label=_("Actual value"), required=False, max_length=40
                )
                if row.actual_value is not None:
                    text = format(row.actual_value, "f")
                    self.initial[name] = text.rstrip("0").rstrip(".") if "." in text else text


class ParametersForm(VersionForm):
    """The App. 4 parameters (`codes`): whole points and the reasons of each, and the overall
    justification."""

    justification = forms.CharField(
        label=_("Justification of the score"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, codes: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = list(codes)
        for code in self.codes:
            self.fields[f"score_{code}"] = forms.CharField(
                label=_("Score"), required=False, max_length=10
            )
            self.fields[f"justification_{code}"] = forms.CharField(
                label=_("Justification"), required=False, widget=forms.Textarea
            )

    def field_for(self, path: str) -> str | None:
        match = _PARAMETER_FIELD.match(path)
        if match:
            kind = "score" if match[1] == "scores" else "justification"
            return f"{kind}_{match[2]}"
        return super().field_for(path)

    def scores(self) -> dict[str, object]:
        """Typed scores by parameter code."""
        return {code: self.cleaned_data.get(f"score_{code}", "") for code in self.codes}

    def justifications(self) -> dict[str, str]:
        """Typed reasons by parameter code."""
        return {code: self.cleaned_data.get(f"justification_{code}", "") for code in self.codes}


class DifferentiationForm(ParametersForm):
    """The head of the unit's App. 4 sheet (`ParametersForm`), signed or not."""

    sign = forms.BooleanField(required=False)

    def __init__(self, *args: Any, lines: Sequence[ParameterLine], **kwargs: Any) -> None:
        super().__init__(*args, codes=[line.code for line in lines], **kwargs)


class RefusalActForm(forms.DomainErrorForm):
    """The act recording a refusal to acknowledge the result."""

    text = forms.CharField(label=_("Circumstances of the refusal"), widget=forms.Textarea)
    witness_1 = forms.ModelChoiceField(
        label=_("First witness"), queryset=Servant.objects.none(), widget=PersonSelect
    )
    witness_2 = forms.ModelChoiceField(
        label=_("Second witness"), queryset=Servant.objects.none(), widget=PersonSelect
    )

    def __init__(self, *args: Any, servants: QuerySet[Servant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("witness_1", "witness_2"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = servants
