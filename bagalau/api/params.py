"""Query parameters of the API, parsed once: a whole number or a date that is malformed is a 400
naming the parameter (``?unit=abc``, ``?year=٢٠٢٦``), never a silent default or a 500."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop as N_
from rest_framework.request import Request

from bagalau.core import bounds
from bagalau.core.errors import DomainError


def int_param(request: Request, name: str) -> int | None:
    """``?name=`` as a whole number of the digits 0–9 (None when absent or empty)."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    value = bounds.ascii_int(raw)
    if value is None or value < 0:
        raise DomainError(name, N_("Enter a whole number with the digits 0–9."))
    return value


def date_param(request: Request, name: str) -> dt.date | None:
    """``?name=`` as an ISO date (YYYY-MM-DD) within the date bounds (None when absent)."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    try:
        if bounds.has_foreign_digits(raw) or len(raw) != 10:
            raise ValueError(raw)
        day = dt.date.fromisoformat(raw)
        bounds.validate_date_range(day)
    except (ValueError, ValidationError):
        raise DomainError(
            name,
            N_("Enter a date as YYYY-MM-DD between %(min)s and %(max)s."),
            min=bounds.DATE_MIN.isoformat(),
            max=bounds.DATE_MAX.isoformat(),
        ) from None
    return day
