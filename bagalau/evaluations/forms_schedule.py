"""Forms of the schedule pages: drafting a year, HR's planned date, returning a schedule."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.core.errors import DomainError


class DomainErrorForm(forms.Form):
    """A form that shows a service's DomainError next to the field it names."""

    def add_domain_error(self, error: DomainError) -> None:
        """Attach the error to its field, or to the form when it names none of them."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


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
