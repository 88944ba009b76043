"""`core.memo.StampedMemo(shared=...)`: what one process works out serves another through the
shared cache, under the same stamp only; a shared cache out of reach costs nothing but the
sharing."""

from __future__ import annotations

import logging

from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from bagalau.core.memo import StampedMemo


class Unreachable(LocMemCache):
    """A cache whose server does not answer."""

    def get(self, *args, **kwargs):
        raise ConnectionError("no route to the cache")

    def set(self, *args, **kwargs):
        raise ConnectionError("no route to the cache")

    def delete(self, *args, **kwargs):
        raise ConnectionError("no route to the cache")


def test_another_process_gets_the_value_under_the_same_stamp_only():
    here = StampedMemo(shared="tests.memo")
    there = StampedMemo(shared="tests.memo")  # the same memo in another process
    here.put(7, ("stamp", 1), {"answer": 42})
    assert there.get(7, ("stamp", 1)) == {"answer": 42}
    assert there.get(7, ("stamp", 2)) is None
    assert there.latest(8) is None
    assert StampedMemo(shared="tests.other").get(7, ("stamp", 1)) is None
    here.forget(7)
    assert StampedMemo(shared="tests.memo").get(7, ("stamp", 1)) is None


def test_a_memo_without_a_shared_name_keeps_to_its_process():
    StampedMemo().put(7, "stamp", "value")
    assert StampedMemo().get(7, "stamp") is None


def test_an_unreachable_shared_cache_leaves_each_process_its_own(caplog):
    name = "tests.memo"
    backend = f"{Unreachable.__module__}.{Unreachable.__qualname__}"
    with override_settings(
        CACHES={"default": {"BACKEND": backend}, "shared": {"BACKEND": backend}}
    ):
        memo = StampedMemo(shared=name)
        with caplog.at_level(logging.WARNING, logger="bagalau.core.memo"):
            assert memo.put(1, "stamp", "value") == "value"
            assert memo.get(1, "stamp") == "value"
            assert memo.get(1, "other") is None
            assert StampedMemo(shared=name).get(1, "stamp") is None
            memo.forget(1)
        assert memo.get(1, "stamp") is None
        assert "shared cache: tests.memo not kept" in caplog.text
        assert "shared cache: tests.memo not read" in caplog.text
