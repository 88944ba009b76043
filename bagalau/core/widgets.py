"""The person picker (issue 13 item 8): one widget for every form that chooses persons.

The plain `<select>` or check boxes stay the form (they work without JavaScript); around them a
search box, shown by `core/static/core/person_picker.js`, hides the persons whose name does not
contain what is typed. Names are compared in their search form (`collation.fold`: "Ергалиев"
finds "Ерғалиев"): the server writes each option's folded label into `data-fold` and the
picker's folding table into `data-fold-from` / `data-fold-to`, so the script folds the typed text
with the same rule. Selected persons are listed first.

A list of more than `SHOWN_AT_MOST` persons is not written whole (issue 12 item 3: a page must
not grow with the organisation): the picker lists the chosen persons and the first
`SHOWN_AT_MOST` others — those whose name has every word typed in its search box, found in the
database — and its "Find" button sends the form back with `core.forms.FIND` naming the picker,
which `core.forms.DomainErrorForm` takes as a search, never as the action: the page comes back
with the form as it was filled and the picker's matches. That is the path without JavaScript;
the script sends the same request as one types and puts the matches in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from bagalau.core import forms
from bagalau.core.collation import LOOKALIKE_FROM, LOOKALIKE_TO, fold, with_name

#: More persons than this to choose from and a picker lists the chosen ones and the first this
#: many matches of what is typed in its search box.
SHOWN_AT_MOST = 50


class _PersonPicker:
    """What both pickers add to Django's choice widget (a mixin for `forms.ChoiceWidget`)."""

    template_name = "core/widgets/person_picker.html"
    base_template_name = ""
    #: What was typed in the picker's search box: set by `core.forms.DomainErrorForm` (from the
    #: data it is bound to), whose views take "Find" as a search; None in any other form, whose
    #: picker writes the whole list.
    query: str | None = None
    #: How many persons there are to choose from, when the list is too long to write whole.
    _total: int | None = None
    _shown = 0
    choices: Any  # Django's choice widget's

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["widget"]["base_template_name"] = self.base_template_name
        context["widget"]["total"] = self._total
        context["widget"]["shown"] = self._shown
        context["widget"]["query"] = (self.query or "").strip()
        context["widget"]["find_button"] = forms.FIND
        context["widget"]["more"] = self._shown >= SHOWN_AT_MOST
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
        """The empty choice first, then the selected persons, then the others (stable); of a
        long list only the chosen and the first matches of `query` (`_narrowed`)."""
        everyone = self.choices
        narrowed = (
            None
            if self.query is None
            else _narrowed(everyone, [str(each) for each in value], self.query)
        )
        self._total = None if narrowed is None else narrowed[1]
        if narrowed is not None:
            self.choices, self._shown = narrowed[0], narrowed[2]
        try:
            groups: list[Any] = super().optgroups(name, value, attrs)  # type: ignore[misc]
        finally:
            self.choices = everyone

        def rank(group: Any) -> int:
            options = group[1]
            if any(str(option["value"]) == "" for option in options):
                return 0
            return 1 if any(option["selected"] for option in options) else 2

        return sorted(groups, key=rank)


_Choices = list[tuple[Any, Any]]


def _narrowed(choices: Any, chosen: list[str], query: str) -> tuple[_Choices, int, int] | None:
    """Of a list longer than `SHOWN_AT_MOST`: the choices to write (the empty one, the
    `chosen`, then the first others whose name has every word of `query`), how many there are
    in all, and how many others are written; None for a shorter list."""
    if isinstance(choices, ModelChoiceIterator):
        names = {f.name for f in choices.queryset.model._meta.get_fields()}
        if {"last_name", "first_name", "patronymic"} <= names:
            return _narrowed_rows(choices, chosen, query, "")
        if "servant" in names:
            return _narrowed_rows(choices, chosen, query, "servant__")
        choices = list(choices)  # no name to search in the database: the labels
    total = sum(
        len(label) if isinstance(label, list | tuple) else int(str(value) != "")
        for value, label in choices
    )
    if total <= SHOWN_AT_MOST:
        return None
    words = fold(query).split()
    found = 0

    def kept(value: Any, label: Any) -> bool:
        nonlocal found
        if str(value) == "" or str(value) in chosen:
            return True
        if found < SHOWN_AT_MOST and all(word in fold(str(label)) for word in words):
            found += 1
            return True
        return False

    written: _Choices = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            inside = [(v, each) for v, each in label if kept(v, each)]
            if inside:
                written.append((value, inside))
        elif kept(value, label):
            written.append((value, label))
    return written, total, found


def _narrowed_rows(
    choices: ModelChoiceIterator, chosen: list[str], query: str, path: str
) -> tuple[_Choices, int, int] | None:
    """`_narrowed` of a model choice field's rows, in the database: a count, the chosen rows
    and the first matches (a name searched on the row, `path` "", or on its servant)."""
    rows, field = choices.queryset, choices.field
    total = rows.count()
    if total <= SHOWN_AT_MOST:
        return None
    key = field.to_field_name or "pk"
    picked = [v for v in chosen if v.isascii() and v.isdigit()] if key == "pk" else chosen
    others = rows.exclude(**{f"{key}__in": picked})
    if query.strip():
        others = with_name(others, path, query)
    found = list(others[:SHOWN_AT_MOST])
    listed = [*rows.filter(**{f"{key}__in": picked}), *found]
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    return [*empty, *(choices.choice(row) for row in listed)], total, len(found)


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
