"""Optimistic locking: rows edited by forms carry an integer `version`; a change made on the
version the user read bumps it, and a change made on an older one is refused with a
`ConflictError`, so no update is ever lost (docs/architecture.md, "Services")."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model, QuerySet

from bagalau.core.errors import ConflictError


def check_version(
    row: Model, expected: int | None, message: str, *, field: str = "version", **params: Any
) -> None:
    """Refuse a change made on another version than the (locked) row's; None means the caller
    sent none and is not checked. `message` is an `N_()` template with named `params`."""
    if expected is not None and row.version != expected:  # type: ignore[attr-defined]
        raise ConflictError(field, message, **params)


def update_versioned(
    rows: QuerySet[Any],
    pk: Any,
    expected: int | None,
    message: str,
    *,
    field: str = "version",
    values: dict[str, Any] | None = None,
    **params: Any,
) -> None:
    """Write `values` to the row `pk` and bump its version, only while its version is still
    `expected` (None: whatever it is); ConflictError(field, message) when it moved on."""
    target = rows.filter(pk=pk)
    if expected is not None:
        target = target.filter(version=expected)
    if not target.update(**(values or {}), version=F("version") + 1):
        raise ConflictError(field, message, **params)
