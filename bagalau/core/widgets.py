"""The person picker (issue 13 item 8): one widget for every form that chooses persons.

The plain `<select>` or check boxes stay the form (they work without JavaScript); around them a
search box, shown by `core/static/core/person_picker.js`, hides the persons whose name does not
contain what is typed. Names are compared in their search form (`collation.fold`: "Ергалиев"
finds "Ерғалиев"): the server writes each option's folded label into `data-fold` and the
picker's folding table into `data-fold-from` / `data-fold-to`, so the script folds the typed text
with the same rule. Selected persons are listed first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

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
        context["widget"]["options_html"] = self.options_html(context["widget"]["optgroups"])
        return context

    def options_html(self, optgroups: list[Any]) -> SafeString:
        """The options as Django's own option templates write them, built without a template
        per option: an organisation's pickers list every servant, and a template per option
        cost 0.18 ms each (one servant's result page with two witness pickers: 1.1 of 1.3 s
        at 3,000 servants, issue 12)."""
        raise NotImplementedError  # each picker writes its own

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


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PersonSelect(_PersonPicker, forms.Select):
    """One person: a `<select>` with a search box."""

    base_template_name = "core/widgets/person_select.html"

    def options_html(self, optgroups: list[Any]) -> SafeString:
        """django/forms/widgets/select.html's options and select_option.html."""
        return _written(optgroups, '\n  <optgroup label="{}">', "\n  </optgroup>", _option)


class PersonCheckboxes(_PersonPicker, forms.CheckboxSelectMultiple):
    """Several persons: check boxes with a search box, in a list that scrolls on its own."""

    base_template_name = "core/widgets/person_checkboxes.html"

    def options_html(self, optgroups: list[Any]) -> SafeString:
        """django/forms/widgets/multiple_input.html's options and input_option.html."""
        return _written(
            optgroups,
            "\n  <div><label>{}</label>",
            "\n  </div>",
            lambda option: f"<div>\n    {_checkbox(option)}\n</div>",
        )


def _written(
    optgroups: list[Any], group_open: str, group_close: str, option: Callable[[Any], str]
) -> SafeString:
    """The options of `optgroups` one after the other, each group's between its tags."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(group_open.format(conditional_escape(group_name)))
        parts.extend(option(each) for each in options)
        if group_name:
            parts.append(group_close)
    return mark_safe("".join(parts))  # noqa: S308 - every value written is escaped


def _option(option: dict[str, Any]) -> str:
    """django/forms/widgets/select_option.html for one option."""
    return (
        f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


def _checkbox(option: dict[str, Any]) -> str:
    """django/forms/widgets/input_option.html and input.html for one option (their line ends
    kept: the tests compare the whole markup with Django's)."""
    value = "" if option["value"] is None else f' value="{escape(option["value"])}"'
    field = (
        f'<input type="{conditional_escape(option["type"])}" '
        f'name="{conditional_escape(option["name"])}"{value}{_attrs(option["attrs"])}>'
    )
    if not option["wrap_label"]:
        return f"{field}\n\n"
    target = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(target)}"' if target else ""
    return f"<label{label_for}>{field}\n {conditional_escape(option['label'])}</label>\n"
