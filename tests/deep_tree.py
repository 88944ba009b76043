"""A deeper structure under the `world` fixture's apparatus, for the tests of the unit tree in
the database and of the rosters ordered by it (issue 12 item 3)."""

import datetime as dt
from types import SimpleNamespace

from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UnitFactory


def post(world, unit, last_name, *, category="B-4", heads=False, order=0, start=None, end=None):
    """A servant holding a new post of `unit`."""
    servant = ServantFactory(organisation=world.org, last_name=last_name)
    position = PositionFactory(unit=unit, category=category, heads_unit=heads, order=order)
    AssignmentFactory(
        servant=servant, position=position, start=start or dt.date(2024, 1, 1), end=end
    )
    return servant


def build_deep(world):
    """A department under the apparatus with four sectors: one whose head (B-3) does not manage
    (p.29), one headed by a B-1 who does, one whose head post is vacant, and one under another
    sector; names that sort differently by code point and by the Kazakh alphabet, equal orders."""
    d = SimpleNamespace()
    d.dept = UnitFactory(organisation=world.org, parent=world.root, name_kk="Департамент", order=1)
    d.s_b3 = UnitFactory(organisation=world.org, parent=d.dept, name_kk="Әлем секторы", order=2)
    d.s_b2 = UnitFactory(organisation=world.org, parent=d.dept, name_kk="Бірлік секторы", order=2)
    d.s_vacant = UnitFactory(organisation=world.org, parent=d.dept, name_kk="Ақ секторы", order=2)
    d.s_deep = UnitFactory(organisation=world.org, parent=d.s_b3, name_kk="Топ", order=0)
    d.director = post(world, d.dept, "Директоров", category="B-1", heads=True)
    d.b3_head = post(world, d.s_b3, "Үшінші", category="B-3", heads=True)
    d.b3_staff = post(world, d.s_b3, "Қызметкер", order=1)
    d.b2_head = post(world, d.s_b2, "Екінші", category="B-1", heads=True)
    d.b2_staff = post(world, d.s_b2, "Маман", order=1)
    PositionFactory(unit=d.s_vacant, category="B-2", heads_unit=True)
    d.vacant_staff = post(world, d.s_vacant, "Бос", order=1)
    d.deep_staff = post(world, d.s_deep, "Терең")
    d.left = post(world, d.s_b2, "Кеткен", end=dt.date(2026, 2, 1))
    return d
