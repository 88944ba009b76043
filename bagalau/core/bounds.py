"""The limits of what anyone may send, stated once: models, forms, serializers and the API's parser
all read them, so SQLite refuses what PostgreSQL would and a page refuses what the API refuses.

Text: a person's name part fits any name in the civil-service register with room to spare; a title
(a unit's or position's name, a place, an appeal body, a short note or decree) fits a full
official name; a long text (a justification, an argument, a comment, a calibration application, a
refusal act) is about a page and a half of the paper forms, more than any box of the appendices
holds. Dates: every date the methodologies handle lies well inside 2000–2100. Numbers: only the
ASCII digits 0–9 (``int("٤")`` is 4 in Python, so the checks are explicit).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import DomainError

# Text, in characters.
PERSON_NAME = 100  # surname, first name, patronymic
CODE = 30  # personnel number, edition code
TITLE = 300  # names of units and positions, places, decrees, short notes, audit summaries
LONG_TEXT = 4000  # justifications, arguments, comments, applications, acts, KPI wording

# Whole numbers: what a database integer column holds (PostgreSQL refuses more, SQLite does not).
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1

# Dates every input must lie between (both included).
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)

# The API's request bodies: bytes (Django's DATA_UPLOAD_MAX_MEMORY_SIZE, see config/settings) and
# nesting of JSON arrays/objects (the deepest body the API documents is 4 levels).
JSON_MAX_DEPTH = 20

ASCII_DIGITS = frozenset("0123456789")


def has_foreign_digits(text: str) -> bool:
    """Whether `text` holds a decimal digit other than 0–9 (Arabic-Indic, fullwidth, …)."""
    return any(ch.isdigit() and ch not in ASCII_DIGITS for ch in text)


def validate_ascii_digits(value: Any) -> None:
    """Refuse a number typed with digits other than 0–9."""
    if isinstance(value, str) and has_foreign_digits(value):
        raise ValidationError(_("Type numbers with the digits 0–9."), code="ascii_digits")


def validate_date_range(value: dt.date | dt.datetime | None) -> None:
    """Refuse a date outside DATE_MIN–DATE_MAX (a datetime by its date)."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValidationError(
            _("Enter a date between %(min)s and %(max)s."),
            code="date_range",
            params={"min": DATE_MIN.strftime("%d.%m.%Y"), "max": DATE_MAX.strftime("%d.%m.%Y")},
        )


class BoundedText:
    """Mixin, as the first base of a form's or a serializer's text field: at most LONG_TEXT
    characters unless `max_length` says less."""

    def __init__(self, *, max_length: int | None = LONG_TEXT, **kwargs: Any) -> None:
        limit = min(max_length or LONG_TEXT, LONG_TEXT)
        super().__init__(max_length=limit, **kwargs)  # type: ignore[call-arg]


class BoundedInteger:
    """Mixin, as the first base of a form's or a serializer's integer field: its range stays
    within what a database integer column holds (INT_MIN–INT_MAX)."""

    def __init__(
        self,
        *,
        min_value: int | None = INT_MIN,
        max_value: int | None = INT_MAX,
        **kwargs: Any,
    ) -> None:
        low = INT_MIN if min_value is None else max(min_value, INT_MIN)
        high = INT_MAX if max_value is None else min(max_value, INT_MAX)
        super().__init__(min_value=low, max_value=high, **kwargs)  # type: ignore[call-arg]


def ascii_int(text: str | None) -> int | None:
    """A whole number written in ASCII digits (an optional sign), else None. Python's int() takes
    "٤" and " 4 ", and str.isdigit() is true for "²", which int() then refuses."""
    if text is None:
        return None
    body = text[1:] if text[:1] in "+-" else text
    if not body or len(body) > 18 or not set(body) <= ASCII_DIGITS:
        return None
    return int(text)


def ascii_id(text: str | None) -> int | None:
    """A row's id in a query (`?unit=`, `?evaluation=`): digits 0–9 alone, no sign, else None."""
    text = (text or "").strip()
    return ascii_int(text) if text.isascii() and text.isdigit() else None


def ascii_decimal(text: str) -> Decimal:
    """``Decimal(text)`` for a number written with the digits 0–9; InvalidOperation otherwise, like
    Decimal itself, so callers keep their one ``except InvalidOperation``."""
    if has_foreign_digits(text):
        raise InvalidOperation(text)
    return Decimal(text)


def max_length_constraint(model: str, field: str, limit: int) -> models.CheckConstraint:
    """A database check that `field` holds at most `limit` characters: PostgreSQL's varchar refuses
    a longer value by itself, SQLite and a TextField do not."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=f"{model}_{field}_max_length",
    )


def length_checks(model: str, **limits: int) -> list[models.CheckConstraint]:
    """The max_length_constraint of each ``field=limit`` (a model's Meta.constraints)."""
    return [max_length_constraint(model, field, limit) for field, limit in limits.items()]


def bounded_text(value: str | None, field: str, limit: int = LONG_TEXT) -> str:
    """`value` without its outer blanks; a DomainError on `field` when it is longer than
    `limit`, the column's bound."""
    text = (value or "").strip()
    if len(text) > limit:
        raise DomainError(field, N_("The text is too long."))
    return text
