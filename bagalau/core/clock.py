"""The current date and time, in one place so tests can move the clock."""

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """The current aware datetime."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in Kazakhstan (TIME_ZONE)."""
    return timezone.localdate(now())
