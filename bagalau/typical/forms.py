"""Forms of the typical-2018 pages; each hands its data to a service (core.forms.form_submit)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.typical.models import ReturnGround


class ScheduleDraftForm(forms.DomainErrorForm):
    """HR draws up the year's schedule."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2099)


class EvaluationDateForm(forms.DomainErrorForm):
    """HR sets the evaluation date (T-1)."""

    evaluation_date = forms.DateField(label=_("evaluation date"))


class StepDateForm(forms.DomainErrorForm):
    """A step of a sheet, on a day (today when empty; back-dated entry, G-1)."""

    version = forms.VersionField(required=False)
    day = forms.DateField(label=_("date"), required=False)

    def field_for(self, path: str) -> str | None:
        """Every date a service names is this form's `day`."""
        return "day" if path.endswith("_on") else path


class ReturnForm(StepDateForm):
    """The superior manager returns the KPI sheet (p.21-22)."""

    ground = forms.ChoiceField(label=_("ground for return"), choices=ReturnGround.choices)
    reason = forms.CharField(label=_("reason for return"), widget=forms.Textarea)


ACHIEVED_CHOICES = [("", "—"), ("yes", _("achieved")), ("no", _("not achieved"))]


class KpiRowsForm(forms.DomainErrorForm):
    """The direct manager's columns 5-6 of App. 2, one pair of fields per KPI row."""

    version = forms.VersionField(required=False)

    def __init__(self, *args: object, numbers: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.numbers = numbers
        for number in numbers:
            self.fields[f"actual_{number}"] = forms.CharField(
                label=_("actual value"), max_length=100, required=False
            )
            self.fields[f"achieved_{number}"] = forms.ChoiceField(
                label=_("achieved"), choices=ACHIEVED_CHOICES, required=False
            )

    def field_for(self, path: str) -> str | None:
        """``rows.3.actual`` is the field ``actual_3``."""
        parts = path.split(".")
        if len(parts) == 3 and parts[0] == "rows":
            return f"{parts[2]}_{parts[1]}"
        return path

    def rows(self) -> dict[int, dict[str, object]]:
        """The cleaned rows as the service takes them."""
        achieved = {"yes": True, "no": False, "": None}
        return {
            number: {
                "actual": self.cleaned_data[f"actual_{number}"],
                "achieved": achieved[self.cleaned_data[f"achieved_{number}"]],
            }
            for number in self.numbers
        }
