"""Forms of the plans app: they parse input; the rules live in plans/services.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds, forms
from bagalau.plans.models import Direction, Kpi
from bagalau.plans.services import QUARTERS, KpiData, kpi_snapshot

DATE = forms.DateInput(attrs={"type": "date"})


class KpiForm(forms.DomainErrorForm):
    """A row of App. 1. A yes/no KPI is planned with a checkbox per quarter, the others with a
    number per quarter, each planned quarter with its achievement date (App. 1)."""

    version = forms.VersionField()
    name = forms.CharField(label=_("KPI"), widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(
        label=_("source"),
        help_text=_(
            'Which indicator of the "A" corps agreement or planning document it derives from.'
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    unit = forms.CharField(label=_("unit of measure"), max_length=60)
    direction = forms.ChoiceField(label=_("direction"), choices=Direction.choices)
    plan_q1 = forms.DecimalField(label=_("plan, Q1"), required=False)
    plan_q2 = forms.DecimalField(label=_("plan, Q2"), required=False)
    plan_q3 = forms.DecimalField(label=_("plan, Q3"), required=False)
    plan_q4 = forms.DecimalField(label=_("plan, Q4"), required=False)
    due_q1 = forms.BooleanField(label=_("due in Q1"), required=False)
    due_q2 = forms.BooleanField(label=_("due in Q2"), required=False)
    due_q3 = forms.BooleanField(label=_("due in Q3"), required=False)
    due_q4 = forms.BooleanField(label=_("due in Q4"), required=False)
    date_q1 = forms.DateField(label=_("achievement date, Q1"), required=False, widget=DATE)
    date_q2 = forms.DateField(label=_("achievement date, Q2"), required=False, widget=DATE)
    date_q3 = forms.DateField(label=_("achievement date, Q3"), required=False, widget=DATE)
    date_q4 = forms.DateField(label=_("achievement date, Q4"), required=False, widget=DATE)
    deadline = forms.DateField(label=_("deadline"), widget=DATE)
    key_result = forms.CharField(
        label=_("expected key result"), widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def initial_for(cls, kpi: Kpi | None, version: int) -> dict[str, Any]:
        """Initial values: the KPI's (planned values without trailing zeros)."""
        if kpi is None:
            return {"version": version, "direction": Direction.INCREASE}
        values = kpi_snapshot(kpi)
        initial: dict[str, Any] = {
            "version": version,
            **{k: v for k, v in values.items() if k != "deadline"},
            "deadline": kpi.deadline,
            **{f"date_q{q}": kpi.achieved_by(q) for q in QUARTERS},
        }
        for quarter in QUARTERS:
            initial[f"due_q{quarter}"] = kpi.planned(quarter) is not None
        return initial

    def data_for_service(self) -> KpiData:
        """The cleaned values as the service takes them."""
        values = self.cleaned_data
        binary = values["direction"] == Direction.BINARY
        planned: dict[str, Any] = {
            f"plan_q{q}": (Decimal(1) if values[f"due_q{q}"] else None)
            if binary
            else values[f"plan_q{q}"]
            for q in QUARTERS
        }
        return KpiData.of({**values, **planned})

    def field_for(self, path: str) -> str | None:
        """A yes/no KPI's quarters are its due dates (`due_q1`…), the service names them
        `plan_q1`…."""
        if path.startswith("plan_q") and self.data.get("direction") == Direction.BINARY:
            return path.replace("plan_q", "due_q")
        return path


class RemoveKpiForm(forms.DomainErrorForm):
    """Removing a KPI."""

    version = forms.VersionField()


class PlanChangeForm(forms.DomainErrorForm):
    """Opening a change of an approved plan (p.25): its ground and the act behind it. The grounds
    come from the edition; the service refuses any other."""

    version = forms.VersionField()
    ground = forms.ChoiceField(label=_("ground (p.25)"))
    reference = forms.CharField(
        label=_("order or decision that changed the functions or structure"),
        max_length=bounds.TITLE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, grounds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ground"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *grounds]


class TransitionForm(forms.DomainErrorForm):
    """A workflow step; returning needs a comment."""

    version = forms.VersionField()
    comment = forms.CharField(
        label=_("What to correct"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = forms.DateField(label=_("date of the document"), required=False, widget=DATE)


class RecommendationForm(forms.DomainErrorForm):
    """The direct manager's written recommendation of a quarter (seed 004 p.16)."""

    quarter = forms.TypedChoiceField(
        label=_("quarter"), choices=[(q, q) for q in (1, 2, 3, 4)], coerce=int
    )
    text = forms.CharField(
        label=_("Recommendation on reaching the KPIs and the measures needed"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    on = forms.DateField(label=_("date"), required=False, widget=DATE)


class InitiateForm(forms.DomainErrorForm):
    """HR opens the work plans of a year."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
