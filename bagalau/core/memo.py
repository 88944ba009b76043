"""Answers a process remembers while what they were read from is unchanged (issue 12 item 3):
a whole-organisation answer that takes a second to work out is kept with a stamp of its
inputs — a few SQL aggregates that any write changes — and given again while a fresh stamp is
equal. Each process keeps its own, a few keys at most, the least recently used given up first;
a memo with a `shared` name also keeps what it works out in the cache the processes share
(config/settings/cache.py), so that an answer worked out by one application process, or by the
job worker after a change, serves the others and outlives a restart. The shared cache is an
aid: when it cannot be reached, each process works its answers out itself. A stamp is only as
good as the writes it sees: a memo serves pages, never a decision (a service works from the rows
themselves)."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar, cast

from django.core.cache import caches
from django.db.models import Count, Max, QuerySet, Sum

logger = logging.getLogger(__name__)

V = TypeVar("V")

_ALL: list[StampedMemo[object]] = []


class StampedMemo(Generic[V]):
    """Up to `size` values by key, each kept with the stamp it was worked out under; with
    `shared` (a name unique among memos) in the shared cache too, stamp and value pickled."""

    def __init__(self, size: int = 4, *, shared: str | None = None) -> None:
        self.size = size
        self.shared = shared
        self._kept: OrderedDict[Hashable, tuple[Hashable, V]] = OrderedDict()
        _ALL.append(self)  # type: ignore[arg-type]

    def get(self, key: Hashable, stamp: Hashable) -> V | None:
        """The value kept for `key` if it was worked out under `stamp`."""
        kept = self._kept.get(key)
        if kept is None or kept[0] != stamp:
            kept = self._from_shared(key)
            if kept is None or kept[0] != stamp:
                return None
            self._keep(key, kept)
        self._kept.move_to_end(key)
        return kept[1]

    def latest(self, key: Hashable) -> tuple[Hashable, V] | None:
        """The stamp and value kept for `key`, whatever the stamp (to bring it up to date)."""
        return self._kept.get(key) or self._from_shared(key)

    def put(self, key: Hashable, stamp: Hashable, value: V, *, share: bool = True) -> V:
        """Keep `value` for `key` under `stamp`, in the shared cache too unless `share` is
        False (a small step from an answer already shared: each process can take it)."""
        self._keep(key, (stamp, value))
        if self.shared is not None and share:
            try:
                caches["shared"].set(self._shared_key(key), (stamp, value))
            except Exception:  # noqa: BLE001 - an aid: the answer stands without it
                logger.warning("shared cache: %s not kept", self.shared, exc_info=True)
        return value

    def _keep(self, key: Hashable, kept: tuple[Hashable, V]) -> None:
        self._kept[key] = kept
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def _shared_key(self, key: Hashable) -> str:
        return f"memo:{self.shared}:{key!r}"

    def _from_shared(self, key: Hashable) -> tuple[Hashable, V] | None:
        if self.shared is None:
            return None
        try:
            found = caches["shared"].get(self._shared_key(key))
        except Exception:  # noqa: BLE001 - an aid: the caller works the answer out
            logger.warning("shared cache: %s not read", self.shared, exc_info=True)
            return None
        return cast(tuple[Hashable, V] | None, found)

    def get_or_work(self, key: Hashable, stamp: Hashable, work: Callable[[], V]) -> V:
        """The value kept for `key` under `stamp`, or `work()` kept under it."""
        found = self.get(key, stamp)
        return found if found is not None else self.put(key, stamp, work())

    def forget(self, key: Hashable) -> None:
        self._kept.pop(key, None)
        if self.shared is not None:
            try:
                caches["shared"].delete(self._shared_key(key))
            except Exception:  # noqa: BLE001 - an aid: a stale entry is refused by its stamp
                logger.warning("shared cache: %s not forgotten", self.shared, exc_info=True)

    def clear(self) -> None:
        self._kept.clear()


def forget_in_this_process() -> None:
    """Empty every memo of the process (the shared cache keeps what it has): the process is
    as another one, or as after a restart."""
    for memo in _ALL:
        memo.clear()


def forget_everything() -> None:
    """Empty every memo of the process and the shared cache (tests: a rolled-back database
    gives ids again)."""
    forget_in_this_process()
    caches["shared"].clear()


def rows_stamp(rows: QuerySet[Any], *, changed_at: bool = False) -> tuple[object, ...]:
    """How many rows, the sum of their ids and of their versions (and with `changed_at` the
    latest `updated_at`): a row added or removed changes the count or the sum of ids (ids only
    grow), a row changed by a service its version (services bump it on every change)."""
    latest = {"at": Max("updated_at")} if changed_at else {}
    found = rows.order_by().aggregate(
        n=Count("pk"), ids=Sum("pk"), versions=Sum("version"), **latest
    )
    return tuple(found.values())
