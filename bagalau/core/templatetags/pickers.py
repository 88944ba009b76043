"""`{% person_filter %}`: the search box of a person picker whose list a page renders itself
(the 360 respondents, grouped by unit); forms use `core.widgets` instead (issue 13 item 8).
`{% unit_options %}`: the options of a unit filter, the whole unit tree written at once (a
template loop over 11,000 units took seconds, issue 12 item 3)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bagalau.core.collation import LOOKALIKE_FROM, LOOKALIKE_TO
from bagalau.core.models import TrilingualName

register = template.Library()


@register.inclusion_tag("core/widgets/person_filter.html")
def person_filter(controls: str = "") -> dict[str, Any]:
    """The search box and its count; `controls` is the id of the list it narrows."""
    return {"fold_from": LOOKALIKE_FROM, "fold_to": LOOKALIKE_TO, "controls": controls}


@register.simple_tag
def unit_options(units: Iterable[tuple[TrilingualName, int]], selected: int | None) -> SafeString:
    """An `<option>` per unit of a `unit_tree` (its name indented by a dot per level), the one
    whose id is `selected` marked selected."""
    return mark_safe(  # noqa: S308 - the names are escaped, the ids are integers
        "".join(
            f'<option value="{int(unit.pk)}"{" selected" if unit.pk == selected else ""}>'
            f"{'· ' * depth}{escape(unit.name)}</option>"
            for unit, depth in units
        )
    )
