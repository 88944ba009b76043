"""`{% person_filter %}`: the search box of a person picker whose list a page renders itself
(the 360 respondents, grouped by unit); forms use `core.widgets` instead (issue 13 item 8)."""

from __future__ import annotations

from typing import Any

from django import template

from bagalau.core.collation import LOOKALIKE_FROM, LOOKALIKE_TO

register = template.Library()


@register.inclusion_tag("core/widgets/person_filter.html")
def person_filter(controls: str = "") -> dict[str, Any]:
    """The search box and its count; `controls` is the id of the list it narrows."""
    return {"fold_from": LOOKALIKE_FROM, "fold_to": LOOKALIKE_TO, "controls": controls}
