"""Fixtures of the moj-2017 tests: the world of tests/world.py evaluating under moj-2017 from
24 July 2017, every assignment started on 1 January 2016, on Wednesday 20 December 2017.

b_staff1 is managed by b_head, a_staff1 by a_head; hr_staff (hr) and hr_head (hr_head) are the
HR service; head is the head of the apparatus; admin administers the organisation."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tests.moj.year import under_moj

TODAY = dt.date(2017, 12, 20)


@pytest.fixture
def mw(world, clock) -> SimpleNamespace:
    """The world under moj-2017, on 20 December 2017."""
    clock(TODAY)
    return under_moj(world)
