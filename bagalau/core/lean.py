"""Reading many rows without the columns nobody reads in bulk (issue 12 item 2).

A whole-organisation operation reads every servant's post with its servant, user, position and
unit: each row then also parses its creation and modification times and a user's password and
login times, which no roster, notice or structure answer uses, and that parsing was a tenth of
opening a quarter at 100,000 servants. `lean` defers those columns; a row that does read one
later loads it with one query, as Django's deferred fields do (the query-count tests of each
operation would see it). The rows are for reading: an instance with deferred fields saves only
its loaded ones, so its `auto_now` time would not move.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet

Q = TypeVar("Q", bound=QuerySet[Any])

#: Columns no bulk read uses: bookkeeping times on every model, and a user's credentials and
#: login history.
UNREAD = ("created_at", "updated_at", "password", "last_login", "date_joined")


def lean(queryset: Q, *relations: str) -> Q:
    """`queryset` with the `UNREAD` columns of its model and of each of `relations` (the paths
    it selects related, "servant__user") deferred."""
    deferred = [name for name in UNREAD if _has(queryset.model, name)]
    for path in relations:
        model: Any = queryset.model
        for step in path.split("__"):
            model = model._meta.get_field(step).related_model
        deferred += [f"{path}__{name}" for name in UNREAD if _has(model, name)]
    return queryset.defer(*deferred)


def plain_rows(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a `values_list` query as the database driver gives them: no converter run
    on any value (whole numbers and strings read in bulk: 100,000 rows of a few columns)."""
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        found: list[tuple[Any, ...]] = cursor.fetchall()
    return found


def _has(model: type[Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)
