"""What every org write shares: optimistic locking (the edited rows — units, positions, servants,
assignments, absences — carry an integer `version`: a change made on another version than the
locked row's is refused with `ConflictError`, `_save` bumps it), the row locked for a write,
names, dates in messages, HR's lookup of a servant, the audit rows of a created, updated or removed
row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, diff
from bagalau.core import clock, concurrency
from bagalau.core.errors import DomainError
from bagalau.core.visible import visible_one
from bagalau.org import access, signals
from bagalau.org.models import Organisation, Servant

if TYPE_CHECKING:
    from bagalau.core.types import User


_M = TypeVar("_M", bound=models.Model)

CHANGED = N_("Someone else changed this record meanwhile: reload the page and try again.")


def check_version(row: models.Model, version: int | None) -> None:
    """ConflictError unless the (locked) row is still at `version` (None: not checked)."""
    concurrency.check_version(row, version, CHANGED)


def structure_changed(organisation_id: int) -> None:
    """Tell the apps above that the organisation's structure changed (`org.signals`): every
    write of a unit, a post, an assignment, an edition or a role calls it, inside its
    transaction."""
    signals.structure_changed.send(sender=Organisation, organisation_id=organisation_id)


def _save(row: models.Model, changes: dict[str, tuple[Any, Any]]) -> None:
    """Write `changes` to the (locked) row and bump its version."""
    values = {field: new for field, (_old, new) in changes.items()}
    now = clock.now()
    concurrency.update_versioned(
        type(row)._default_manager.all(),
        row.pk,
        row.version,  # type: ignore[attr-defined]
        CHANGED,
        values={**values, "updated_at": now},
    )
    for field, new in values.items():
        setattr(row, field, new)
    row.updated_at = now  # type: ignore[attr-defined]
    row.version += 1  # type: ignore[attr-defined]


def _update(actor: User, row: models.Model, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Write to the (locked) row those of `values` that differ, bump its version and audit them as
    an "update"; the changes (empty: nothing written, nothing audited)."""
    changes = diff(row, values)
    if changes:
        _save(row, changes)
        _log(actor, row, "update", changes)
    return changes


def _created(values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The `values` a row was created with, as audited changes."""
    return {field: (None, value) for field, value in values.items()}


def _removed(values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The `values` a removed row held, as audited changes."""
    return {field: (value, None) for field, value in values.items()}


def _log(
    actor: User,
    row: models.Model,
    action: str,
    changes: dict[str, tuple[Any, Any]],
    *,
    summary: str | None = None,
) -> None:
    """The audit row of `action` on the row, summarised by its name unless `summary` is given."""
    audit_log(
        actor=actor,
        action=action,
        obj=row,
        summary=summary,
        changes=changes,
    )


def _names(name_kk: str, name_ru: str, name_en: str) -> dict[str, str]:
    names = {"name_kk": name_kk.strip(), "name_ru": name_ru.strip(), "name_en": name_en.strip()}
    if not names["name_kk"]:
        raise DomainError("name_kk", N_("Enter the name in Kazakh."))
    return names


def _locked(model: type[_M], pk: int, missing: str) -> _M:
    """The row `pk` of `model`, locked until the write's transaction ends; Http404 saying
    `missing` when there is none."""
    return visible_one(model._default_manager.select_for_update(), pk, missing)


def _servant_for_hr(actor: User, servant_id: int) -> Servant:
    servant = _locked(Servant, servant_id, "No such servant.")
    access.require_hr(actor, servant.organisation)
    return servant
