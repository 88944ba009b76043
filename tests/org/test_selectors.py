"""Managers derived from the structure, overrides, and the work calendar with transfers."""

import datetime as dt

from bagalau.org.models import CalendarTransfer
from bagalau.org.selectors import (
    StructureIndex,
    direct_manager,
    organisation_edition,
    roles_of,
    subordinates,
    superior_manager,
    unit_tree,
    work_calendar,
)

DAY = dt.date(2026, 5, 4)


def test_staff_report_to_their_unit_head(world):
    assert direct_manager(world.a_staff1, DAY) == world.a_head
    assert superior_manager(world.a_staff1, DAY) == world.deputy


def test_a_unit_head_reports_to_the_head_above_unless_overridden(world):
    assert direct_manager(world.b_head, DAY) == world.head
    assert superior_manager(world.b_head, DAY) is None
    assert direct_manager(world.a_head, DAY) == world.deputy  # override
    assert superior_manager(world.a_head, DAY) == world.head


def test_a_vacant_head_post_passes_to_the_head_above(world):
    world.b_head_assignment.end = dt.date(2026, 3, 31)
    world.b_head_assignment.save()
    assert direct_manager(world.b_staff1, DAY) == world.head
    assert direct_manager(world.b_staff1, dt.date(2026, 3, 31)) == world.b_head


def test_subordinates(world):
    assert set(subordinates(world.a_head, DAY)) == {world.a_staff1, world.a_staff2}


def test_the_index_answers_every_manager_from_one_load(world, django_assert_num_queries):
    index = StructureIndex(world.org, DAY)
    with django_assert_num_queries(0):
        assert set(index.subordinates(world.a_head)) == {world.a_staff1, world.a_staff2}
        assert set(index.subordinates(world.deputy)) == {world.a_head}
        assert index.subordinates(world.a_staff1) == []
        for manager in (world.head, world.b_head, world.deputy):
            assert index.subordinates(manager) == [
                assignment.servant
                for assignment in index.assignment.values()
                if assignment.servant_id != manager.pk and index.manager_of(assignment) == manager
            ]


def test_roles_and_edition(world):
    assert roles_of(world.hr_head_user, world.org) == {"hr_head"}
    assert roles_of(world.outsider_user, world.org) == set()
    assert organisation_edition(world.org, DAY).code == "sjc-2023"


def test_unit_tree_orders_parents_first(world):
    assert [(u.name_en, depth) for u, depth in unit_tree(world.org)] == [
        ("Apparatus", 0),
        ("Legal department", 1),
        ("Analytics department", 1),
        ("HR sector", 1),
    ]


def test_calendar_uses_the_administrators_transfers(db):
    saturday, monday = dt.date(2026, 6, 6), dt.date(2026, 6, 8)
    assert not work_calendar().is_working_day(saturday)
    CalendarTransfer.objects.create(working_day=saturday, day_off=monday, note="test decree")
    calendar = work_calendar()
    assert calendar.is_working_day(saturday)
    assert not calendar.is_working_day(monday)


def test_the_structure_index_agrees_with_the_managers_selectors(world):
    from bagalau.org.models import Servant
    from bagalau.org.selectors import StructureIndex, unit_head

    world.b_head_assignment.end = dt.date(2026, 3, 31)  # a vacant head post too
    world.b_head_assignment.save()
    for day in (dt.date(2026, 3, 31), DAY):
        index = StructureIndex(world.org, day)
        for servant in Servant.objects.filter(organisation=world.org):
            assert index.direct_manager(servant) == direct_manager(servant, day), servant
            assert index.superior_manager(servant) == superior_manager(servant, day), servant
        for unit in (world.root, world.unit_a, world.unit_b, world.unit_hr):
            assert index.unit_head(unit.pk) == unit_head(unit, day)


