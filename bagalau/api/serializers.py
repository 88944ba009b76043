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


class CharField(bounds.BoundedText, drf.CharField):  # type: ignore[no-redef]
    """Text of at most ``bounds.LONG_TEXT`` characters unless `max_length` says less."""


class IntegerField(bounds.BoundedInteger, drf.IntegerField):  # type: ignore[no-redef]
    """A whole number (a JSON number, or a string of the digits 0–9) an integer column holds."""

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
