"""Moving the application's clock while the demo replays the year (never in a running server).

`clock_at(moment)` makes `bagalau.core.clock.now()/today()` answer `moment` for the duration of a
step, the way the tests' `clock` fixture does, and `django.utils.timezone.now()` too: the rows'
own timestamps (audit entries, notifications, created/updated) then tell the same story as the
dates the services compute. Whatever was there before (the real clock, or a test's fixed one) is
put back when the step ends, also when it raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.utils import timezone

from bagalau.core import clock


def moment_of(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    """`day` at hour:minute in Kazakhstan (TIME_ZONE), as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@contextmanager
def clock_at(moment: dt.datetime) -> Iterator[dt.datetime]:
    """Within the block, now is `moment` (naive: Kazakhstan time) and today is its date."""
    aware = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    day = timezone.localdate(aware)
    saved: tuple[Callable[[], dt.datetime], Callable[[], dt.date], Callable[[], dt.datetime]] = (
        clock.now,
        clock.today,
        timezone.now,
    )

    def fixed_now() -> dt.datetime:
        return aware

    def fixed_today() -> dt.date:
        return day

    clock.now = fixed_now
    clock.today = fixed_today
    timezone.now = fixed_now
    try:
        yield aware
    finally:
        clock.now, clock.today, timezone.now = saved
