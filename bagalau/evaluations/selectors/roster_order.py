"""A roster's servants in the roster's order, counted and cut into pages in the database (issue
12 item 3): the rows come from querysets (the stored evaluations, the servants the period does
not hold yet) that each select the order key of a row — its unit, whether its post heads the
unit, the post's order, the servant's surname, first name and id — and one query orders their
union by the unit tree (org.tree), then by that key, as `quarter_roster.sort_rows` orders
rows in Python (names by code point), and returns one page of servant ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet

from bagalau.core.paging import ListedInSql
from bagalau.org.tree import TREE, binary, tree_cte

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
    """The servant ids of the union of `parts` in roster order, for
    a Paginator: `count()` is a query a part and a slice one query."""

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
        """The servant ids of rows `offset` to `offset + limit` (one query)."""
        union, params = self._union()
        if not union or limit <= 0:
            return []
        cte, tree_params = tree_cte(self.organisation_id)
        sql = (
            f"{cte} SELECT k.r_servant FROM ({union}) AS k LEFT JOIN {TREE} t ON t.id = k.r_unit "
            f"ORDER BY CASE WHEN t.path IS NULL THEN 1 ELSE 0 END, {binary('t.path')}, "
            f"k.r_heads DESC, k.r_order, {binary('k.r_last')}, {binary('k.r_first')}, "
            f"k.r_servant LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*tree_params, *params, limit, offset])
            return [int(pk) for (pk,) in cursor.fetchall()]
