"""Alphabetical order and search of Kazakh (and Russian) names, the same on SQLite and PostgreSQL
(issue 13 item 7).

Databases compare code points, which puts Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І after Я; people expect the
Kazakh alphabet: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы
І Ь Э Ю Я.

- In Python: `kazakh_key` / `sorted_by_name`.
- In the database: `kazakh_order("last_name")` orders by the collation `COLLATION`: on
  PostgreSQL the ICU collation for Kazakh (kk-KZ), created by core's migration 0001; on SQLite the
  same name, registered on every connection (`register_sqlite`) to compare with `kazakh_key`.
- Search: `fold` turns a text into its search form — case folded, and each Kazakh letter into the
  Russian letter people type for it on a Russian keyboard (Ә→а, Ғ→г, Қ→к, Ң→н, Ө→о, Ұ→у, Ү→у,
  Һ→х, І→и) and Ё→е — so "Ергалиев" finds "Ерғалиев"; `Fold(expression)` is the same in SQL, and
  `with_name(queryset, prefix, query)` narrows rows to the servants with every word in a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.functions import Collate, Concat

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


#: The database collation that orders by the Kazakh alphabet (see the module's docstring).
COLLATION = "bagalau_kk"
#: Kazakh letters and Ё, and the letters a Russian keyboard types for them.
LOOKALIKE_FROM, LOOKALIKE_TO = "әғқңөұүһіё", "агкноуухие"
_LOOKALIKES = str.maketrans(LOOKALIKE_FROM, LOOKALIKE_TO)


def fold(text: str) -> str:
    """The search form of `text`: case folded, Kazakh letters as their Russian look-alikes."""
    return text.casefold().translate(_LOOKALIKES)


def kazakh_order(field: str) -> Collate:
    """An ORDER BY term for `field` in Kazakh alphabetical order."""
    return Collate(F(field), COLLATION)


class Fold(Func):
    """`fold` in SQL: PostgreSQL lower() and translate(); on SQLite the Python function, whose
    lower() folds ASCII only."""

    function = "bagalau_fold"
    arity = 1

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        frm, to = LOOKALIKE_FROM, LOOKALIKE_TO
        template = f"translate(lower(%(expressions)s), '{frm}', '{to}')"
        return self.as_sql(compiler, connection, template=template, **extra)


def with_name(queryset: QuerySet[Any], prefix: str, query: str) -> QuerySet[Any]:
    """`queryset` narrowed in the database to the rows whose servant (`prefix`: the path to it,
    e.g. "servant__") has every word of `query` in a name, compared by `fold`."""
    words = fold(query).split()
    if not words:
        return queryset
    folded = queryset.annotate(
        _folded=Fold(
            Concat(
                f"{prefix}last_name",
                Value(" "),
                f"{prefix}first_name",
                Value(" "),
                f"{prefix}patronymic",
                output_field=CharField(),
            )
        )
    )
    for word in words:
        folded = folded.filter(_folded__contains=word)
    return cast("QuerySet[Any]", folded)


def _compare(left: str, right: str) -> int:
    a, b = kazakh_key(left), kazakh_key(right)
    return (a > b) - (a < b)


def register_sqlite(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """On a new SQLite connection: the Kazakh collation and the fold function
    (`django.db.backends.signals.connection_created`)."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_collation(COLLATION, _compare)
    raw.create_function(
        "bagalau_fold", 1, lambda text: None if text is None else fold(text), deterministic=True
    )
