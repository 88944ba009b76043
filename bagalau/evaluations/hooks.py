"""What the apps above evaluations add to it, registered in their AppConfig.ready(): evaluations
imports none of them (docs/architecture.md, "Layers")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.evaluations.models import Evaluation

#: Context the result page adds for another app, e.g. calibration's "apply" link:
#: `(user, evaluation) -> {name: value}`.
SheetContext = Callable[[Any, "Evaluation"], dict[str, Any]]

_SHEET_CONTEXT: dict[str, SheetContext] = {}
_FINALISATION_FILTERS: dict[str, Callable[[], Q]] = {}
#: Who drafts the schedule of a model other than sjc-2023 (typical: the typical-2018 year):
#: `(actor=, organisation=, year=, edition=) -> Schedule`.
_SCHEDULE_DRAFTERS: dict[str, Callable[..., Any]] = {}


def register_sheet_context(key: str, context: SheetContext) -> None:
    """Add (or replace) what another app shows on the result page."""
    _SHEET_CONTEXT[key] = context


def sheet_context(user: User, evaluation: Evaluation) -> dict[str, Any]:
    """Every registered app's context for this reader and evaluation."""
    extra: dict[str, Any] = {}
    for context in _SHEET_CONTEXT.values():
        extra |= context(user, evaluation)
    return extra


def register_finalisation_filter(key: str, condition: Callable[[], Q]) -> None:
    """Add (or replace) a condition an evaluation must meet to become final when its
    familiarisation window has passed (calibration: no application)."""
    _FINALISATION_FILTERS[key] = condition


def finalisation_filter() -> Q:
    """All registered conditions together."""
    combined = Q()
    for condition in _FINALISATION_FILTERS.values():
        combined &= condition()
    return combined


def register_schedule_drafter(model: str, drafter: Callable[..., Any]) -> None:
    """Add (or replace) the service that drafts the schedule of an evaluation model."""
    _SCHEDULE_DRAFTERS[model] = drafter


def schedule_drafter(model: str) -> Callable[..., Any] | None:
    """The registered drafter of `model`, or None."""
    return _SCHEDULE_DRAFTERS.get(model)
