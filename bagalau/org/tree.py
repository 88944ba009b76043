"""The unit tree's display order worked out in the database (issue 12 item 3): a recursive common
table expression gives each unit a `path` — its rank among its siblings (by order, then its
Kazakh name by code point, then id), zero-padded, after its parent's path — so ordering by
`path` is the order of `selectors.unit_tree` (parents before children) and a page of a long
list sorted in tree order is cut in SQL, whatever the size of the tree. The same SQL runs on
SQLite and PostgreSQL; the tree is walked afresh on each query, so nothing stored goes stale
when HR creates, moves, reorders or removes a unit (or a bulk load skips the services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Q

from bagalau.core import paging
from bagalau.core.paging import ListedInSql
from bagalau.org.models import Assignment, Organisation, Position, Servant, Unit
from bagalau.org.selectors import structure_rules

#: The common table expression's name: (id, path, depth) of every unit of the organisation.
TREE = "bagalau_tree"
#: Digits of one level of a path.
WIDTH = 10


def binary(column: str) -> str:
    """`column` compared by code point, as Python compares strings (PostgreSQL's "C"
    collation; SQLite's default)."""
    return f'{column} COLLATE "C"' if connection.vendor == "postgresql" else column


def _padded(number: str) -> str:
    if connection.vendor == "postgresql":
        return f"LPAD(CAST({number} AS TEXT), {WIDTH}, '0')"
    return f"substr('{'0' * WIDTH}' || {number}, -{WIDTH}, {WIDTH})"


def tree_cte(organisation_id: int) -> tuple[str, list[Any]]:
    """`WITH RECURSIVE ... bagalau_tree(id, path, depth) AS (...)` for the organisation's
    units, to put before a SELECT that joins `bagalau_tree` (and its parameters)."""
    quote = connection.ops.quote_name
    table = quote(Unit._meta.db_table)
    name = binary(quote("name_kk"))
    sql = (
        f"WITH RECURSIVE bagalau_ranked AS (SELECT {quote('id')} AS id, "
        f"{quote('parent_id')} AS parent_id, ROW_NUMBER() OVER (PARTITION BY "
        f"{quote('parent_id')} ORDER BY {quote('order')}, {name}, {quote('id')}) AS n "
        f"FROM {table} WHERE {quote('organisation_id')} = %s), "
        f"{TREE}(id, path, depth) AS ("
        f"SELECT id, {_padded('n')}, 0 FROM bagalau_ranked WHERE parent_id IS NULL "
        f"UNION ALL SELECT r.id, t.path || {_padded('r.n')}, t.depth + 1 "
        f"FROM bagalau_ranked r JOIN {TREE} t ON r.parent_id = t.id)"
    )
    return sql, [organisation_id]


def tree_ids(organisation_id: int) -> list[int]:
    """The organisation's unit ids in tree order (one query)."""
    cte, params = tree_cte(organisation_id)
    with connection.cursor() as cursor:
        cursor.execute(f"{cte} SELECT t.id FROM {TREE} t ORDER BY {binary('t.path')}", params)
        return [int(pk) for (pk,) in cursor.fetchall()]


def tree_paths(organisation: Organisation, unit_ids: set[int]) -> dict[int, str]:
    """The tree path of each of `unit_ids` (one query); a unit outside the tree has none."""
    if not unit_ids:
        return {}
    cte, params = tree_cte(organisation.pk)
    marks = ", ".join("%s" for _ in unit_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{cte} SELECT id, path FROM {TREE} WHERE id IN ({marks})", [*params, *unit_ids]
        )
        return {int(pk): str(path) for pk, path in cursor.fetchall()}


def units_around(organisation: Organisation, unit_id: int | None) -> list[tuple[Unit, int]]:
    """The units a filter offers, in tree order with their depth: the top two levels of the
    tree and, around `unit_id`, the units above it, the unit and the units right under it (two
    queries, whatever the size of the tree; the units under a unit are offered once it is
    chosen)."""
    if unit_id is not None and not 0 < unit_id < 2**63:
        unit_id = None  # no such unit: an id no database holds
    cte, params = tree_cte(organisation.pk)
    where, extra = "t.depth <= 1", []
    if unit_id is not None:
        where += (
            f" OR t.id = %s OR u.{connection.ops.quote_name('parent_id')} = %s OR t.id IN ("
            f"SELECT a.id FROM {TREE} a JOIN {TREE} s ON s.id = %s "
            f"WHERE substr(s.path, 1, length(a.path)) = a.path)"
        )
        extra = [unit_id, unit_id, unit_id]
    table = connection.ops.quote_name(Unit._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"{cte} SELECT t.id, t.depth FROM {TREE} t JOIN {table} u ON u.id = t.id "
            f"WHERE {where} ORDER BY {binary('t.path')}",
            [*params, *extra],
        )
        found = [(int(pk), int(depth)) for pk, depth in cursor.fetchall()]
    units = Unit.objects.in_bulk([pk for pk, _depth in found])
    return [(units[pk], depth) for pk, depth in found if pk in units]


#: About how many posts a page of the structure shows: large units make fewer units a page (at
#: 100,000 servants in units of 66 posts, 6 units and not 50 units, 3,300 rows and 1.5 MB).
POSTS_A_PAGE = 400


def units_a_page(organisation: Organisation) -> int:
    """How many units a page of the structure lists: `paging.PAGE_SIZE`, fewer when the
    organisation's units hold on average more than `POSTS_A_PAGE` posts between them (two
    counts)."""
    units = organisation.units.count()
    posts = Position.objects.filter(unit__organisation=organisation).count()
    if not units or not posts:
        return paging.PAGE_SIZE
    return max(1, min(paging.PAGE_SIZE, POSTS_A_PAGE * units // posts))


class TreeUnits(ListedInSql[tuple[Unit, int]]):
    """The organisation's units in tree order with their depth, or the unit `root` and the units
    under it, for a Paginator: `count()` and a slice are one query each, so a page of the
    structure does not read the whole tree (issue 12 item 3). A slice gives (unit, depth)
    pairs; `parents` holds, for the units of the slices taken, those with a unit under them."""

    def __init__(self, organisation: Organisation, root: int | None) -> None:
        if root is not None and not 0 < root < 2**63:
            root = -1  # no such unit: an id no database holds
        self.organisation = organisation
        self.root = root
        self.parents: set[int] = set()

    def _where(self) -> tuple[str, list[Any]]:
        if self.root is None:
            return "", []
        return (
            f"JOIN {TREE} r ON r.id = %s WHERE substr(t.path, 1, length(r.path)) = r.path",
            [self.root],
        )

    def total(self) -> int:
        """How many units (one query)."""
        cte, params = tree_cte(self.organisation.pk)
        where, extra = self._where()
        with connection.cursor() as cursor:
            cursor.execute(f"{cte} SELECT COUNT(*) FROM {TREE} t {where}", [*params, *extra])
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def rows(self, offset: int, limit: int) -> list[tuple[Unit, int]]:
        """Units `offset` to `offset + limit` in tree order, with their depth (two queries)."""
        if limit <= 0:
            return []
        cte, params = tree_cte(self.organisation.pk)
        where, extra = self._where()
        table = connection.ops.quote_name(Unit._meta.db_table)
        parent = connection.ops.quote_name("parent_id")
        with connection.cursor() as cursor:
            cursor.execute(
                f"{cte} SELECT t.id, t.depth, EXISTS(SELECT 1 FROM {table} c "
                f"WHERE c.{parent} = t.id) FROM {TREE} t {where} "
                f"ORDER BY {binary('t.path')} LIMIT %s OFFSET %s",
                [*params, *extra, limit, offset],
            )
            found = cursor.fetchall()
        self.parents |= {int(pk) for pk, _depth, children in found if children}
        units = Unit.objects.in_bulk([pk for pk, _depth, _children in found])
        return [(units[pk], int(depth)) for pk, depth, _children in found if pk in units]


def may_report_to(organisation: Organisation, manager: Servant, day: dt.date) -> set[int]:
    """Every servant whose direct manager on `day` may be `manager` (a superset: ask
    `StructureIndex(..., around=...)` which of them it is): those whose post names `manager`
    as its manager, and the holders of the posts of the units `manager` heads and of the units
    under them, going down through units without a head who manages under the edition (a
    unit's managing head manages its posts; `manager` can only manage that head's post). A few
    queries per level of the tree, whatever the number of servants."""
    rules = structure_rules(organisation, day)
    active = Assignment.objects.filter(
        position__unit__organisation=organisation, start__lte=day
    ).filter(Q(end__isnull=True) | Q(end__gte=day))
    found = set(active.filter(direct_manager=manager).values_list("servant_id", flat=True))
    frontier = set(
        active.filter(servant=manager, position__heads_unit=True).values_list(
            "position__unit_id", flat=True
        )
    )
    seen: set[int] = set()
    while frontier:
        seen |= frontier
        found |= set(
            active.filter(position__unit_id__in=frontier).values_list("servant_id", flat=True)
        )
        below = set(
            Unit.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=seen)
            .values_list("pk", flat=True)
        )
        heads = list(
            active.filter(position__unit_id__in=below, position__heads_unit=True).values_list(
                "position__unit_id", "position__category", "servant_id"
            )
        )
        managed = {unit for unit, category, _servant in heads if rules.head_manages(category)}
        found |= {servant for unit, _category, servant in heads if unit in managed}
        frontier = below - managed
    return found - {manager.pk}
