"""The unit tree in the database (org.tree, issue 12 item 3): its order is `unit_tree`'s, the
filter's units around a chosen one, who may report to a manager (a superset of the whole
index's answer) and an index around a few servants in a deeper tree."""

import datetime as dt

import pytest

from bagalau.org.models import Servant
from bagalau.org.selectors import StructureIndex, unit_order, unit_tree
from bagalau.org.tree import may_report_to, tree_paths, units_around
from tests.deep_tree import build_deep

DAY = dt.date(2026, 3, 31)


@pytest.fixture
def deep(world):
    return build_deep(world)


def test_the_paths_order_units_as_the_unit_tree_does(world, deep):
    tree = unit_tree(world.org)
    paths = tree_paths(world.org, {unit.pk for unit, _depth in tree})
    assert sorted(paths, key=paths.__getitem__) == [unit.pk for unit, _depth in tree]
    assert tree_paths(world.org, set()) == {}


def test_the_unit_order_is_the_unit_trees_read_as_ids(world, deep):
    assert unit_order(world.org) == [(unit.pk, depth) for unit, depth in unit_tree(world.org)]


def test_the_filter_offers_the_top_levels_and_the_units_around_the_chosen_one(world, deep):
    top = units_around(world.org, None)
    assert [unit for unit, _depth in top] == [
        unit for unit, depth in unit_tree(world.org) if depth <= 1
    ]
    around = units_around(world.org, deep.s_b3.pk)
    assert (deep.s_b3, 2) in around
    assert (deep.s_deep, 3) in around
    assert deep.s_b2 not in {unit for unit, _depth in around}
    deeper = units_around(world.org, deep.s_deep.pk)
    assert [unit for unit, _depth in deeper] == [
        unit
        for unit, depth in unit_tree(world.org)
        if depth <= 1 or unit in (deep.s_b3, deep.s_deep)
    ]
    assert units_around(world.org, 10**30) == top


@pytest.mark.parametrize("day", [DAY, dt.date(2026, 1, 15)])
def test_who_may_report_to_a_manager_holds_everyone_the_whole_index_names(world, deep, day):
    whole = StructureIndex(world.org, day)
    servants = list(Servant.objects.filter(organisation=world.org))
    for manager in servants:
        reports = {s.pk for s in servants if whole.direct_manager(s) == manager}
        candidates = may_report_to(world.org, manager, day)
        assert reports <= candidates, manager
        part = StructureIndex(world.org, day, around=candidates)
        assert {pk for pk in candidates if part.direct_manager(Servant(pk=pk)) == manager} == (
            reports
        )
    assert may_report_to(world.org, deep.director, day) >= {deep.b3_staff.pk, deep.deep_staff.pk}
    assert deep.b2_staff.pk not in may_report_to(world.org, deep.director, day)


def test_an_index_around_a_servant_of_a_deep_tree_answers_as_the_whole_index(world, deep):
    world.a_staff1_assignment.direct_manager = world.deputy
    world.a_staff1_assignment.save()
    servants = list(Servant.objects.filter(organisation=world.org))
    for day in (dt.date(2026, 1, 15), DAY):
        whole = StructureIndex(world.org, day)
        for servant in servants:
            part = StructureIndex(world.org, day, around=[servant.pk])
            assert part.direct_manager(servant) == whole.direct_manager(servant), servant
            assert part.superior_manager(servant) == whole.superior_manager(servant), servant
            assert set(part.units) <= set(whole.units)
    part = StructureIndex(world.org, DAY, around=[deep.b2_staff.pk])
    assert deep.s_b3.pk not in part.units  # a page's index loads the units above its servants
