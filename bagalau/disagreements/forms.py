"""Forms of the disagreement pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core import forms
from bagalau.core.forms import DomainErrorForm


class EvaluationField(forms.ModelChoiceField[Any]):
    """One of the servant's own evaluations, shown by its period (never a score)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.period)


class RaiseForm(DomainErrorForm):
    """A servant's disagreement about the evaluation procedure (p.16)."""

    evaluation = EvaluationField(
        label=_("Evaluation concerned"),
        queryset=None,
        required=False,
        empty_label=_("The procedure in general"),
    )
    text = forms.CharField(
        label=_("What do you disagree with in the evaluation procedure?"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, evaluations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["evaluation"]
        assert isinstance(field, EvaluationField)
        field.queryset = evaluations


class AnswerForm(DomainErrorForm):
    """The HR service's consideration and answer (p.16)."""

    consideration = forms.CharField(
        label=_("How it was considered, and with whom"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    answer = forms.CharField(
        label=_("Answer to the servant"), widget=forms.Textarea(attrs={"rows": 4})
    )
