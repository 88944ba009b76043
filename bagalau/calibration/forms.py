"""Forms of the calibration pages: they parse input; the services decide."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from bagalau.calibration.models import AppealOutcome, VoteChoice
from bagalau.calibration.selectors import person_name, position_name
from bagalau.core import clock, forms
from bagalau.core.collation import sorted_by_name
from bagalau.core.forms import DomainErrorForm
from bagalau.core.widgets import PersonCheckboxes, PersonSelect

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class ApplyForm(DomainErrorForm):
    """The servant's free-text application (p.12)."""

    text = forms.CharField(
        label=_("Why do you disagree with the result?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
    )


class _KazakhOrder(ModelChoiceIterator):
    """Choices in Kazakh alphabetical order of the person's name."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        for obj in sorted_by_name(self.queryset, person_name):
            yield self.choice(obj)


def _person_label(obj: Any) -> str:
    position = position_name(getattr(obj, "servant", None), clock.today())
    name = person_name(obj)
    return f"{name} — {position}" if position else name


class ParticipantField(forms.ModelMultipleChoiceField[Any]):
    """Users shown by name and position, in Kazakh alphabetical order."""

    iterator = _KazakhOrder

    def label_from_instance(self, obj: Any) -> str:
        return _person_label(obj)


class PersonField(forms.ModelChoiceField[Any]):
    """One user, shown and ordered as in ParticipantField."""

    iterator = _KazakhOrder
    widget = PersonSelect

    def label_from_instance(self, obj: Any) -> str:
        return _person_label(obj)


def _date_field(label: StrOrPromise, *, required: bool = True) -> forms.DateField:
    """A day picked in the browser's date box, or typed as dd.mm.yyyy."""
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )


class ReplaceParticipantForm(DomainErrorForm):
    """The head of the apparatus replaces a participant who cannot take part (p.38)."""

    leaving = PersonField(label=_("Participant who cannot take part"), queryset=None)
    joining = PersonField(label=_("Replaced by"), queryset=None)

    def __init__(self, *args: Any, leaving: Any, joining: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("leaving", leaving), ("joining", joining)):
            field = self.fields[name]
            assert isinstance(field, PersonField)
            field.queryset = queryset


class DecideForm(DomainErrorForm):
    """The head of the apparatus's decision to hold the session: its participants, date and
    place (seed 002 p.38 gives no rejection)."""

    participants = ParticipantField(
        label=_("Participants"),
        queryset=None,
        required=False,
        widget=PersonCheckboxes,
    )
    scheduled_for = forms.DateTimeField(
        label=_("Date and time of the session"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    comment = forms.CharField(
        label=_("Note on the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        participants = self.fields["participants"]
        assert isinstance(participants, ParticipantField)
        participants.queryset = candidates


class PresentationForm(DomainErrorForm):
    """The evaluator's presentation at the session (p.41)."""

    text = forms.CharField(
        label=_("The servant's work and the reasons for your score"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class VoteForm(DomainErrorForm):
    """A participant's vote: keep, raise or lower, with the proposed final score."""

    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
    score = forms.DecimalField(
        label=_("Final score you propose"),
        required=False,
        min_value=0,
        max_value=5,
        max_digits=3,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "5"}),
        help_text=_("Leave empty to keep the evaluator's score."),
    )
    argument = forms.CharField(
        label=_("Arguments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeedbackForm(DomainErrorForm):
    """The feedback meeting after the session: the three topics of p.42."""

    held_on = _date_field(_("Held on"))
    achievements = forms.CharField(
        label=_("Achievements in the evaluated period"), widget=forms.Textarea(attrs={"rows": 4})
    )
    skills = forms.CharField(
        label=_("Development of skills and competencies"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    potential = forms.CharField(
        label=_("Potential and career goals"), widget=forms.Textarea(attrs={"rows": 4})
    )
    sector_head = PersonField(
        label=_("The head of the HR service took part (p.19(3))"),
        queryset=None,
        required=False,
        empty_label=_("Nobody from the HR service"),
    )

    def __init__(self, *args: Any, sector_heads: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sector_head"]
        assert isinstance(field, PersonField)
        field.queryset = sector_heads


class AppealForm(DomainErrorForm):
    """An appeal against the session's decision (p.13)."""

    filed_on = _date_field(_("Filed on"))
    authority = forms.CharField(label=_("Appealed to (body or court)"), max_length=300)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealOutcomeForm(DomainErrorForm):
    """The outcome of an appeal, decided outside the system."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=AppealOutcome.choices)
    outcome_on = _date_field(_("Outcome on"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
