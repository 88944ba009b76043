"""Writing the audit log: one row per read or change of a result, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from bagalau.audit.models import AuditEntry
from bagalau.core import bounds
from bagalau.core.bulk import insert_values

if TYPE_CHECKING:
    from bagalau.core.types import User


def _plain(value: Any) -> Any:
    """JSON-safe old/new values: decimals and dates as strings, model rows as their id, and text
    cut to ``bounds.LONG_TEXT`` characters, so the log never copies more than a field may hold."""
    if isinstance(value, str) and len(value) > bounds.LONG_TEXT:
        return value[: bounds.LONG_TEXT - 1] + "…"
    if isinstance(value, Decimal | dt.date | dt.datetime):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# How each audited model reaches its organisation: an attribute path per model label, which each
# app declares beside its models in its AppConfig.ready() (`register_organisation_path`). The
# audit app knows no other app.
_ORGANISATION_PATHS: dict[str, tuple[str, ...]] = {}


def register_organisation_paths(app_label: str, paths: Mapping[str, tuple[str, ...]]) -> None:
    """Declare where entries about the app's models ({model name: paths}) find their
    organisation: "self" for an organisation itself, else attribute paths such as
    "plan.organisation", tried in order (the first that leads somewhere wins)."""
    for model, model_paths in paths.items():
        _ORGANISATION_PATHS[f"{app_label}.{model}".lower()] = model_paths


def _organisation_of(obj: models.Model) -> Any:
    for path in _ORGANISATION_PATHS.get(obj._meta.label_lower, ()):
        if path == "self":
            return obj
        value: Any = obj
        try:
            for name in path.split("."):
                value = getattr(value, name)
        except (AttributeError, models.ObjectDoesNotExist):
            continue
        if value is not None:
            return value
    return None


#: One entry of `audit_log_many`: the object, the summary and ``{field: (old, new)}``.
Item = tuple[models.Model, str, dict[str, tuple[Any, Any]] | None]


def _entry(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    summary: str,
    changes: dict[str, tuple[Any, Any]] | None,
    organisation: Any,
) -> AuditEntry:
    """The unsaved row of one audited action (the organisation by the model's registered path
    unless given)."""
    return AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation if organisation is not None else _organisation_of(obj),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[: bounds.TITLE],
        changes=_stored(changes),
    )


def _stored(changes: dict[str, tuple[Any, Any]] | None) -> dict[str, list[Any]]:
    """``{field: (old, new)}`` as the log stores it: ``{field: [old, new]}``, JSON-safe."""
    return {field: [_plain(old), _plain(new)] for field, (old, new) in (changes or {}).items()}


def audit_log(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    summary: str | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    organisation: Any = None,
) -> AuditEntry:
    """Record that `actor` did `action` ("view", "create", "update", "sign"…) to `obj`,
    summarised by `summary` (by default the object's name, `str(obj)`), with
    ``changes = {field: (old, new)}``, in `organisation` (by default the one the model's
    registered path leads to)."""
    entry = _entry(
        actor=actor,
        action=action,
        obj=obj,
        summary=str(obj) if summary is None else summary,
        changes=changes,
        organisation=organisation,
    )
    entry.save(force_insert=True)
    return entry


#: The fields `audit_log_many` writes; `at` takes the time of the batch.
MANY_FIELDS = (
    "actor_id",
    "organisation_id",
    "action",
    "object_type",
    "object_id",
    "summary",
    "changes",
)


def audit_log_many(
    *, actor: User | None, action: str, organisation: Any, items: Iterable[Item]
) -> int:
    """Record the same `action` by `actor` on many objects of `organisation` (a
    whole-organisation operation, issue 12 item 2): the rows `audit_log` would write, one per
    ``(obj, summary, changes)`` item, inserted in batches as values (`core.bulk.insert_values`:
    COPY on PostgreSQL), never a look-up per row. Returns how many were written."""
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    written = 0

    def rows() -> Iterator[tuple[Any, ...]]:
        nonlocal written
        for obj, summary, changes in items:
            found = organisation if organisation is not None else _organisation_of(obj)
            written += 1
            yield (
                actor_id,
                found.pk if found is not None else None,
                action,
                obj._meta.label_lower,
                str(obj.pk),
                summary[: bounds.TITLE],
                _stored(changes),
            )

    insert_values(AuditEntry, MANY_FIELDS, rows())
    return written


def diff(instance: models.Model, updates: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields of `updates` whose value differs from `instance`, as (old, new)."""
    return {
        field: (getattr(instance, field), value)
        for field, value in updates.items()
        if getattr(instance, field) != value
    }


def audited_update(
    *, actor: User | None, obj: models.Model, **values: Any
) -> dict[str, tuple[Any, Any]]:
    """Write `values` to `obj` (row and instance) and log what changed as one "update" entry,
    inside the caller's transaction. Returns the changes."""
    changes = diff(obj, values)
    if changes:
        type(obj)._default_manager.filter(pk=obj.pk).update(**values)
        for field, value in values.items():
            setattr(obj, field, value)
    audit_log(actor=actor, action="update", obj=obj, changes=changes)
    return changes
