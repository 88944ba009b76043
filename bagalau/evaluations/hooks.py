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
#: The page of an evaluation of a model other than sjc-2023, by `Evaluation.method`:
#: `(user, evaluation) -> url`, Http404 when the user may not read it or it has no page yet.
_EVALUATION_PAGES: dict[str, Callable[[Any, Evaluation], str]] = {}


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


def register_evaluation_page(method: str, page: Callable[[Any, Evaluation], str]) -> None:
    """Add (or replace) where an evaluation of `method` is shown: the links of the shared pages
    (results, tasks, the service record, notifications) lead to the sjc-2023 sheet page, which
    sends an evaluation of another model to its own page. `page` checks with its app's access
    rule that the user may read it (Http404 otherwise, as for a missing one)."""
    _EVALUATION_PAGES[method] = page


def evaluation_page(user: User, evaluation: Evaluation) -> str:
    """The registered page of `evaluation`'s model for `user` (Http404 when not theirs)."""
    return _EVALUATION_PAGES[evaluation.method](user, evaluation)


def has_own_page(method: str) -> bool:
    """Whether evaluations of `method` are shown by another app."""
    return method in _EVALUATION_PAGES
