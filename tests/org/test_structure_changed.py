"""`org.signals.structure_changed`: every write that changes `structure_stamp` (what the
remembered managers and the 360 draft's check are kept under) tells the apps above, with its
organisation; a write that leaves the stamp as it was tells nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.org import services
from bagalau.org.manager_ids import structure_stamp
from bagalau.org.models import EditionAssignment, Role, RoleAssignment, Unit
from bagalau.org.signals import structure_changed
from bagalau.org_imports.services import structure_import
from tests.factories import (
    OrganisationFactory,
    PositionFactory,
    RoleAssignmentFactory,
    ServantFactory,
    UserFactory,
)
from tests.org.conftest import TODAY
from tests.org_imports.files import valid_rows, xlsx


@pytest.fixture
def told():
    """The organisations the signal named, in order."""
    heard: list[int] = []

    def receiver(*, organisation_id, **_):
        heard.append(organisation_id)

    structure_changed.connect(receiver, dispatch_uid="tests.told")
    yield heard
    structure_changed.disconnect(dispatch_uid="tests.told")


def _prepare(w) -> None:
    """What some changes act on: an empty unit, a vacancy, a servant without a post and an
    edition entered for next year."""
    w.new_unit = Unit.objects.create(organisation=w.org, parent=w.unit_a, name_kk="Жаңа бөлім")
    w.vacancy = PositionFactory(unit=w.unit_b, category="B-5", name_kk="Бос лауазым")
    w.newcomer = ServantFactory(organisation=w.org, user=None)
    w.future_edition = EditionAssignment.objects.create(
        organisation=w.org, edition="moj-2017", valid_from=dt.date(2028, 1, 1)
    )


CHANGES = {
    "unit_create": lambda w: services.unit_create(
        actor=w.hr_staff_user, organisation=w.org, name_kk="Жаңа", parent_id=w.unit_a.pk
    ),
    "unit_update": lambda w: services.unit_update(
        actor=w.hr_staff_user, unit_id=w.unit_b.pk, name_kk="Б бөлімі", parent_id=w.unit_a.pk
    ),
    "unit_delete": lambda w: services.unit_delete(actor=w.hr_staff_user, unit_id=w.new_unit.pk),
    "position_create": lambda w: services.position_create(
        actor=w.hr_staff_user, unit_id=w.unit_b.pk, name_kk="Сарапшы", category="B-5"
    ),
    "position_update": lambda w: services.position_update(
        actor=w.hr_staff_user,
        position_id=w.b_head_assignment.position_id,
        unit_id=w.unit_b.pk,
        name_kk=w.b_head_assignment.position.name_kk,
        category=w.b_head_assignment.position.category,
        heads_unit=False,
    ),
    "position_delete": lambda w: services.position_delete(
        actor=w.hr_staff_user, position_id=w.vacancy.pk
    ),
    "servant_appoint": lambda w: services.servant_appoint(
        actor=w.hr_staff_user,
        servant_id=w.newcomer.pk,
        position_id=w.vacancy.pk,
        start=TODAY,
    ),
    "servant_transfer": lambda w: services.servant_transfer(
        actor=w.hr_staff_user, servant_id=w.a_staff1.pk, position_id=w.vacancy.pk, start=TODAY
    ),
    "servant_dismiss": lambda w: services.servant_dismiss(
        actor=w.hr_staff_user, servant_id=w.a_staff1.pk, end=TODAY - dt.timedelta(days=1)
    ),
    "assignment_set_managers": lambda w: services.assignment_set_managers(
        actor=w.hr_staff_user,
        assignment_id=w.a_staff1_assignment.pk,
        direct_manager_id=w.deputy.pk,
        reason="Тапсырма",
    ),
    "role_grant (apparatus head)": lambda w: services.role_grant(
        actor=w.admin_user, organisation=w.org, user_id=w.deputy_user.pk, role=Role.APPARATUS_HEAD
    ),
    "role_revoke (apparatus head)": lambda w: services.role_revoke(
        actor=w.admin_user,
        role_assignment_id=RoleAssignment.objects.filter(
            organisation=w.org, role=Role.APPARATUS_HEAD
        )
        .first()
        .pk,
    ),
    "edition_assign": lambda w: services.edition_assign(
        actor=w.admin_user, organisation=w.org, edition="moj-2017", valid_from=TODAY
    ),
    "edition_unassign": lambda w: services.edition_unassign(
        actor=w.admin_user,
        edition_assignment_id=w.future_edition.pk,
    ),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_of_the_structure_is_told(world, clock, told, change):
    clock(TODAY)
    _prepare(world)
    before = structure_stamp(world.org, TODAY)
    future = structure_stamp(world.org, dt.date(2028, 1, 1))
    change(world)
    assert told
    assert set(told) == {world.org.pk}
    if change is CHANGES["edition_unassign"]:  # only a future one: the stamp of that day changes
        assert structure_stamp(world.org, dt.date(2028, 1, 1)) != future
    else:
        assert structure_stamp(world.org, TODAY) != before


QUIET = {
    "servant_update": lambda w: services.servant_update(
        actor=w.hr_staff_user, servant_id=w.a_staff1.pk, last_name="Жаңатегі", first_name="Ақан"
    ),
    "role_grant (HR)": lambda w: services.role_grant(
        actor=w.admin_user, organisation=w.org, user_id=w.deputy_user.pk, role=Role.HR
    ),
}


@pytest.mark.parametrize("change", QUIET.values(), ids=QUIET.keys())
def test_other_writes_tell_nothing(world, clock, told, change):
    clock(TODAY)
    _prepare(world)
    before = structure_stamp(world.org, TODAY)
    change(world)
    assert told == []
    assert structure_stamp(world.org, TODAY) == before


def test_an_import_that_changes_the_structure_is_told_once(db, clock, told):
    org = OrganisationFactory()
    hr = UserFactory()
    RoleAssignmentFactory(user=hr, organisation=org, role=Role.HR)
    clock(dt.date(2026, 5, 4))
    structure_import(actor=hr, organisation=org, data=xlsx(valid_rows()))
    assert told == [org.pk]
    structure_import(actor=hr, organisation=org, data=xlsx(valid_rows()))
    assert told == [org.pk]  # the same file again changes nothing
