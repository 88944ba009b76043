"""Forms of the 360 pages: they parse input; the services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.core.forms import DomainErrorForm, VersionField
from bagalau.core.widgets import PersonCheckboxes
from bagalau.methodology.sjc2023 import SurveyForm


class CampaignCreateForm(DomainErrorForm):
    """HR drafts the year's survey."""

    year = forms.IntegerField(label=_("Reporting year"), min_value=2000, max_value=2099)
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the schedule's planned date or the legal deadline."),
    )


class DeadlineForm(DomainErrorForm):
    """HR moves the deadline."""

    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))


class RespondentsForm(DomainErrorForm):
    """HR's respondent list for one evaluatee (3-7, p.35)."""

    respondents = forms.TypedMultipleChoiceField(
        label=_("Respondents"), coerce=int, required=False, widget=PersonCheckboxes
    )
    no_manager_reason = forms.CharField(
        label=_("Why the direct manager is not a respondent"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the direct manager is not on the list (p.35), e.g. a vacancy."),
    )
    version = VersionField(required=False)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["respondents"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices


class FeedbackForm(DomainErrorForm):
    """HR records that the feedback was given (p.36)."""

    given_on = forms.DateField(
        label=_("Feedback given on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = VersionField(required=False)


class PaperReturnsForm(DomainErrorForm):
    """Who returned a paper questionnaire about an evaluatee (sealed envelopes)."""

    respondents = forms.TypedMultipleChoiceField(
        label=_("Returned a paper questionnaire"),
        coerce=int,
        widget=PersonCheckboxes,
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["respondents"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices


class PaperScanForm(DomainErrorForm):
    """The optional scan of a batch of paper questionnaires."""

    scan = forms.FileField(label=_("Scan of the questionnaires (PDF, JPEG or PNG)"), required=False)


def paper_field_name(number: int, code: str, index: int) -> str:
    """The input name of one answer of the `number`-th paper questionnaire of a batch."""
    return f"p{number}_{code}_{index}"


def paper_answers_from_post(
    form: SurveyForm, data: Mapping[str, Any], count: int
) -> list[dict[str, list[Any]]]:
    """The answers of each paper questionnaire of a posted batch."""
    return [
        {
            competency.code: [
                (data.get(paper_field_name(number, competency.code, index)) or None)
                for index in range(len(competency.statements))
            ]
            for competency in form.competencies
        }
        for number in range(count)
    ]


def field_name(code: str, index: int) -> str:
    """The input name of one statement's answer."""
    return f"a_{code}_{index}"


def answers_from_post(form: SurveyForm, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The answers of a posted questionnaire, ``{competency: [value or None, ...]}``."""
    return {
        competency.code: [
            (data.get(field_name(competency.code, index)) or None)
            for index in range(len(competency.statements))
        ]
        for competency in form.competencies
    }


def unanswered(answers: Mapping[str, list[Any]]) -> frozenset[tuple[str, int]]:
    """The statements left without an answer, as (competency, index)."""
    return frozenset(
        (code, index)
        for code, given in answers.items()
        for index, value in enumerate(given)
        if value is None
    )


def error_anchor(field: str) -> str:
    """The competency an error names (``answers.ethics[1]`` -> ``ethics``)."""
    if not field.startswith("answers."):
        return ""
    return field.removeprefix("answers.").split("[")[0]
