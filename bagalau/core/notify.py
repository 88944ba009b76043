"""Telling someone something: the port through which the apps below the notifications app (org)
notify. The notifications app plugs its `notify` in with `register_notifier` in its
AppConfig.ready(); the apps above it call `bagalau.notifications.services.notify` directly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Notifier = Callable[..., Any]

_NOTIFIER: list[Notifier] = []


def register_notifier(notifier: Notifier) -> None:
    """Set (or replace) the function that sends notifications."""
    _NOTIFIER[:] = [notifier]


def notify(
    *,
    recipient: object,
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    dedupe_key: str = "",
) -> Any:
    """Tell `recipient` (an account or a servant: core, below org, cannot name the servant; the
    registered notifier, `bagalau.notifications.services.notify`, types and checks it) about
    `kind` through that notifier."""
    if not _NOTIFIER:
        raise RuntimeError("No notifier registered: is bagalau.notifications installed?")
    return _NOTIFIER[0](
        recipient=recipient, kind=kind, params=params, url=url, dedupe_key=dedupe_key
    )
