"""Forms of the schedule pages: drafting a year, HR's planned date, returning a schedule."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.core.forms import DomainErrorForm


class ScheduleDraftForm(DomainErrorForm):
    """Which year's schedule HR drafts."""

    year = forms.IntegerField(label=_("Year"))


class PlannedDateForm(DomainErrorForm):
    """HR's planned date for a period; `expected` is the date the form was shown with."""

    planned_date = forms.DateField(
        label=_("Planned date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    expected = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "hidden"}, format="%Y-%m-%d")
    )


class ScheduleReturnForm(DomainErrorForm):
    """Why the head of the apparatus returns the schedule."""

    comment = forms.CharField(
        label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
