"""Who is evaluated how, and who evaluates, from a post's category and the structure.

An edition may say which categories are evaluated by KPI and which posts evaluate the others
(sjc-2023: ``data/sjc-2023/structure.yaml``, seed 002 p.2(4)-(6), p.21, p.28-29). An edition that
says nothing keeps the structure's plain reading: a post that heads its unit is a manager's post,
and every head manages the posts below.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bagalau.methodology.categories import valid_categories
from bagalau.methodology.loading import DATA_DIR, Node, node


@dataclass(frozen=True, slots=True)
class StructureRules:
    """Which categories are evaluated by KPI and which manage (direct and evaluate) others.

    Empty sets mean the edition names none: heading a unit decides.
    """

    kpi_categories: frozenset[str] = frozenset()
    manager_categories: frozenset[str] = frozenset()

    def evaluated_by_kpi(self, category: str, heads_unit: bool) -> bool:
        """Whether a post is evaluated by KPI (seed 002 p.2(4), p.21: the B-1 posts, i.e. the
        deputy head of the apparatus and the heads of structural units); the others by
        differentiation (p.2(5), p.28). A post without a category is not evaluated at all."""
        if not category:
            return False
        if not self.kpi_categories:
            return heads_unit
        return category in self.kpi_categories

    def head_manages(self, category: str) -> bool:
        """Whether the holder of a post that heads a unit is the direct manager (and evaluator)
        of the posts below it (p.29: "Аппарат құрылымдық бөлімшесінің басшысы", B-1 by p.2(4)).
        A B-3 sector head is not: his staff go to the nearest head above who is. A post outside
        the "B" corps (the head of the apparatus) always manages."""
        return not category or not self.manager_categories or category in self.manager_categories

    def manages_without_heading(self, category: str) -> bool:
        """Whether a post that heads no unit may still be named the manager of the posts of its
        unit and the units below (the deputy head of the apparatus, B-1 by p.2(4))."""
        return bool(category) and category in self.manager_categories


def _categories(item: Node) -> frozenset[str]:
    codes = frozenset(code.text() for code in item.seq())
    unknown = codes - set(valid_categories())
    if unknown:
        raise item.fail(f"unknown category codes {sorted(unknown)}")
    return codes


@cache
def load_structure_rules(directory: str) -> StructureRules:
    """The edition's ``structure.yaml``, or the plain reading when it has none."""
    if not (DATA_DIR / directory / "structure.yaml").exists():
        return StructureRules()
    root = node(f"{directory}/structure.yaml")
    return StructureRules(
        kpi_categories=_categories(root["kpi_categories"]),
        manager_categories=_categories(root["manager_categories"]),
    )
