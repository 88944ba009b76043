"""Answers a process remembers while what they were read from is unchanged (issue 12 item 3):
a whole-organisation answer that takes a second to work out is kept with a stamp of its
inputs — a few SQL aggregates that any write changes — and given again while a fresh stamp is
equal. Each process keeps its own (nothing is shared between application servers, nothing
outlives a restart); a memo holds a few keys at most, the least recently used given up first.
A stamp is only as good as the writes it sees: a memo serves pages, never a decision (a
service works from the rows themselves)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.db.models import Count, Max, QuerySet, Sum

V = TypeVar("V")

_ALL: list[StampedMemo[object]] = []


class StampedMemo(Generic[V]):
    """Up to `size` values by key, each kept with the stamp it was worked out under."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[Hashable, V]] = OrderedDict()
        _ALL.append(self)  # type: ignore[arg-type]

    def get(self, key: Hashable, stamp: Hashable) -> V | None:
        """The value kept for `key` if it was worked out under `stamp`."""
        kept = self._kept.get(key)
        if kept is None or kept[0] != stamp:
            return None
        self._kept.move_to_end(key)
        return kept[1]

    def latest(self, key: Hashable) -> tuple[Hashable, V] | None:
        """The stamp and value kept for `key`, whatever the stamp (to bring it up to date)."""
        return self._kept.get(key)

    def put(self, key: Hashable, stamp: Hashable, value: V) -> V:
        self._kept[key] = (stamp, value)
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return value

    def get_or_work(self, key: Hashable, stamp: Hashable, work: Callable[[], V]) -> V:
        """The value kept for `key` under `stamp`, or `work()` kept under it."""
        found = self.get(key, stamp)
        return found if found is not None else self.put(key, stamp, work())

    def forget(self, key: Hashable) -> None:
        self._kept.pop(key, None)

    def clear(self) -> None:
        self._kept.clear()


def forget_everything() -> None:
    """Empty every memo of the process (tests: a rolled-back database gives ids again)."""
    for memo in _ALL:
        memo.clear()


def rows_stamp(rows: QuerySet[Any], *, changed_at: bool = False) -> tuple[object, ...]:
    """How many rows, the sum of their ids and of their versions (and with `changed_at` the
    latest `updated_at`): a row added or removed changes the count or the sum of ids (ids only
    grow), a row changed by a service its version (services bump it on every change)."""
    latest = {"at": Max("updated_at")} if changed_at else {}
    found = rows.order_by().aggregate(
        n=Count("pk"), ids=Sum("pk"), versions=Sum("version"), **latest
    )
    return tuple(found.values())
