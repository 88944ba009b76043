"""Alphabetical order of Kazakh (and Russian) names, the same on SQLite and PostgreSQL.

Databases compare code points, which puts Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І after Я; people expect the
Kazakh alphabet: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы
І Ь Э Ю Я.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}


def kazakh_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key: Kazakh/Russian letters in alphabet order, other characters after them by code
    point; case-insensitive."""
    return tuple(
        (0, _RANK[char]) if char in _RANK else (1, char) for char in text.casefold().strip()
    )


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """`items` in Kazakh alphabetical order of `name(item)`."""
    return sorted(items, key=lambda item: kazakh_key(name(item)))
