"""Forms of the register of decisions: they parse input; the rules are in services.py."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.consequences.models import ORDER_NUMBER
from bagalau.consequences.selectors import basis_text, citable_results, kind_choices
from bagalau.core import bounds, forms
from bagalau.org.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class DecisionForm(forms.DomainErrorForm):
    """A decision of p.8: the result it rests on, the decision, who took it, the order."""

    evaluation = forms.TypedChoiceField(label=_("result it rests on"), coerce=int)
    kind = forms.ChoiceField(label=_("decision"))
    decided_by = forms.CharField(
        label=_("decided by"),
        max_length=bounds.TITLE,
        help_text=_("The official who signed the order: position, surname and initials."),
    )
    order_number = forms.CharField(
        label=_("order No."),
        max_length=ORDER_NUMBER,
        required=False,
        help_text=_("Required unless the decision is to take no action (moj-2017 p.45)."),
    )
    order_date = forms.DateField(label=_("order date"), widget=DATE)
    reason = forms.CharField(
        label=_("reason"),
        max_length=bounds.LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required for a dismissal (no lower post is vacant) and for no action (moj-2017 p.45)."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        results = self.fields["evaluation"]
        kinds = self.fields["kind"]
        assert isinstance(results, forms.ChoiceField)
        assert isinstance(kinds, forms.ChoiceField)
        results.choices = [("", "—")] + [
            (e.pk, f"{e.servant.full_name} — {basis_text(e)}")
            for e in citable_results(organisation)
        ]
        kinds.choices = [("", "—"), *kind_choices(organisation)]


class ReferForm(forms.DomainErrorForm):
    """The HR service's training referral (seed 001 p.43): the direction(s) and the day."""

    directions = forms.CharField(
        label=_("direction of training"),
        max_length=bounds.LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The area of activity found unsatisfactory (p.43)."),
    )
    referred_on = forms.DateField(label=_("referred on"), widget=DATE)


class CompleteForm(forms.DomainErrorForm):
    """The training the referred servant attended, and its day."""

    training = forms.CharField(
        label=_("training attended"),
        max_length=bounds.LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    done_on = forms.DateField(label=_("training done on"), widget=DATE)
