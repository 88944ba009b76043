"""`structure_stamp` (org.manager_ids): what `managers_today` is remembered under changes with
every write to the structure HR makes through the services, and with the day; the remembered
managers are then worked out again and follow the change."""

import datetime as dt

import pytest

from bagalau.core.memo import forget_everything
from bagalau.org.manager_ids import ManagerIds, managers_today, reports_today, structure_stamp
from bagalau.org.models import Role, Servant
from bagalau.org.selectors import StructureIndex
from bagalau.org.services import (
    assignment_set_managers,
    position_update,
    role_grant,
    unit_update,
)

DAY = dt.date(2026, 3, 2)


def move_unit_b_under_a(w):
    unit_update(
        actor=w.hr_staff_user,
        unit_id=w.unit_b.pk,
        name_kk=w.unit_b.name_kk,
        parent_id=w.unit_a.pk,
    )


def b_head_no_longer_heads(w):
    post = w.b_head_assignment.position
    position_update(
        actor=w.hr_staff_user,
        position_id=post.pk,
        unit_id=post.unit_id,
        name_kk=post.name_kk,
        category=post.category,
        heads_unit=False,
    )


def a_staff1_reports_to_deputy(w):
    assignment_set_managers(
        actor=w.hr_staff_user,
        assignment_id=w.a_staff1_assignment.pk,
        direct_manager_id=w.deputy.pk,
        reason="Тапсырма",
    )


def deputy_heads_the_apparatus(w):
    role_grant(
        actor=w.admin_user,
        organisation=w.org,
        user_id=w.deputy_user.pk,
        role=Role.APPARATUS_HEAD,
    )


@pytest.mark.parametrize(
    "change",
    [
        move_unit_b_under_a,
        b_head_no_longer_heads,
        a_staff1_reports_to_deputy,
        deputy_heads_the_apparatus,
    ],
)
def test_every_structure_change_changes_the_stamp(world, clock, change):
    clock(DAY)
    before = structure_stamp(world.org, DAY)
    remembered = managers_today(world.org, DAY)
    change(world)
    assert structure_stamp(world.org, DAY) != before
    again = managers_today(world.org, DAY)
    index = ManagerIds(world.org, DAY)
    assert again == {pk: index.manager_id_of(pk) for pk in again}
    assert again == {pk: index.manager_id_of(pk) for pk in remembered}


def test_the_stamp_is_the_day_s(world):
    assert structure_stamp(world.org, DAY) == structure_stamp(world.org, DAY)
    assert structure_stamp(world.org, DAY) != structure_stamp(world.org, DAY + dt.timedelta(1))


def test_the_managers_follow_a_change_of_manager(world, clock):
    clock(DAY)
    assert managers_today(world.org, DAY)[world.a_staff1.pk] == world.a_head.pk
    a_staff1_reports_to_deputy(world)
    assert managers_today(world.org, DAY)[world.a_staff1.pk] == world.deputy.pk
    forget_everything()
    assert managers_today(world.org, DAY)[world.a_staff1.pk] == world.deputy.pk


@pytest.mark.parametrize("change", [None, move_unit_b_under_a, a_staff1_reports_to_deputy])
def test_the_reports_remembered_are_the_structure_s(world, clock, change):
    clock(DAY)
    if change is not None:
        reports_today(world.head, DAY)  # remembered before the change
        change(world)
    index = StructureIndex(world.org, DAY)
    servants = Servant.objects.filter(organisation=world.org)
    asked = {s.pk: {r.pk for r in reports_today(s, DAY)} for s in servants}
    assert asked == {s.pk: {r.pk for r in index.subordinates(s)} for s in servants}
    assert any(asked.values())