def test_an_index_around_a_few_servants_names_their_managers_as_the_whole_index_does(world):
    """A page's index (`around`) loads only the posts that name its servants' managers: each
    answer about them is the whole index's, overrides and a vacant head post included."""
    from bagalau.org.models import Servant

    world.b_head_assignment.end = dt.date(2026, 3, 31)
    world.b_head_assignment.save()
    servants = list(Servant.objects.filter(organisation=world.org))
    for day in (dt.date(2026, 3, 31), DAY):
        whole = StructureIndex(world.org, day)
        for servant in servants:
            part = StructureIndex(world.org, day, around=[servant.pk])
            assert part.direct_manager(servant) == whole.direct_manager(servant), servant
            assert part.superior_manager(servant) == whole.superior_manager(servant), servant
            assert len(part.assignment) <= len(whole.assignment)
    # a member of staff's page does not load the other members of staff
    part = StructureIndex(world.org, DAY, around=[world.a_staff1.pk])
    assert world.a_staff2.pk not in part.assignment
    assert whole.direct_manager(world.a_head) == world.deputy  # the override is exercised
    # nor the heads of the units beside its own
    assert world.b_head.pk not in part.assignment


def test_an_index_around_a_few_units_names_their_heads_as_the_whole_index_does(world):
    """The structure page asks who heads a unit with a vacancy (`around_units`): the answer is
    the whole index's, the head post left vacant included, for every unit."""
    world.b_head_assignment.end = dt.date(2026, 3, 31)
    world.b_head_assignment.save()
    units = list(world.org.units.all())
    for day in (dt.date(2026, 3, 31), DAY):
        whole = StructureIndex(world.org, day)
        for unit in units:
            part = StructureIndex(world.org, day, around=[], around_units=[unit.pk])
            assert part.unit_head(unit.pk) == whole.unit_head(unit.pk), (unit, day)


def _agree(whole, ids, organisation):
    from bagalau.org.models import Servant

    for servant in Servant.objects.filter(organisation=organisation):
        manager = whole.direct_manager(servant)
        superior = whole.superior_manager(servant)
        assert ids.manager_id_of(servant.pk) == (manager.pk if manager else None), servant
        got = ids.superior_manager(servant)
        assert (got.pk if got else None) == (superior.pk if superior else None), servant
        assert [s.pk for s in ids.subordinates(servant)] == [
            s.pk for s in whole.subordinates(servant)
        ]
    for unit in organisation.units.all():
        head, got = whole.unit_head(unit.pk), ids.unit_head(unit.pk)
        assert (got.pk if got else None) == (head.pk if head else None), unit


def test_the_index_read_as_values_names_every_manager_the_index_names(world):
    """`ManagerIds` (the whole organisation as values, no model instance) answers as the
    index: an override, a vacant head post, the heads above."""
    from bagalau.org.manager_ids import ManagerIds

    world.b_head_assignment.end = dt.date(2026, 3, 31)
    world.b_head_assignment.save()
    for day in (dt.date(2026, 3, 31), DAY):
        _agree(StructureIndex(world.org, day), ManagerIds(world.org, day), world.org)
    assert ManagerIds(world.org, DAY).manager_id_of(world.a_head.pk) == world.deputy.pk


def test_the_index_read_as_values_reads_four_queries(world, django_assert_num_queries):
    from bagalau.org.manager_ids import ManagerIds

    with django_assert_num_queries(4):  # rules (edition), units, posts, heads of the apparatus
        ManagerIds(world.org, DAY)


def test_a_head_asked_about_after_the_units_answer_is_kept_is_still_skipped(world):
    """The index keeps each unit's head once worked out; asked again excluding that head (the
    head's own manager), it walks on to the head above, as a fresh index does."""
    index = StructureIndex(world.org, DAY)
    assert index.unit_head(world.unit_a.pk) == world.a_head
    above = StructureIndex(world.org, DAY).unit_head(world.unit_a.pk, excluding=world.a_head)
    assert above is not None
    assert above != world.a_head
    assert index.unit_head(world.unit_a.pk, excluding=world.a_head) == above
    assert index.unit_head(world.unit_a.pk, excluding=world.a_staff1) == world.a_head
