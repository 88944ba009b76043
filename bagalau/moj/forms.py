"""Forms of the moj-2017 pages; each hands its data to a service (core.forms.form_submit)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds, forms
from bagalau.moj.models import BreachSource


class CatalogueForm(forms.DomainErrorForm):
    """The administrator chooses the organisation's App. 2 catalogue (M-20)."""

    version = forms.VersionField(required=False)
    catalogue = forms.ChoiceField(label=_("App. 2 catalogue"), choices=[])

    def __init__(self, *args: object, options: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["catalogue"].choices = options  # type: ignore[attr-defined]


class BreachForm(forms.DomainErrorForm):
    """A breach of discipline: kind, source, date and evidence (p.20-22)."""

    kind = forms.ChoiceField(label=_("kind of breach"), choices=[])
    source = forms.ChoiceField(label=_("source"), choices=[])
    day = forms.DateField(label=_("date of the breach"), required=False)
    evidence = forms.CharField(
        label=_("evidence"), widget=forms.Textarea, max_length=bounds.LONG_TEXT
    )

    def __init__(
        self,
        *args: object,
        kinds: list[tuple[str, str]],
        sources: frozenset[str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["source"].choices = [  # type: ignore[attr-defined]
            (code, label) for code, label in BreachSource.choices if code in sources
        ]
