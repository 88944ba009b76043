"""The person picker (issue 13 item 8): one widget for every form that chooses persons.

The plain `<select>` or check boxes stay the form (they work without JavaScript); around them a
search box, shown by `core/static/core/person_picker.js`, hides the persons whose name does not
contain what is typed. Names are compared in their search form (`collation.fold`: "Ергалиев"
finds "Ерғалиев"): the server writes each option's folded label into `data-fold` and the
picker's folding table into `data-fold-from` / `data-fold-to`, so the script folds the typed text
with the same rule. Selected persons are listed first.
"""

from __future__ import annotations

from typing import Any

from bagalau.core import forms
from bagalau.core.collation import LOOKALIKE_FROM, LOOKALIKE_TO, fold


class _PersonPicker:
    """What both pickers add to Django's choice widget (a mixin for `forms.ChoiceWidget`)."""

    template_name = "core/widgets/person_picker.html"
    base_template_name = ""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["widget"]["base_template_name"] = self.base_template_name
        context["widget"]["fold_from"] = LOOKALIKE_FROM
        context["widget"]["fold_to"] = LOOKALIKE_TO
        return context

    def create_option(self, name: str, value: Any, label: Any, *args: Any, **kwargs: Any) -> Any:
        option = super().create_option(name, value, label, *args, **kwargs)  # type: ignore[misc]
        option["attrs"] = {**option["attrs"], "data-fold": fold(str(label))}
        return option

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> list[Any]:
        """The empty choice first, then the selected persons, then the others (stable)."""
        groups: list[Any] = super().optgroups(name, value, attrs)  # type: ignore[misc]

        def rank(group: Any) -> int:
            options = group[1]
            if any(str(option["value"]) == "" for option in options):
                return 0
            return 1 if any(option["selected"] for option in options) else 2

        return sorted(groups, key=rank)


class PersonSelect(_PersonPicker, forms.Select):
    """One person: a `<select>` with a search box."""

    base_template_name = "django/forms/widgets/select.html"


class PersonCheckboxes(_PersonPicker, forms.CheckboxSelectMultiple):
    """Several persons: check boxes with a search box, in a list that scrolls on its own."""

    base_template_name = "django/forms/widgets/checkbox_select.html"
