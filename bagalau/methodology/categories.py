"""Category codes of "B" corps positions (SPEC §2): the valid set and input normalisation."""

from __future__ import annotations

import re
from functools import cache

from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.loading import node

# Cyrillic letters typed for the Latin ones of category codes (lookalikes, and Д/Г/Р
# from a Cyrillic keyboard).
_LOOKALIKES = str.maketrans({"В": "B", "С": "C", "Д": "D", "Е": "E", "О": "O", "Р": "R", "Г": "G"})
_SEPARATORS = re.compile(r"\s*[-‐‑‒–—]\s*")


@cache
def valid_categories() -> tuple[str, ...]:
    """Every category code, in the order of the data file."""
    codes: list[str] = []
    for family in node("categories.yaml")["families"].seq():
        prefix = family["prefix"].text()
        codes.extend(f"{prefix}-{number}" for number in range(1, family["last"].integer() + 1))
    return tuple(codes)


def normalize_category(text: str, field: str = "category") -> str:
    """The canonical code for `text` ("с-0-1" -> "C-O-1"); MethodologyError when it is none."""
    candidate = _SEPARATORS.sub("-", text.strip().upper().translate(_LOOKALIKES))
    parts = candidate.split("-")
    if len(parts) == 3 and parts[1] == "0":
        parts[1] = "O"
    candidate = "-".join(parts)
    if candidate not in valid_categories():
        raise MethodologyError(
            field,
            N_('%(value)s is not a category code of "B" corps positions (such as D-4 or C-O-2)'),
            value=repr(text),
        )
    return candidate
