"""The overdue counters of the dashboard's panel (notifications.due.DueSource.counters, issue 12
item 3) against the collectors they stand for: on each day, a counter gives per kind exactly the
tasks its collector yields that are due before the day and on the board."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bagalau.notifications.due import KINDS, DueSource, Run
from bagalau.org.models import Organisation
from bagalau.org.selectors import work_calendar


def walked(collect, organisation: Organisation, today: dt.date) -> dict[str, int]:
    """The collector's tasks due before `today`, on the board, by kind."""
    run = Run(organisation=organisation, calendar=work_calendar())
    tasks = collect(run)
    return dict(Counter(t.kind for t in tasks if t.due < today and KINDS[t.kind].on_board))


def counted(counter, organisation: Organisation, today: dt.date) -> dict[str, int]:
    """The counter's counts, the empty kinds left out."""
    run = Run(organisation=organisation, calendar=work_calendar())
    return {kind: n for kind, n in counter(run, today).items() if n}


def assert_parity(source: DueSource, organisation: Organisation, days: list[dt.date]) -> set[str]:
    """Every counter of `source` equals its walk on each of `days`; the kinds found overdue."""
    seen: set[str] = set()
    for collect, counter in source.counters.items():
        for day in days:
            expected = walked(collect, organisation, day)
            assert counted(counter, organisation, day) == expected, (collect.__name__, day)
            seen |= set(expected)
    return seen
