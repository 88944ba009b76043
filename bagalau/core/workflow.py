"""A workflow declared once: the transition table of an aggregate with a life cycle.

Each aggregate (work plan, evaluation, schedule, period, calibration application and session, 360
campaign and target) declares, beside its model, one `Workflow`: action -> `Step` (the statuses
the action starts from, the status it leads to, the part of the case that takes it). Its access
module answers `<aggregate>_actions(*, user, obj) -> frozenset[str]` from the table and the user's
parts in the case; services refuse through `Workflow.require`; views, the API and templates only
read the set. Status groups (the statuses in which a thing counts as open, final, …) are named
once, on the workflow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import DomainError


@dataclass(frozen=True)
class Step:
    """One action: the statuses it starts from, the status it leads to (None: the status stays,
    as for editing the content of a draft), and the part of the case that takes it."""

    sources: tuple[str, ...]
    target: str | None
    part: str


@dataclass(frozen=True)
class Workflow:
    """The transition table of one aggregate, and its named status groups."""

    name: str
    steps: Mapping[str, Step]
    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @property
    def statuses(self) -> frozenset[str]:
        """Every status the table names, as a source or a target."""
        named = {step.target for step in self.steps.values() if step.target is not None}
        for step in self.steps.values():
            named.update(step.sources)
        return frozenset(named)

    def group(self, name: str) -> frozenset[str]:
        """A named status group (KeyError for a name the workflow does not declare)."""
        return self.groups[name]

    def is_open(self, action: str, status: str) -> bool:
        """Whether `action` starts from `status`."""
        return status in self.steps[action].sources

    def target(self, action: str, status: str) -> str:
        """The status `action` leads to from `status` (the same status when it keeps it)."""
        step = self.steps[action]
        return status if step.target is None else step.target

    def actions(self, *, status: str, parts: Iterable[str]) -> frozenset[str]:
        """The actions open in `status` to someone holding `parts` of the case."""
        held = set(parts)
        return frozenset(
            action
            for action, step in self.steps.items()
            if step.part in held and status in step.sources
        )

    def require(self, action: str, status: str, *, label: str, field_name: str = "status") -> None:
        """Refuse an action the table does not open in `status` (a `DomainError` naming the
        status in the reader's language; `label` is the status's display name)."""
        if not self.is_open(action, status):
            raise DomainError(field_name, N_("Not possible while it is %(status)s."), status=label)
