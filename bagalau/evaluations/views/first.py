"""The dashboard panel of a servant with no result yet: why nothing is there and when the first
evaluation comes (issue 13 item 11, seed 002 p.4-5)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bagalau.core import clock
from bagalau.core.context import Viewer
from bagalau.core.navigation import Panel, register_panel
from bagalau.evaluations.selectors.first import first_evaluation


def _first_panel(request: HttpRequest, current: Viewer) -> dict[str, Any] | None:
    if current.servant is None:
        return None
    first = first_evaluation(current.servant, clock.today())
    return None if first is None else {"first": first}


def register() -> None:
    """The panel (called from the sheets pages' register)."""
    register_panel(
        Panel(
            key="evaluations.first",
            template="evaluations/sheets/panels/first.html",
            context=_first_panel,
            order=19,
        )
    )
