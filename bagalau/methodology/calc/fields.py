"""Reading a calculator request: each reader checks one JSON value and names its path on error."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.numbers import decimal_places

_NUMERIC = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")  # ASCII digits only: not \d
MAX_MAGNITUDE = Decimal(10) ** 15
MAX_PLACES = 6


class JsonObject(dict[str, Any]):
    """A parsed JSON object that remembers keys written twice, so the reader can name the path."""

    duplicates: tuple[str, ...] = ()


class NonFinite:
    """NaN, Infinity or -Infinity as written (Python's json accepts them; JSON does not)."""

    def __init__(self, name: str) -> None:
        self.name = name


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    result = JsonObject()
    seen: list[str] = []
    for key, value in pairs:
        if key in result:
            seen.append(key)
        result[key] = value
    result.duplicates = tuple(seen)
    return result


def _check_duplicates(value: Any, field: str) -> None:
    for key in getattr(value, "duplicates", ()):
        raise MethodologyError(join(field, key), N_("this key appears twice in the request"))


def parse_request(text: str) -> dict[str, Any]:
    """One JSON object; every number becomes a Decimal (never a float, never a huge int)."""
    if not text.strip():
        raise MethodologyError("$", N_("the request is empty: send one JSON object on stdin"))
    try:
        value = json.loads(
            text,
            parse_float=Decimal,
            parse_int=Decimal,
            parse_constant=NonFinite,
            object_pairs_hook=_object,
        )
    except RecursionError:
        raise MethodologyError("$", N_("the request is nested too deeply")) from None
    except json.JSONDecodeError as error:
        raise MethodologyError(
            "$",
            N_("the request is not valid JSON (%(problem)s at line %(line)s, column %(column)s)"),
            problem=error.msg,
            line=error.lineno,
            column=error.colno,
        ) from None
    if isinstance(value, NonFinite):
        raise MethodologyError("$", N_("%(name)s is not a number JSON allows"), name=value.name)
    if not isinstance(value, dict):
        raise MethodologyError("$", N_("the request must be one JSON object"))
    _check_duplicates(value, "")
    return value


def join(parent: str, key: str | int) -> str:
    """A child path: ``kpis`` + 2 -> ``kpis[2]``, ``kpis[2]`` + "actual" -> ``kpis[2].actual``."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def obj(
    value: Any, field: str, required: Collection[str], optional: Collection[str] = ()
) -> dict[str, Any]:
    """An object with exactly the expected keys."""
    if not isinstance(value, dict):
        raise MethodologyError(field or "$", N_("expected a JSON object"))
    _check_duplicates(value, field)
    for key in value:
        if key not in required and key not in optional:
            allowed = ", ".join([*required, *optional])
            raise MethodologyError(
                join(field, key), N_("unexpected key; the expected keys are %(keys)s"), keys=allowed
            )
    for key in required:
        if key not in value:
            raise MethodologyError(join(field, key), N_("this key is required"))
    return value


def mapping(value: Any, field: str) -> dict[str, Any]:
    """An object with free keys (checked by the caller)."""
    if not isinstance(value, dict):
        raise MethodologyError(field, N_("expected a JSON object"))
    _check_duplicates(value, field)
    return value


def array(value: Any, field: str, minimum: int = 0, maximum: int | None = None) -> Sequence[Any]:
    """A list with a length in [minimum, maximum]."""
    if not isinstance(value, list):
        raise MethodologyError(field, N_("expected a JSON list"))
    if len(value) < minimum or (maximum is not None and len(value) > maximum):
        if maximum is None:
            template = N_("expected at least %(min)s items, got %(count)s")
        elif minimum == maximum:
            template = N_("expected exactly %(min)s items, got %(count)s")
        else:
            template = N_("expected from %(min)s to %(max)s items, got %(count)s")
        raise MethodologyError(field, template, min=minimum, max=maximum, count=len(value))
    return value


def number(
    value: Any,
    field: str,
    *,
    minimum: Decimal | int | None = None,
    maximum: Decimal | int | None = None,
    places: int = MAX_PLACES,
) -> Decimal:
    """A decimal from a JSON number or a numeric string ("4.5"), within bounds and decimals."""
    if isinstance(value, NonFinite):
        raise MethodologyError(field, N_("%(name)s is not a number JSON allows"), name=value.name)
    if isinstance(value, bool) or value is None:
        raise MethodologyError(field, N_("expected a number"))
    if isinstance(value, str):
        text = value.strip()
        if not _NUMERIC.match(text):
            raise MethodologyError(
                field,
                N_('expected a number or a numeric string like "4.5", got %(value)s'),
                value=json.dumps(value, ensure_ascii=False),
            )
        value = Decimal(text)
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise MethodologyError(field, N_("expected a number"))
    if not value.is_finite() or value.copy_abs() >= MAX_MAGNITUDE:  # copy_abs: no context
        raise MethodologyError(field, N_("the number is too large"))
    if decimal_places(value) > places:
        raise MethodologyError(
            field, N_("at most %(places)s decimal places are allowed here"), places=places
        )
    if minimum is not None and value < minimum:
        raise MethodologyError(field, N_("must be at least %(min)s"), min=minimum)
    if maximum is not None and value > maximum:
        raise MethodologyError(field, N_("must be at most %(max)s"), max=maximum)
    return value


def integer(
    value: Any, field: str, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number (4, 4.0 or "4"; not 4.5)."""
    decimal = number(value, field)
    if decimal != decimal.to_integral_value():
        raise MethodologyError(field, N_("expected a whole number"))
    result = int(decimal)
    if minimum is not None and result < minimum:
        raise MethodologyError(field, N_("must be at least %(min)s"), min=minimum)
    if maximum is not None and result > maximum:
        raise MethodologyError(field, N_("must be at most %(max)s"), max=maximum)
    return result


def boolean(value: Any, field: str) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise MethodologyError(field, N_("expected true or false"))
    return value


def choice(value: Any, field: str, options: Sequence[str]) -> str:
    """One of the listed codes."""
    if not isinstance(value, str) or value not in options:
        raise MethodologyError(field, N_("expected one of %(options)s"), options=", ".join(options))
    return value


def date(value: Any, field: str) -> dt.date:
    """A date written YYYY-MM-DD."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise MethodologyError(field, N_("expected a date written YYYY-MM-DD"))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise MethodologyError(field, N_("%(value)s is not a calendar date"), value=value) from None
