"""Writing many rows of one model at once (issue 12 item 2): the audit rows, notifications and
sheets of a whole-organisation operation.

`bulk_insert` writes the rows `QuerySet.bulk_create` would write, column for column (the same
`pre_save`, defaults and database preparation of each field: `auto_now_add`, JSON serialised as
Django serialises it), through PostgreSQL's COPY, which is several times faster than a
multi-row INSERT and needs no SQL text per row. Elsewhere (SQLite) it is `bulk_create`. With
``ids=True`` the rows get their primary keys as `bulk_create` gives them (drawn from the table's
sequence in one query, then written with the rows); without, a caller must not count on them.

COPY knows no ON CONFLICT: a row that breaks a constraint fails the whole statement with
Django's `IntegrityError`, as a plain INSERT would. Each COPY goes through the connection's
execute wrappers and query log as one query, so query counts still see it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from itertools import islice
from typing import Any, TypeVar

from django.db import connection, connections, models
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)

#: Rows per COPY when their ids are drawn first, and per INSERT elsewhere.
BATCH = 2000


def bulk_insert(rows: Iterable[M], *, ids: bool = False, batch_size: int = BATCH) -> int:
    """Insert `rows` (unsaved instances of one model, no multi-table inheritance) in batches of
    `batch_size`; returns how many were written. With `ids`, each row gets its primary key."""
    written = 0
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        if connection.vendor == "postgresql":
            _copy(batch, ids=ids)
        else:
            type(batch[0])._default_manager.bulk_create(batch)
        written += len(batch)
    return written


def _copy(batch: list[M], *, ids: bool) -> None:
    model = type(batch[0])
    meta = model._meta
    if meta.parents:
        raise ValueError(f"bulk_insert cannot write {meta.label}: multi-table inheritance")
    fields = [f for f in meta.concrete_fields if ids or not f.primary_key]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(batch)],
            )
            for row, (pk,) in zip(batch, sorted(cursor.fetchall()), strict=True):
                row.pk = pk
        columns = ", ".join(quote(f.column) for f in fields)
        sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"

        def copy() -> None:
            with cursor.cursor.copy(sql) as stream:
                for values in _values(batch, fields):
                    stream.write_row(values)

        _as_query(cursor, sql, copy)
    if ids:
        for row in batch:
            row._state.adding = False
            row._state.db = connection.alias


#: Field classes whose PostgreSQL value is the Python value itself when it is of these exact
#: types (or None): what their `get_db_prep_save` returns unchanged there, skipped for speed.
#: Any other field or value goes through Django (a naive datetime, JSON, a decimal…).
_AS_IS: dict[type[Field[Any, Any]], tuple[type, ...]] = {
    models.AutoField: (int,),
    models.BigAutoField: (int,),
    models.IntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.BooleanField: (bool,),
    models.CharField: (str,),
    models.TextField: (str,),
    models.DateField: (dt.date,),
    models.DateTimeField: (dt.datetime,),
}


def _as_is(field: Field[Any, Any]) -> tuple[type, ...]:
    """The value types `field` writes unchanged (a foreign key: its target's)."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    return _AS_IS.get(type(target), ())


def _values(batch: list[M], fields: list[Field[Any, Any]]) -> Iterator[list[Any]]:
    """Each row's values as `bulk_create` prepares them for the database."""
    database = connections[connection.alias]  # not the proxy: asked for every value
    steps = [(f.pre_save, f.get_db_prep_save, _as_is(f)) for f in fields]
    for row in batch:
        row._prepare_related_fields_for_save(operation_name="bulk_insert")  # type: ignore[attr-defined]
        values = []
        for value_of, prepare, as_is in steps:
            value = value_of(row, True)
            if not (
                as_is
                and (value is None or type(value) in as_is)
                and (type(value) is not dt.datetime or value.tzinfo is not None)
            ):
                value = prepare(value, connection=database)
            values.append(value)
        yield values


def _as_query(cursor: Any, sql: str, run: Callable[[], None]) -> None:
    """Run `run` as the query `sql`: through the execute wrappers, in the query log when it is
    kept, its database errors Django's."""
    executor: Callable[..., None] = lambda *_: run()  # noqa: E731 - the innermost wrapper
    for wrapper in reversed(connection.execute_wrappers):
        executor = functools.partial(wrapper, executor)
    logged = cursor.debug_sql(sql) if isinstance(cursor, CursorDebugWrapper) else nullcontext()
    connection.validate_no_broken_transaction()
    with logged, connection.wrap_database_errors:
        executor(sql, None, False, {"connection": connection, "cursor": cursor})
