"""A roster's servants in the roster's order, counted and cut into pages in the database (issue
12 item 3): the rows come from querysets (the stored evaluations, the servants the period does
not hold yet) that each select the order key of a row — its unit, whether its post heads the
unit, the post's order, the servant's surname, first name and id — and one query orders their
union by the unit tree (org.tree), then by that key, as `quarter_roster.sort_rows` orders
rows in Python (names by code point), and returns one page of servant ids, reading only the
rows of the units that hold the page (`OrderedRoster._window`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, QuerySet

from bagalau.core.paging import ListedInSql
from bagalau.org.tree import TREE, binary, tree_cte, tree_ids

#: Units whose rows are counted first when looking for a page's units (then twice as many).
FIRST_UNITS = 64
#: The order key's columns, as each part selects them.
COLUMNS = ("r_unit", "r_heads", "r_order", "r_last", "r_first", "r_servant")


@dataclass(frozen=True)
class Keyed:
    """A part of a roster: its rows (stored evaluations, servants the period does not hold yet)
    and the paths from a row to its post and its servant ("assignment__position", "servant"
    from an evaluation)."""

    rows: QuerySet[Any]
    post: str
    servant: str

    def keys(self) -> QuerySet[Any]:
        """The rows as order keys."""
        return self.rows.order_by().values(
            r_unit=F(f"{self.post}__unit_id"),
            r_heads=F(f"{self.post}__heads_unit"),
            r_order=F(f"{self.post}__order"),
            r_last=F(f"{self.servant}__last_name"),
            r_first=F(f"{self.servant}__first_name"),
            r_servant=F(f"{self.servant}__id"),
        )


class OrderedRoster(ListedInSql[int]):
    """The servant ids of the union of `parts` in roster order, for a Paginator: `count()` is
    a query a part, a slice a few (`rows`)."""

    def __init__(self, organisation_id: int, parts: list[Keyed]) -> None:
        self.organisation_id = organisation_id
        self.parts = parts

    def _union(self) -> tuple[str, list[Any]]:
        selects: list[str] = []
        params: list[Any] = []
        columns = ", ".join(COLUMNS)
        for n, part in enumerate(self.parts):
            try:
                sql, values = part.keys().query.sql_with_params()
            except EmptyResultSet:  # a filter that keeps nothing (`__in=[]`)
                continue
            selects.append(f"SELECT {columns} FROM ({sql}) AS part{n}")
            params += values
        if not selects:
            return "", []
        return " UNION ALL ".join(selects), params

    def total(self) -> int:
        """How many rows (a query a part): each part's rows counted without the joins its
        order keys need (a third of an HR page at 100,000 servants, issue 12)."""
        return sum(part.rows.order_by().count() for part in self.parts)

    def rows(self, offset: int, limit: int) -> list[int]:
        """The servant ids of rows `offset` to `offset + limit`: ordered among the rows of the
        units that hold them (`_window`), or among every row when the page reaches rows of no
        unit of the tree."""
        union, params = self._union()
        if not union or limit <= 0:
            return []
        cte, tree_params = tree_cte(self.organisation_id)
        window = self._window(offset, limit)
        where, kept = "", []
        if window is not None:
            units, before = window
            if not units:
                return []
            where = f"WHERE k.r_unit IN ({', '.join(['%s'] * len(units))}) "
            kept, offset = units, offset - before
        sql = (
            f"{cte} SELECT k.r_servant FROM ({union}) AS k LEFT JOIN {TREE} t ON t.id = k.r_unit "
            f"{where}ORDER BY CASE WHEN t.path IS NULL THEN 1 ELSE 0 END, {binary('t.path')}, "
            f"k.r_heads DESC, k.r_order, {binary('k.r_last')}, {binary('k.r_first')}, "
            f"k.r_servant LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*tree_params, *params, *kept, limit, offset])
            return [int(pk) for (pk,) in cursor.fetchall()]

    def _per_unit(self, units: list[int]) -> Counter[int]:
        """How many rows each of `units` holds (a query a part)."""
        counted: Counter[int] = Counter()
        for part in self.parts:
            column = f"{part.post}__unit_id"
            rows = (
                part.rows.order_by()
                .filter(**{f"{column}__in": units})
                .values_list(column)
                .annotate(n=Count("pk"))
            )
            for unit_id, n in rows:
                counted[unit_id] += n
        return counted

    def _window(self, offset: int, limit: int) -> tuple[list[int], int] | None:
        """The units, in tree order, that hold rows `offset` to `offset + limit`, and how many
        rows the units before them hold: the rows of the units are counted from the top of the
        tree, `FIRST_UNITS` units, then twice as many, and so on, until the page is reached, so
        the first pages of a roster of 100,000 join and sort the rows of a few units, not all
        of them (issue 12 item 3). None when the page reaches past the units of the tree (rows
        whose post is in none of them come last)."""
        tree = tree_ids(self.organisation_id)
        window: list[int] = []
        seen = before = 0
        at, size = 0, FIRST_UNITS
        while at < len(tree):
            chunk = tree[at : at + size]
            counts = self._per_unit(chunk)
            for unit_id in chunk:
                held = counts.get(unit_id, 0)
                if seen + held <= offset:
                    seen = before = seen + held
                    continue
                if held:
                    window.append(unit_id)
                seen += held
                if seen >= offset + limit:
                    return window, before
            at, size = at + size, size * 2
        return (window, before) if seen == self.count() else None
