"""Forms of the App. 1 work plan and the App. 4 annual sheet; each hands its data to a service
(core.forms.form_submit)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds, forms
from bagalau.core.widgets import PersonSelect
from bagalau.moj.forms import row_field

#: The rows the plan form offers: the most indicators a plan has (p.12).
PLAN_ROWS = 4


class WorkPlanForm(forms.DomainErrorForm):
    """Up to 4 target indicators, each with its expected result and the "өлшемді" (measurable)
    flag (App. 1, M-3); the engine's `check_plan` judges them, naming the row."""

    version = forms.VersionField(required=False)

    def __init__(self, *args: Any, indicators: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(PLAN_ROWS):
            row = indicators[index] if index < len(indicators) else {}
            self.fields[f"ind_{index}_name"] = forms.CharField(
                label=_("target indicator"), required=False, initial=row.get("name", "")
            )
            self.fields[f"ind_{index}_expected_result"] = forms.CharField(
                label=_("expected result"),
                required=False,
                initial=row.get("expected_result", ""),
            )
            self.fields[f"ind_{index}_measurable"] = forms.BooleanField(
                label=_("measurable"), required=False, initial=row.get("measurable", False)
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        """The (name, expected result, measurable) fields of each row, for the template."""
        return [
            (
                self[f"ind_{i}_name"],
                self[f"ind_{i}_expected_result"],
                self[f"ind_{i}_measurable"],
            )
            for i in range(PLAN_ROWS)
        ]

    def field_for(self, path: str) -> str | None:
        """``indicators[2].expected_result`` -> ``ind_2_expected_result``; ``indicators`` (the
        count, the measurable share) -> the form."""
        return row_field(path, "indicators", "ind")

    def indicators(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows filled (a name or an expected result given)."""
        found = []
        for index in range(PLAN_ROWS):
            name = data.get(f"ind_{index}_name") or ""
            result = data.get(f"ind_{index}_expected_result") or ""
            if name or result:
                found.append(
                    {
                        "name": name,
                        "expected_result": result,
                        "measurable": bool(data.get(f"ind_{index}_measurable")),
                    }
                )
        return found


class NewWorkPlanForm(WorkPlanForm):
    """A new plan: whose (the user or one of their direct reports) and the year."""

    servant = forms.TypedChoiceField(
        label=_("servant"), choices=[], coerce=int, widget=PersonSelect
    )
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, indicators=[], **kwargs)
        self.fields["servant"].choices = people  # type: ignore[attr-defined]


class AmendForm(forms.DomainErrorForm):
    """The reason of an amendment (M-15)."""

    version = forms.VersionField(required=False)
    reason = forms.CharField(
        label=_("reason of the amendment"), widget=forms.Textarea, max_length=bounds.LONG_TEXT
    )


class MarksForm(forms.DomainErrorForm):
    """A column of the App. 4 sheet: 2 to 5 for each indicator (p.30) and a note."""

    version = forms.VersionField(required=False)

    def __init__(
        self,
        *args: Any,
        rows: list[dict[str, Any]],
        column: str,
        scale: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.count = len(rows)
        self.names = [row["name"] for row in rows]
        for index, row in enumerate(rows):
            self.fields[f"mark_{index}_points"] = forms.TypedChoiceField(
                label=_("points"),
                choices=[("", "—"), *scale],
                coerce=int,
                empty_value=None,
                required=False,
                initial=row.get(column) or row.get("self"),
            )
            self.fields[f"mark_{index}_note"] = forms.CharField(
                label=_("note"), required=False, initial=row.get(f"{column}_note", "")
            )

    def lines(self) -> list[tuple[str, Any, Any]]:
        """(indicator, points field, note field) of each row, for the template."""
        return [
            (self.names[i], self[f"mark_{i}_points"], self[f"mark_{i}_note"])
            for i in range(self.count)
        ]

    def field_for(self, path: str) -> str | None:
        """``marks[1].points`` -> ``mark_1_points``; ``marks`` -> the form."""
        return row_field(path, "marks", "mark")

    def marks(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        """Every row's {points, note}."""
        return [
            {"points": data.get(f"mark_{i}_points"), "note": data.get(f"mark_{i}_note") or ""}
            for i in range(self.count)
        ]
