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

`bulk_change` writes what `QuerySet.bulk_update` writes: on PostgreSQL the rows' values are
copied into a temporary table and one UPDATE ... FROM sets them (Django's bulk_update builds a
CASE expression per row and field: 20 of the 25 seconds of approving a session of 10,000
servants went to building it).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from itertools import islice
from typing import Any, TypeVar

from django.db import connection, connections, models
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)

#: Rows per COPY when their ids are drawn first, and per INSERT elsewhere.
BATCH = 2000


#: Allocations between two collections of the youngest generation inside `few_collections`
#: (Python's default: 700).
FEW = 200_000

_depth = 0


@contextmanager
def few_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run rarely during a whole-organisation operation (a
    context manager or a decorator). Such an operation allocates millions of short-lived objects
    (rows, model instances, values), each of which counts towards a collection, and each
    collection of the oldest generation walks every object alive: a fifth of opening a quarter
    at 100,000 servants went to them (issue 12). The objects alive on entry are left out of the
    collections (`gc.freeze`) and the youngest generation's threshold raised to `FEW`; both are
    restored on leaving the outermost one. Memory is freed by reference counting as before;
    only cycles wait longer."""
    global _depth  # noqa: PLW0603 - one process-wide setting, like the collector's
    outermost = _depth == 0
    _depth += 1
    threshold = gc.get_threshold()
    if outermost:
        gc.freeze()
        gc.set_threshold(max(threshold[0], FEW), *threshold[1:])
    try:
        yield
    finally:
        _depth -= 1
        if outermost:
            gc.set_threshold(*threshold)
            gc.unfreeze()


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


def insert_values(
    model: type[Model],
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    ids: bool = False,
    batch_size: int = BATCH,
) -> list[int]:
    """Insert rows given as values, not instances: where building a model instance per row
    costs more than writing it (the audit rows, notifications and 360 totals of a
    whole-organisation operation). `names` are fields of `model` (a foreign key by its attname,
    "target_id", valued by the id); every other field takes the value a new instance gets (its
    default; `auto_now_add`: now), once per batch. On PostgreSQL COPY, each value prepared as
    `bulk_insert` prepares it; elsewhere `bulk_create`. Returns the new rows' primary keys in
    row order with `ids`, else an empty list."""
    meta = model._meta
    if meta.parents:
        raise ValueError(f"insert_values cannot write {meta.label}: multi-table inheritance")
    by_name = {f.attname: f for f in meta.concrete_fields} | {
        f.name: f for f in meta.concrete_fields
    }
    fields = [by_name[name] for name in names]
    rest = [f for f in meta.concrete_fields if not f.primary_key and f not in fields]
    keys: list[int] = []
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        if connection.vendor != "postgresql":
            made = model._default_manager.bulk_create(
                model(**dict(zip(names, values, strict=True))) for values in batch
            )
            keys += [row.pk for row in made] if ids else []
            continue
        new = model()  # the other fields' values, as `bulk_create` would give them
        constants = [f.pre_save(new, True) for f in rest]
        prepared = _preparers(fields + rest)
        drawn = _copy_rows(
            meta,
            fields + rest,
            ([*values, *constants] for values in batch),
            prepared,
            count=len(batch) if ids else 0,
        )
        keys += drawn
    return keys


def bulk_change(rows: Sequence[M], fields: Sequence[str], *, batch_size: int = BATCH) -> int:
    """Write the values of `fields` (names) of `rows` (saved instances of one model) as
    `bulk_update` does (each value prepared by its field, no `pre_save`); returns how many rows
    were written. On PostgreSQL four queries whatever the number of rows (a temporary table,
    COPY, UPDATE, DROP); elsewhere `bulk_update` in batches of `batch_size`."""
    if not rows:
        return 0
    model = type(rows[0])
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_update(rows, list(fields), batch_size=batch_size)
    meta = model._meta
    by_name = {f.attname: f for f in meta.concrete_fields} | {
        f.name: f for f in meta.concrete_fields
    }
    columns: list[Field[Any, Any]] = [meta.pk, *(by_name[name] for name in fields)]
    quote = connection.ops.quote_name
    table, temporary = quote(meta.db_table), quote(f"bulk_{meta.db_table}")
    names = [quote(str(f.column)) for f in columns]
    prepared = _preparers(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {temporary} AS "  # noqa: S608 - names quoted, no values
            f"SELECT {', '.join(names)} FROM {table} WITH NO DATA"
        )
        sql = f"COPY {temporary} ({', '.join(names)}) FROM STDIN"

        def copy() -> None:
            with cursor.cursor.copy(sql) as stream:
                for row in rows:
                    stream.write_row(prepared([getattr(row, f.attname) for f in columns]))

        _as_query(cursor, sql, copy)
        assignments = ", ".join(f"{name} = {temporary}.{name}" for name in names[1:])
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {temporary} "  # noqa: S608 - as above
            f"WHERE {table}.{names[0]} = {temporary}.{names[0]}"
        )
        written: int = cursor.rowcount
        cursor.execute(f"DROP TABLE {temporary}")
    return written


def _copy(batch: list[M], *, ids: bool) -> None:
    model = type(batch[0])
    meta = model._meta
    if meta.parents:
        raise ValueError(f"bulk_insert cannot write {meta.label}: multi-table inheritance")
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    prepared = _preparers(fields)
    steps = [f.pre_save for f in fields]
    relations = [f for f in fields if isinstance(f, models.ForeignKey)]

    def values() -> Iterator[list[Any]]:
        for row in batch:
            if any(getattr(row, f.attname) is None and f.is_cached(row) for f in relations):
                # a related object given without its id: Django's check and copy of the id
                row._prepare_related_fields_for_save(operation_name="bulk_insert")  # type: ignore[attr-defined]
            yield [value_of(row, True) for value_of in steps]

    drawn = _copy_rows(meta, fields, values(), prepared, count=len(batch) if ids else 0)
    for row, pk in zip(batch, drawn, strict=False):
        row.pk = pk
        row._state.adding = False
        row._state.db = connection.alias


def _copy_rows(
    meta: Any,
    fields: list[Field[Any, Any]],
    rows: Iterable[list[Any]],
    prepared: Callable[[list[Any]], list[Any]],
    *,
    count: int,
) -> list[int]:
    """COPY `rows` (the values of `fields`, each prepared by `prepared`) into the model's
    table; with a `count`, that many primary keys are drawn from its sequence first, written
    with the rows and returned in order."""
    quote = connection.ops.quote_name
    keys: list[int] = []
    with connection.cursor() as cursor:
        if count:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            keys = sorted(pk for (pk,) in cursor.fetchall())
        columns = [quote(f.column) for f in fields]
        if count:
            columns.insert(0, quote(meta.pk.column))
        sql = f"COPY {quote(meta.db_table)} ({', '.join(columns)}) FROM STDIN"

        def copy() -> None:
            with cursor.cursor.copy(sql) as stream:
                if count:
                    for pk, values in zip(keys, rows, strict=True):
                        stream.write_row([pk, *prepared(values)])
                else:
                    for values in rows:
                        stream.write_row(prepared(values))

        _as_query(cursor, sql, copy)
    return keys


#: Field classes whose PostgreSQL value is the Python value itself when it is of these exact
#: types (or None): what their `get_db_prep_save` returns unchanged there, skipped for speed.
#: Any other field or value goes through Django (a naive datetime, JSON, a decimal…).
_AS_IS: dict[type[Field[Any, Any]], tuple[type, ...]] = {
    models.AutoField: (int,),
    models.BigAutoField: (int,),
    models.IntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.SmallIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
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


def _preparers(fields: list[Field[Any, Any]]) -> Callable[[list[Any]], list[Any]]:
    """A function giving a row's values (of `fields`, as `pre_save` returns them) as
    `bulk_create` prepares them for the database."""
    database = connections[connection.alias]  # not the proxy: asked for every value
    steps = [(f.get_db_prep_save, _as_is(f)) for f in fields]

    def prepared(values: list[Any]) -> list[Any]:
        out = []
        for value, (prepare, as_is) in zip(values, steps, strict=True):
            if not (
                as_is
                and (value is None or type(value) in as_is)
                and (type(value) is not dt.datetime or value.tzinfo is not None)
            ):
                value = prepare(value, connection=database)
            out.append(value)
        return out

    return prepared


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
