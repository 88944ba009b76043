"""Menu entries and dashboard panels that each app registers in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from bagalau.core.context import Viewer


@dataclass(frozen=True)
class NavItem:
    """A link in the top menu, shown when `visible(viewer)` holds."""

    key: str
    label: Any
    url_name: str
    visible: Callable[[Viewer], bool]
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A dashboard section: `context(request, viewer)` returns its template context, or None to
    hide it."""

    key: str
    template: str
    context: Callable[[HttpRequest, Viewer], dict[str, Any] | None]
    order: int = 100


#: How many rows a dashboard panel lists; the rest is on the page its panel links to (issue 12
#: item 3: a dashboard does not grow with the organisation).
PANEL_ROWS = 10

NAV: dict[str, NavItem] = {}
PANELS: dict[str, Panel] = {}


def register_nav(item: NavItem) -> None:
    """Add (or replace) a menu entry."""
    NAV[item.key] = item


def register_panel(panel: Panel) -> None:
    """Add (or replace) a dashboard panel."""
    PANELS[panel.key] = panel


def nav_for(viewer: Viewer) -> list[NavItem]:
    """The menu entries this viewer sees, in order."""
    if not getattr(viewer.user, "is_authenticated", False):
        return []
    return sorted((i for i in NAV.values() if i.visible(viewer)), key=lambda i: i.order)
