"""Forms of the schedule pages: drafting a year, HR's planned date, returning a schedule, and
the commission chair's consent HR records on a typical-2018 or moj-2017 schedule."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds, forms
from bagalau.core.forms import DomainErrorForm, form_submit

if TYPE_CHECKING:
    from django.http import HttpRequest

    from bagalau.evaluations.models import Schedule


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


class ChairConsentForm(DomainErrorForm):
    """HR records the commission chair's consent to the schedule (typical-2018: seed 004 p.29;
    moj-2017: seed 001 p.14)."""

    chair_name = forms.CharField(label=_("commission chair"), max_length=bounds.TITLE)
    agreed_on = forms.DateField(label=_("consent given on"))
    reference = forms.CharField(label=_("document"), max_length=bounds.TITLE, required=False)


def chair_consent_submit(
    request: HttpRequest, schedule: Schedule, record: Callable[..., Any]
) -> tuple[ChairConsentForm, bool]:
    """The posted consent handed to the model's service `record` (its
    `schedule_consent_write`); the form (with the refusal on it) and whether it was recorded,
    the success said."""
    form = ChairConsentForm(request.POST)
    done = form_submit(
        form,
        lambda data: record(
            actor=request.user,
            schedule_id=schedule.pk,
            chair_name=data["chair_name"],
            agreed_on=data["agreed_on"],
            reference=data["reference"],
        ),
    )
    if done.done:
        messages.success(
            request, gettext("The chair's consent was recorded; the schedule is in force.")
        )
    return form, done.done
