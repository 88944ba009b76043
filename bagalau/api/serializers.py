"""REST framework serializers with Bagalau's input bounds (`bagalau.core.bounds`): the API modules
import this module as ``serializers`` instead of ``rest_framework.serializers``.

The same limits as the pages' forms (`bagalau.core.forms`): text of at most ``bounds.LONG_TEXT``
characters unless a field says less, numbers, dates and row ids in the digits 0–9 only, dates in
``DATE_MIN``–``DATE_MAX``. Output is unchanged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers as drf
from rest_framework.serializers import *  # noqa: F403  (the rest of the REST framework, unchanged)

from bagalau.core import bounds


def _ascii_digits(value: Any) -> None:
    """The digits check, raised as the REST framework's error (a list child needs that type)."""
    try:
        bounds.validate_ascii_digits(value)
    except DjangoValidationError as error:
        raise drf.ValidationError(error.messages, code="ascii_digits") from None


class CharField(drf.CharField):  # type: ignore[no-redef]
    """Text of at most ``bounds.LONG_TEXT`` characters unless `max_length` says less."""

    def __init__(self, *, max_length: int | None = bounds.LONG_TEXT, **kwargs: Any) -> None:
        super().__init__(max_length=min(max_length or bounds.LONG_TEXT, bounds.LONG_TEXT), **kwargs)


class IntegerField(drf.IntegerField):  # type: ignore[no-redef]
    """A whole number (a JSON number, or a string of the digits 0–9) an integer column holds."""

    def __init__(
        self,
        *,
        min_value: int | None = bounds.INT_MIN,
        max_value: int | None = bounds.INT_MAX,
        **kwargs: Any,
    ) -> None:
        low = bounds.INT_MIN if min_value is None else max(min_value, bounds.INT_MIN)
        high = bounds.INT_MAX if max_value is None else min(max_value, bounds.INT_MAX)
        super().__init__(min_value=low, max_value=high, **kwargs)

    def to_internal_value(self, data: Any) -> int:
        _ascii_digits(data)
        return super().to_internal_value(data)


class DecimalField(drf.DecimalField):  # type: ignore[no-redef]
    """A decimal number: a JSON number, or a string of the digits 0–9."""

    def to_internal_value(self, data: Any) -> Any:
        _ascii_digits(data)
        return super().to_internal_value(data)


class DateField(drf.DateField):  # type: ignore[no-redef]
    """An ISO date in the digits 0–9, between ``bounds.DATE_MIN`` and ``bounds.DATE_MAX``."""

    default_validators = [bounds.validate_date_range]

    def to_internal_value(self, value: Any) -> Any:
        _ascii_digits(value)
        return super().to_internal_value(value)


class DateTimeField(drf.DateTimeField):  # type: ignore[no-redef]
    """An ISO date and time in the digits 0–9, on a day between the date bounds."""

    default_validators = [bounds.validate_date_range]

    def to_internal_value(self, value: Any) -> Any:
        _ascii_digits(value)
        return super().to_internal_value(value)
