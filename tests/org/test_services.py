"""Every rule of the org services: what they write, what they audit, and that a refusal leaves
nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.org import services
from bagalau.org.models import (
    Absence,
    AbsenceKind,
    Assignment,
    AssignmentKind,
    CalendarTransfer,
    EditionAssignment,
    EndReason,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.org.selectors import (
    assignment_on,
    direct_manager,
    organisation_edition,
    structure_rules,
    superior_manager,
    work_calendar,
)
from tests.factories import AbsenceFactory, AssignmentFactory, PositionFactory, ServantFactory
from tests.org.conftest import TODAY

D = dt.date


def last_audit(action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action).order_by("-pk").first()
    assert entry is not None, action
    return entry


def refused(error: pytest.ExceptionInfo[DomainError], field: str) -> None:
    assert error.value.field == field
    assert error.value.message


# --- units -------------------------------------------------------------------------------------


def test_hr_adds_a_unit_under_a_parent_and_it_is_audited(world):
    unit = services.unit_create(
        actor=world.hr_staff_user,
        organisation=world.org,
        name_kk="Жаңа сектор",
        name_ru="Новый сектор",
        name_en="New sector",
        parent_id=world.unit_a.pk,
        order=4,
    )
    assert (unit.parent, unit.organisation, unit.order) == (world.unit_a, world.org, 4)
    entry = last_audit("create")
    assert entry.actor == world.hr_staff_user
    assert entry.object_type == "org.unit"
    assert entry.object_id == str(unit.pk)
    assert entry.changes["name_kk"] == [None, "Жаңа сектор"]
    assert entry.changes["parent"] == [None, world.unit_a.pk]


def test_the_head_of_hr_may_change_the_structure_too(world):
    unit = services.unit_create(actor=world.hr_head_user, organisation=world.org, name_kk="Бөлім")
    assert unit.parent is None


@pytest.mark.parametrize(
    ("actor", "error"),
    [
        ("a_staff1_user", PermissionDenied),
        ("head_user", PermissionDenied),
        ("admin_user", PermissionDenied),
        ("outsider_user", Http404),
    ],
)
def test_only_hr_changes_units(world, unchanged, actor, error):
    with unchanged(), pytest.raises(error):
        services.unit_create(actor=getattr(world, actor), organisation=world.org, name_kk="X")
    with unchanged(), pytest.raises(error):
        services.unit_update(actor=getattr(world, actor), unit_id=world.unit_a.pk, name_kk="X")
    empty = Unit.objects.create(organisation=world.org, name_kk="Бос")
    with unchanged(), pytest.raises(error):
        services.unit_delete(actor=getattr(world, actor), unit_id=empty.pk)


def test_hr_of_another_organisation_does_not_see_this_one(world, other, unchanged):
    with unchanged(), pytest.raises(Http404):
        services.unit_update(actor=other.hr_user, unit_id=world.unit_a.pk, name_kk="X")
    with unchanged(), pytest.raises(Http404):
        services.unit_create(actor=other.hr_user, organisation=world.org, name_kk="X")


def test_a_unit_needs_a_kazakh_name_and_a_parent_of_the_organisation(world, other, unchanged):
    with unchanged(), pytest.raises(DomainError) as error:
        services.unit_create(actor=world.hr_staff_user, organisation=world.org, name_kk="  ")
    refused(error, "name_kk")
    with unchanged(), pytest.raises(DomainError) as error:
        services.unit_create(
            actor=world.hr_staff_user,
            organisation=world.org,
            name_kk="X",
            parent_id=other.unit.pk,
        )
    refused(error, "parent")


def test_hr_renames_moves_and_reorders_a_unit(world):
    services.unit_update(
        actor=world.hr_staff_user,
        unit_id=world.unit_b.pk,
        name_kk="Талдау басқармасы",
        name_ru="Аналитическое управление",
        name_en="Analytics directorate",
        parent_id=world.unit_a.pk,
        order=7,
    )
    world.unit_b.refresh_from_db()
    assert world.unit_b.name_en == "Analytics directorate"
    assert (world.unit_b.parent, world.unit_b.order) == (world.unit_a, 7)
    entry = last_audit("update")
    assert entry.changes["parent_id"] == [world.root.pk, world.unit_a.pk]
    assert entry.changes["name_ru"] == ["Аналитический отдел", "Аналитическое управление"]
    assert entry.changes["order"] == [2, 7]
    # After the move, b_staff1 still reports to b_head, and b_head now to a_head.
    assert direct_manager(world.b_head, TODAY) == world.a_head


@pytest.mark.parametrize("target", ["unit_a", "sub"])
def test_a_unit_cannot_move_under_itself_or_below_it(world, unchanged, target):
    sub = Unit.objects.create(organisation=world.org, parent=world.unit_a, name_kk="Ішкі")
    parent = sub if target == "sub" else world.unit_a
    with unchanged(), pytest.raises(DomainError) as error:
        services.unit_update(
            actor=world.hr_staff_user,
            unit_id=world.unit_a.pk,
            name_kk=world.unit_a.name_kk,
            parent_id=parent.pk,
        )
    refused(error, "parent")


def test_the_root_cannot_move_under_its_descendant(world, unchanged):
    with unchanged(), pytest.raises(DomainError) as error:
        services.unit_update(
            actor=world.hr_staff_user,
            unit_id=world.root.pk,
            name_kk=world.root.name_kk,
            parent_id=world.unit_hr.pk,
        )
    refused(error, "parent")


def test_a_stale_unit_form_is_refused(world, unchanged):
    version = world.unit_a.version
    services.unit_update(
        actor=world.hr_staff_user,
        unit_id=world.unit_a.pk,
        name_kk="Бірінші өзгеріс",
        parent_id=world.root.pk,
        version=version,
    )
    with unchanged(), pytest.raises(ConflictError) as error:
        services.unit_update(
            actor=world.hr_head_user,
            unit_id=world.unit_a.pk,
            name_kk="Екінші өзгеріс",
            parent_id=world.root.pk,
            version=version,
        )
    assert error.value.field == "version"


def test_a_unit_with_children_or_positions_stays(world, unchanged):
    with unchanged(), pytest.raises(DomainError) as error:
        services.unit_delete(actor=world.hr_staff_user, unit_id=world.root.pk)
    refused(error, "children")
    with unchanged(), pytest.raises(DomainError) as error:
        services.unit_delete(actor=world.hr_staff_user, unit_id=world.unit_a.pk)
    refused(error, "positions")


def test_an_empty_unit_is_removed_and_audited(world):
    empty = Unit.objects.create(organisation=world.org, parent=world.root, name_kk="Бос")
    services.unit_delete(actor=world.hr_staff_user, unit_id=empty.pk)
    assert not Unit.objects.filter(pk=empty.pk).exists()
    entry = last_audit("delete")
    assert entry.object_id == str(empty.pk)
    assert entry.changes["name_kk"] == ["Бос", None]


# --- positions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("в-4", "B-4"), ("C-0-1", "C-O-1"), ("  d – 2 ", "D-2"), ("", ""), ("E-G-4", "E-G-4")],
)
def test_the_category_is_normalised(world, typed, stored):
    position = services.position_create(
        actor=world.hr_staff_user, unit_id=world.unit_b.pk, name_kk="Сарапшы", category=typed
    )
    assert position.category == stored
    assert position.is_evaluated is bool(stored)


def test_an_unknown_category_is_refused(world, unchanged):
    with unchanged(), pytest.raises(DomainError) as error:
        services.position_create(
            actor=world.hr_staff_user, unit_id=world.unit_b.pk, name_kk="X", category="B-9"
        )
    refused(error, "category")
    assert "B-9" in error.value.message


def test_the_method_follows_the_category_unless_hr_overrides_it_with_a_reason(world):
    """Seed 002 p.2(4), p.21, p.28: B-1 posts (deputy head, heads of structural units) by KPI,
    everyone else by differentiation, heading a unit or not; HR's override needs a reason."""
    rules = structure_rules(world.org, TODAY)
    department = Unit.objects.create(organisation=world.org, parent=world.root, name_kk="Жаңа")
    sector = Unit.objects.create(organisation=world.org, parent=department, name_kk="Сектор")
    head = services.position_create(
        actor=world.hr_staff_user,
        unit_id=department.pk,
        name_kk="Басшы",
        category="B-1",
        heads_unit=True,
        provides_services=True,
    )
    sector_head = services.position_create(
        actor=world.hr_staff_user,
        unit_id=sector.pk,
        name_kk="Сектор меңгерушісі",
        category="B-3",
        heads_unit=True,
    )
    staff = services.position_create(
        actor=world.hr_staff_user, unit_id=department.pk, name_kk="Маман", category="B-5"
    )
    deputy = services.position_create(
        actor=world.hr_staff_user, unit_id=world.root.pk, name_kk="Орынбасар 2", category="B-1"
    )
    assert [p.evaluated_by_kpi(rules) for p in (head, sector_head, staff, deputy)] == [
        True,
        False,
        False,
        True,
    ]
    assert sector_head.is_manager is False
    with pytest.raises(DomainError) as error:
        services.position_update(
            actor=world.hr_staff_user,
            position_id=sector_head.pk,
            unit_id=sector.pk,
            name_kk="Сектор меңгерушісі",
            category="B-3",
            heads_unit=True,
            method_override="kpi",
        )
    refused(error, "method_override_reason")
    sector_head.refresh_from_db()
    assert (sector_head.method_override, sector_head.evaluated_by_kpi(rules)) == ("", False)
    services.position_update(
        actor=world.hr_staff_user,
        position_id=sector_head.pk,
        unit_id=sector.pk,
        name_kk="Сектор меңгерушісі",
        category="B-3",
        heads_unit=True,
        method_override="kpi",
        method_override_reason="  Аппарат басшысының 2026 ж. № 5 бұйрығы ",
    )
    sector_head.refresh_from_db()
    assert sector_head.evaluated_by_kpi(rules) is True
    entry = last_audit("update")
    assert entry.changes == {
        "method_override": ["", "kpi"],
        "method_override_reason": ["", "Аппарат басшысының 2026 ж. № 5 бұйрығы"],
    }
    # Clearing the override clears its reason: the category decides again.
    services.position_update(
        actor=world.hr_staff_user,
        position_id=sector_head.pk,
        unit_id=sector.pk,
        name_kk="Сектор меңгерушісі",
        category="B-3",
        heads_unit=True,
        method_override_reason="қалды",
    )
    sector_head.refresh_from_db()
    assert (sector_head.method_override_reason, sector_head.evaluated_by_kpi(rules)) == ("", False)
    with pytest.raises(DomainError) as error:
        services.position_create(
            actor=world.hr_staff_user,
            unit_id=department.pk,
            name_kk="X",
            category="B-4",
            method_override="bonus",
            method_override_reason="x",
        )
    refused(error, "method_override")


def test_a_unit_has_one_head_post(world, unchanged):
    with unchanged(), pytest.raises(DomainError) as error:
        services.position_create(
            actor=world.hr_staff_user, unit_id=world.unit_a.pk, name_kk="X", heads_unit=True
        )
    refused(error, "heads_unit")
    staff_post = world.a_staff1_assignment.position
    with unchanged(), pytest.raises(DomainError) as error:
        services.position_update(
            actor=world.hr_staff_user,
            position_id=staff_post.pk,
            unit_id=world.unit_a.pk,
            name_kk=staff_post.name_kk,
            category="B-3",
            heads_unit=True,
        )
    refused(error, "heads_unit")


def test_hr_updates_a_position_and_the_audit_has_old_and_new(world):
    post = world.b_staff1_assignment.position
    services.position_update(
        actor=world.hr_staff_user,
        position_id=post.pk,
        unit_id=world.unit_a.pk,
        name_kk="Бас сарапшы",
        name_en="Chief expert",
        category="с-о-3",
        provides_services=True,
        order=3,
        version=post.version,
    )
    post.refresh_from_db()
    assert (post.unit, post.category, post.provides_services) == (world.unit_a, "C-O-3", True)
    entry = last_audit("update")
    assert entry.changes["category"] == ["B-4", "C-O-3"]
    assert entry.changes["unit_id"] == [world.unit_b.pk, world.unit_a.pk]
    # The holder moved with the post: now reports to the Legal department's head.
    assert direct_manager(world.b_staff1, TODAY) == world.a_head


def test_a_position_moves_only_within_its_organisation(world, other, unchanged):
    post = world.b_staff1_assignment.position
    with unchanged(), pytest.raises(DomainError) as error:
        services.position_update(
            actor=world.hr_staff_user,
            position_id=post.pk,
            unit_id=other.unit.pk,
            name_kk=post.name_kk,
            category="B-4",
        )
    refused(error, "unit")


def test_a_position_staff_cannot_change(world, unchanged):
    post = world.b_staff1_assignment.position
    with unchanged(), pytest.raises(PermissionDenied):
        services.position_update(
            actor=world.b_head_user,
            position_id=post.pk,
            unit_id=world.unit_b.pk,
            name_kk="X",
        )
    with unchanged(), pytest.raises(PermissionDenied):
        services.position_create(actor=world.b_head_user, unit_id=world.unit_b.pk, name_kk="X")


def test_a_position_ever_held_cannot_be_removed(world, unchanged):
    post = world.b_staff1_assignment.position
    world.b_staff1_assignment.end = D(2025, 1, 1)
    world.b_staff1_assignment.end_reason = EndReason.DISMISSAL
    world.b_staff1_assignment.save()
    with unchanged(), pytest.raises(DomainError) as error:
        services.position_delete(actor=world.hr_staff_user, position_id=post.pk)
    refused(error, "position")


def test_a_position_never_held_is_removed(world):
    post = PositionFactory(unit=world.unit_b)
    services.position_delete(actor=world.hr_staff_user, position_id=post.pk)
    assert not Position.objects.filter(pk=post.pk).exists()
    assert last_audit("delete").object_type == "org.position"


def test_missing_rows_are_not_found(world):
    with pytest.raises(Http404):
        services.position_delete(actor=world.hr_staff_user, position_id=999999)
    with pytest.raises(Http404):
        services.unit_delete(actor=world.hr_staff_user, unit_id=999999)
    with pytest.raises(Http404):
        services.absence_delete(actor=world.hr_staff_user, absence_id=999999)


# --- servants ----------------------------------------------------------------------------------


def test_hr_registers_a_servant_without_a_login(world):
    servant = services.servant_create(
        actor=world.hr_staff_user,
        organisation=world.org,
        last_name=" Жаңаев ",
        first_name="Ерік",
        personnel_number="T-17",
    )
    assert (servant.last_name, servant.user, servant.organisation) == ("Жаңаев", None, world.org)
    entry = last_audit("create")
    assert entry.changes["personnel_number"] == [None, "T-17"]
    assert entry.changes["username"] == [None, None]


def test_hr_registers_a_servant_with_a_login(world):
    servant = services.servant_create(
        actor=world.hr_staff_user,
        organisation=world.org,
        last_name="Жаңаев",
        first_name="Ерік",
        email="erik@example.kz",
        username="zhanayev",
        password="Kazakh-Steppe-2026",
    )
    assert servant.user is not None
    assert servant.user.username == "zhanayev"
    assert servant.user.check_password("Kazakh-Steppe-2026")
    assert servant.user.email == "erik@example.kz"
    assert "Kazakh-Steppe-2026" not in str(last_audit("create").changes)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"username": "a_staff1", "password": "Kazakh-Steppe-2026"}, "username"),
        ({"username": "A_STAFF1", "password": "Kazakh-Steppe-2026"}, "username"),
        ({"username": "", "password": "Kazakh-Steppe-2026"}, "username"),
        ({"username": "newbie", "password": ""}, "password"),
        ({"username": "newbie", "password": "123"}, "password"),
        ({"last_name": ""}, "last_name"),
        ({"first_name": " "}, "first_name"),
        ({"email": "not-an-address"}, "email"),
        ({"personnel_number": "P-1"}, "personnel_number"),
    ],
)
def test_a_servant_registration_that_breaks_a_rule_writes_nothing(world, unchanged, values, field):
    world.a_staff1.personnel_number = "P-1"
    world.a_staff1.save()
    data = {"last_name": "Жаңаев", "first_name": "Ерік", **values}
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_create(actor=world.hr_staff_user, organisation=world.org, **data)
    refused(error, field)


def test_the_same_personnel_number_may_exist_in_another_organisation(world, other):
    other.servant.personnel_number = "P-1"
    other.servant.save()
    servant = services.servant_create(
        actor=world.hr_staff_user,
        organisation=world.org,
        last_name="A",
        first_name="B",
        personnel_number="P-1",
    )
    assert servant.personnel_number == "P-1"


def test_staff_cannot_register_servants(world, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        services.servant_create(
            actor=world.a_head_user, organisation=world.org, last_name="A", first_name="B"
        )


def test_hr_corrects_personal_data(world):
    services.servant_update(
        actor=world.hr_staff_user,
        servant_id=world.a_staff1.pk,
        last_name="Бекова-Омарова",
        first_name="Айгүл",
        email="aigul@example.kz",
        version=world.a_staff1.version,
    )
    world.a_staff1.refresh_from_db()
    assert world.a_staff1.last_name == "Бекова-Омарова"
    entry = last_audit("update")
    assert entry.changes == {
        "last_name": ["Бекова", "Бекова-Омарова"],
        "email": ["", "aigul@example.kz"],
    }


def test_personal_data_staff_cannot_change_not_even_their_own(world, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        services.servant_update(
            actor=world.a_staff1_user, servant_id=world.a_staff1.pk, last_name="X", first_name="Y"
        )


def test_a_stale_servant_form_is_refused(world, unchanged):
    stale = world.a_staff1.version
    services.servant_update(
        actor=world.hr_staff_user, servant_id=world.a_staff1.pk, last_name="A", first_name="B"
    )
    with unchanged(), pytest.raises(ConflictError):
        services.servant_update(
            actor=world.hr_head_user,
            servant_id=world.a_staff1.pk,
            last_name="C",
            first_name="D",
            version=stale,
        )


def test_hr_gives_a_login_to_a_servant_without_one(world, unchanged):
    servant = ServantFactory(organisation=world.org, user=None)
    services.servant_grant_login(
        actor=world.hr_staff_user,
        servant_id=servant.pk,
        username="late",
        password="Kazakh-Steppe-2026",
    )
    servant.refresh_from_db()
    assert servant.user is not None
    assert servant.user.username == "late"
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_grant_login(
            actor=world.hr_staff_user,
            servant_id=servant.pk,
            username="later",
            password="Kazakh-Steppe-2026",
        )
    refused(error, "username")


# --- assignments -------------------------------------------------------------------------------


@pytest.fixture
def newcomer(world):
    return ServantFactory(organisation=world.org, user=None, last_name="Жаңаев")


@pytest.fixture
def vacancy(world):
    return PositionFactory(unit=world.unit_b, category="B-5", name_kk="Бос лауазым")


def test_hr_appoints_a_servant_to_a_vacancy(world, newcomer, vacancy):
    assignment = services.servant_appoint(
        actor=world.hr_staff_user,
        servant_id=newcomer.pk,
        position_id=vacancy.pk,
        start=D(2026, 5, 11),
        probation_until=D(2026, 8, 10),
    )
    assert assignment.kind == AssignmentKind.APPOINTMENT
    assert (assignment.start, assignment.end, assignment.probation_until) == (
        D(2026, 5, 11),
        None,
        D(2026, 8, 10),
    )
    assert direct_manager(newcomer, D(2026, 5, 11)) == world.b_head
    assert superior_manager(newcomer, D(2026, 5, 11)) == world.head
    entry = last_audit("appoint")
    assert entry.changes["position"] == [None, vacancy.pk]
    assert entry.changes["probation_until"] == [None, "2026-08-10"]


def test_a_post_held_by_someone_else_on_an_overlapping_day_is_refused(world, newcomer, unchanged):
    taken = world.a_staff1_assignment.position
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_appoint(
            actor=world.hr_staff_user,
            servant_id=newcomer.pk,
            position_id=taken.pk,
            start=D(2026, 6, 1),
        )
    refused(error, "position")
    assert world.a_staff1.full_name in error.value.message


def test_a_post_held_later_is_refused_and_one_held_earlier_is_free(
    world, newcomer, vacancy, unchanged
):
    earlier = ServantFactory(organisation=world.org, user=None)
    AssignmentFactory(
        servant=earlier,
        position=vacancy,
        start=D(2025, 1, 1),
        end=D(2025, 12, 31),
        end_reason=EndReason.DISMISSAL,
    )
    later = ServantFactory(organisation=world.org, user=None)
    other_vacancy = PositionFactory(unit=world.unit_b)
    AssignmentFactory(servant=later, position=other_vacancy, start=D(2026, 9, 1))
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_appoint(
            actor=world.hr_staff_user,
            servant_id=newcomer.pk,
            position_id=other_vacancy.pk,
            start=D(2026, 6, 1),
        )
    refused(error, "position")
    services.servant_appoint(
        actor=world.hr_staff_user, servant_id=newcomer.pk, position_id=vacancy.pk, start=TODAY
    )


def test_a_servant_holding_a_post_is_transferred_not_appointed(world, vacancy, unchanged):
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_appoint(
            actor=world.hr_staff_user,
            servant_id=world.a_staff1.pk,
            position_id=vacancy.pk,
            start=TODAY,
        )
    refused(error, "start")


def test_appointment_rules_on_probation_and_organisation(
    world, other, newcomer, vacancy, unchanged
):
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_appoint(
            actor=world.hr_staff_user,
            servant_id=newcomer.pk,
            position_id=vacancy.pk,
            start=TODAY,
            probation_until=TODAY - dt.timedelta(days=1),
        )
    refused(error, "probation_until")
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_appoint(
            actor=world.hr_staff_user,
            servant_id=newcomer.pk,
            position_id=other.position.pk,
            start=TODAY,
        )
    refused(error, "position")
    with unchanged(), pytest.raises(Http404):
        services.servant_appoint(
            actor=other.hr_user, servant_id=newcomer.pk, position_id=vacancy.pk, start=TODAY
        )
    with unchanged(), pytest.raises(PermissionDenied):
        services.servant_appoint(
            actor=world.admin_user, servant_id=newcomer.pk, position_id=vacancy.pk, start=TODAY
        )


def test_transfer_ends_the_current_post_the_day_before(world, vacancy):
    old = world.a_staff1_assignment
    new = services.servant_transfer(
        actor=world.hr_staff_user,
        servant_id=world.a_staff1.pk,
        position_id=vacancy.pk,
        start=D(2026, 6, 1),
    )
    old.refresh_from_db()
    assert (old.end, old.end_reason) == (D(2026, 5, 31), EndReason.TRANSFER)
    assert (new.kind, new.start, new.end, new.position) == (
        AssignmentKind.TRANSFER,
        D(2026, 6, 1),
        None,
        vacancy,
    )
    assert direct_manager(world.a_staff1, D(2026, 5, 31)) == world.a_head
    assert direct_manager(world.a_staff1, D(2026, 6, 1)) == world.b_head
    assert last_audit("transfer_out").changes["end_reason"] == ["", "transfer"]
    assert last_audit("transfer_in").changes["previous"] == [None, old.pk]


def test_transfer_refusals_change_nothing(world, newcomer, vacancy, unchanged):
    cases = [
        # nobody holds a post to transfer from
        ({"servant_id": newcomer.pk, "position_id": vacancy.pk, "start": TODAY}, "start"),
        # the transfer must start after the current post began
        (
            {"servant_id": world.a_staff1.pk, "position_id": vacancy.pk, "start": D(2024, 1, 1)},
            "start",
        ),
        # the same post
        (
            {
                "servant_id": world.a_staff1.pk,
                "position_id": world.a_staff1_assignment.position_id,
                "start": TODAY,
            },
            "position",
        ),
        # somebody else's post
        (
            {
                "servant_id": world.a_staff1.pk,
                "position_id": world.b_staff1_assignment.position_id,
                "start": TODAY,
            },
            "position",
        ),
    ]
    for kwargs, field in cases:
        with unchanged(), pytest.raises(DomainError) as error:
            services.servant_transfer(actor=world.hr_staff_user, **kwargs)
        refused(error, field)
    with unchanged(), pytest.raises(PermissionDenied):
        services.servant_transfer(
            actor=world.a_head_user,
            servant_id=world.a_staff1.pk,
            position_id=vacancy.pk,
            start=TODAY,
        )


def test_dismissal_ends_the_post(world):
    assignment = services.servant_dismiss(
        actor=world.hr_staff_user, servant_id=world.a_staff1.pk, end=D(2026, 5, 29)
    )
    assert (assignment.end, assignment.end_reason) == (D(2026, 5, 29), EndReason.DISMISSAL)
    assert assignment_on(world.a_staff1, D(2026, 5, 30)) is None
    assert direct_manager(world.a_staff1, D(2026, 5, 30)) is None
    assert last_audit("dismiss").changes["end"] == [None, "2026-05-29"]


def test_dismissal_refusals(world, newcomer, vacancy, unchanged):
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_dismiss(actor=world.hr_staff_user, servant_id=newcomer.pk, end=TODAY)
    refused(error, "end")
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_dismiss(
            actor=world.hr_staff_user, servant_id=world.a_staff1.pk, end=D(2023, 12, 31)
        )
    refused(error, "end")
    services.servant_transfer(
        actor=world.hr_staff_user,
        servant_id=world.a_staff1.pk,
        position_id=vacancy.pk,
        start=D(2026, 6, 1),
    )
    with unchanged(), pytest.raises(DomainError) as error:
        services.servant_dismiss(
            actor=world.hr_staff_user, servant_id=world.a_staff1.pk, end=D(2026, 5, 20)
        )
    refused(error, "end")
    with unchanged(), pytest.raises(PermissionDenied):
        services.servant_dismiss(
            actor=world.a_staff1_user, servant_id=world.a_staff1.pk, end=D(2026, 7, 1)
        )


def test_manager_overrides_and_clearing_them(world):
    assignment = world.a_staff1_assignment
    assert (direct_manager(world.a_staff1, TODAY), superior_manager(world.a_staff1, TODAY)) == (
        world.a_head,
        world.deputy,
    )
    services.assignment_set_managers(
        actor=world.hr_staff_user,
        assignment_id=assignment.pk,
        direct_manager_id=world.deputy.pk,
        reason=" Міндеттерді бөлу туралы бұйрық № 4 ",
        version=assignment.version,
    )
    # The superior follows the overridden direct manager: the deputy's own direct manager.
    assert direct_manager(world.a_staff1, TODAY) == world.deputy
    assert superior_manager(world.a_staff1, TODAY) == world.head
    entry = last_audit("set_managers")
    assert entry.changes == {
        "direct_manager_id": [None, world.deputy.pk],
        "managers_reason": ["", "Міндеттерді бөлу туралы бұйрық № 4"],
    }
    services.assignment_set_managers(
        actor=world.hr_staff_user,
        assignment_id=assignment.pk,
        direct_manager_id=world.deputy.pk,
        superior_manager_id=world.head.pk,
        reason="Міндеттерді бөлу туралы бұйрық № 4",
    )
    assert superior_manager(world.a_staff1, TODAY) == world.head
    assert last_audit("set_managers").changes == {"superior_manager_id": [None, world.head.pk]}
    services.assignment_set_managers(actor=world.hr_staff_user, assignment_id=assignment.pk)
    assert direct_manager(world.a_staff1, TODAY) == world.a_head
    assert superior_manager(world.a_staff1, TODAY) == world.deputy
    assert last_audit("set_managers").changes == {
        "direct_manager_id": [world.deputy.pk, None],
        "superior_manager_id": [world.head.pk, None],
        "managers_reason": ["Міндеттерді бөлу туралы бұйрық № 4", ""],
    }


def test_manager_overrides_refusals(world, other, unchanged):
    assignment = world.a_staff1_assignment
    reason = {"reason": "бұйрық"}
    for kwargs, field in [
        ({"direct_manager_id": world.a_staff1.pk}, "direct_manager"),
        ({"superior_manager_id": world.a_staff1.pk}, "superior_manager"),
        ({"direct_manager_id": other.servant.pk}, "direct_manager"),
        ({"superior_manager_id": other.servant.pk}, "superior_manager"),
        ({"direct_manager_id": 999999}, "direct_manager"),
        # heads another department, not the servant's or one above it
        ({"direct_manager_id": world.b_head.pk}, "direct_manager"),
        ({"superior_manager_id": world.hr_head.pk}, "superior_manager"),
        # a colleague of the same unit who heads nothing
        ({"direct_manager_id": world.a_staff2.pk}, "direct_manager"),
        # the HR member acting: nobody names themselves
        ({"direct_manager_id": world.hr_staff.pk}, "direct_manager"),
        ({"superior_manager_id": world.hr_staff.pk}, "superior_manager"),
    ]:
        with unchanged(), pytest.raises(DomainError) as error:
            services.assignment_set_managers(
                actor=world.hr_staff_user, assignment_id=assignment.pk, **kwargs, **reason
            )
        refused(error, field)
    with unchanged(), pytest.raises(DomainError) as error:  # an override needs its reason
        services.assignment_set_managers(
            actor=world.hr_staff_user, assignment_id=assignment.pk, direct_manager_id=world.head.pk
        )
    refused(error, "reason")
    with unchanged(), pytest.raises(DomainError) as error:  # nor the managers of one's own post
        services.assignment_set_managers(
            actor=world.hr_staff_user,
            assignment_id=world.hr_staff_assignment.pk,
            direct_manager_id=world.head.pk,
            **reason,
        )
    refused(error, "direct_manager")
    with unchanged(), pytest.raises(PermissionDenied):
        services.assignment_set_managers(
            actor=world.a_head_user,
            assignment_id=assignment.pk,
            direct_manager_id=world.deputy.pk,
            **reason,
        )
    with unchanged(), pytest.raises(Http404):
        services.assignment_set_managers(
            actor=other.hr_user,
            assignment_id=assignment.pk,
            direct_manager_id=world.deputy.pk,
            **reason,
        )
    stale = assignment.version
    services.assignment_set_managers(
        actor=world.hr_staff_user,
        assignment_id=assignment.pk,
        direct_manager_id=world.deputy.pk,
        **reason,
    )
    with unchanged(), pytest.raises(ConflictError):
        services.assignment_set_managers(
            actor=world.hr_staff_user, assignment_id=assignment.pk, version=stale
        )


# --- absences ----------------------------------------------------------------------------------


def test_hr_records_corrects_and_removes_an_absence(world):
    absence = services.absence_create(
        actor=world.hr_staff_user,
        servant_id=world.a_staff1.pk,
        kind=AbsenceKind.SICK_LEAVE,
        start=D(2026, 5, 4),
        end=D(2026, 5, 8),
        note="парақ №12",
    )
    assert (absence.kind, absence.start, absence.end) == (
        "sick_leave",
        D(2026, 5, 4),
        D(2026, 5, 8),
    )
    assert last_audit("create").changes["kind"] == [None, "sick_leave"]
    services.absence_update(
        actor=world.hr_staff_user,
        absence_id=absence.pk,
        kind=AbsenceKind.SICK_LEAVE,
        start=D(2026, 5, 4),
        end=D(2026, 5, 12),
        version=absence.version,
    )
    absence.refresh_from_db()
    assert absence.end == D(2026, 5, 12)
    assert last_audit("update").changes == {
        "end": ["2026-05-08", "2026-05-12"],
        "note": ["парақ №12", ""],
    }
    services.absence_delete(actor=world.hr_staff_user, absence_id=absence.pk)
    assert not Absence.objects.filter(pk=absence.pk).exists()
    assert last_audit("delete").changes["start"] == ["2026-05-04", None]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (D(2026, 4, 10), D(2026, 4, 9), "end"),  # ends before it starts
        (D(2026, 3, 25), D(2026, 4, 1), "start"),  # overlaps the leave's first day
        (D(2026, 4, 14), D(2026, 4, 20), "start"),  # overlaps its last day
        (D(2026, 4, 5), D(2026, 4, 6), "start"),  # inside it
        (D(2026, 3, 1), D(2026, 5, 1), "start"),  # around it
    ],
)
def test_absences_of_one_servant_never_overlap(world, unchanged, start, end, field):
    AbsenceFactory(servant=world.a_staff1, start=D(2026, 4, 1), end=D(2026, 4, 14))
    with unchanged(), pytest.raises(DomainError) as error:
        services.absence_create(
            actor=world.hr_staff_user,
            servant_id=world.a_staff1.pk,
            kind=AbsenceKind.BUSINESS_TRIP,
            start=start,
            end=end,
        )
    refused(error, field)


def test_adjacent_absences_and_other_servants_absences_are_fine(world):
    AbsenceFactory(servant=world.a_staff1, start=D(2026, 4, 1), end=D(2026, 4, 14))
    AbsenceFactory(servant=world.a_staff2, start=D(2026, 4, 15), end=D(2026, 4, 20))
    services.absence_create(
        actor=world.hr_staff_user,
        servant_id=world.a_staff1.pk,
        kind=AbsenceKind.TRAINING,
        start=D(2026, 4, 15),
        end=D(2026, 4, 15),
    )
    services.absence_create(
        actor=world.hr_staff_user,
        servant_id=world.a_staff2.pk,
        kind=AbsenceKind.TRAINING,
        start=D(2026, 4, 1),
        end=D(2026, 4, 14),
    )
    assert world.a_staff1.absences.count() == 2


def test_an_absence_update_may_keep_its_own_dates_but_not_take_anothers(world, unchanged):
    first = AbsenceFactory(servant=world.a_staff1, start=D(2026, 4, 1), end=D(2026, 4, 14))
    second = AbsenceFactory(servant=world.a_staff1, start=D(2026, 6, 1), end=D(2026, 6, 5))
    services.absence_update(
        actor=world.hr_staff_user,
        absence_id=first.pk,
        kind=AbsenceKind.SOCIAL_LEAVE,
        start=D(2026, 4, 1),
        end=D(2026, 4, 14),
    )
    with unchanged(), pytest.raises(DomainError) as error:
        services.absence_update(
            actor=world.hr_staff_user,
            absence_id=first.pk,
            kind=AbsenceKind.SOCIAL_LEAVE,
            start=D(2026, 4, 1),
            end=D(2026, 6, 2),
        )
    refused(error, "start")
    with unchanged(), pytest.raises(DomainError) as error:
        services.absence_update(
            actor=world.hr_staff_user,
            absence_id=second.pk,
            kind="holiday",
            start=D(2026, 6, 1),
            end=D(2026, 6, 5),
        )
    refused(error, "kind")


def test_absences_only_hr_records(world, other, unchanged):
    absence = AbsenceFactory(servant=world.a_staff1)
    for actor, error in [
        (world.a_staff1_user, PermissionDenied),
        (world.a_head_user, PermissionDenied),
        (world.admin_user, PermissionDenied),
        (other.hr_user, Http404),
        (world.outsider_user, Http404),
    ]:
        with unchanged(), pytest.raises(error):
            services.absence_create(
                actor=actor,
                servant_id=world.a_staff1.pk,
                kind=AbsenceKind.TRAINING,
                start=D(2026, 9, 1),
                end=D(2026, 9, 2),
            )
        with unchanged(), pytest.raises(error):
            services.absence_delete(actor=actor, absence_id=absence.pk)


# --- administration ----------------------------------------------------------------------------


def test_the_administrator_grants_and_revokes_roles(world):
    granted = services.role_grant(
        actor=world.admin_user, organisation=world.org, user_id=world.a_staff1_user.pk, role="hr"
    )
    assert (granted.user, granted.role) == (world.a_staff1_user, Role.HR)
    assert last_audit("grant").changes == {
        "user": [None, world.a_staff1_user.pk],
        "role": [None, "hr"],
    }
    services.role_revoke(actor=world.admin_user, role_assignment_id=granted.pk)
    assert not RoleAssignment.objects.filter(pk=granted.pk).exists()
    assert last_audit("revoke").changes["role"] == ["hr", None]


def test_role_grant_refusals(world, other, unchanged):
    for kwargs, field in [
        ({"user_id": world.outsider_user.pk, "role": "hr"}, "user"),
        ({"user_id": other.user.pk, "role": "hr"}, "user"),
        ({"user_id": 999999, "role": "hr"}, "user"),
        ({"user_id": world.a_staff1_user.pk, "role": "boss"}, "role"),
        ({"user_id": world.hr_staff_user.pk, "role": "hr"}, "role"),
    ]:
        with unchanged(), pytest.raises(DomainError) as error:
            services.role_grant(actor=world.admin_user, organisation=world.org, **kwargs)
        refused(error, field)
    for actor, exc in [
        (world.hr_head_user, PermissionDenied),
        (world.head_user, PermissionDenied),
        (other.admin_user, Http404),
        (world.outsider_user, Http404),
    ]:
        with unchanged(), pytest.raises(exc):
            services.role_grant(
                actor=actor, organisation=world.org, user_id=world.a_staff1_user.pk, role="admin"
            )


def test_the_last_administrator_stays(world, other, unchanged):
    only = RoleAssignment.objects.get(organisation=world.org, role=Role.ADMIN)
    with unchanged(), pytest.raises(DomainError) as error:
        services.role_revoke(actor=world.admin_user, role_assignment_id=only.pk)
    refused(error, "role")
    with unchanged(), pytest.raises(Http404):
        services.role_revoke(actor=other.admin_user, role_assignment_id=only.pk)
    hr_role = RoleAssignment.objects.get(user=world.hr_staff_user)
    with unchanged(), pytest.raises(PermissionDenied):
        services.role_revoke(actor=world.hr_head_user, role_assignment_id=hr_role.pk)
    second = services.role_grant(
        actor=world.admin_user, organisation=world.org, user_id=world.deputy_user.pk, role="admin"
    )
    services.role_revoke(actor=second.user, role_assignment_id=only.pk)
    assert list(RoleAssignment.objects.filter(organisation=world.org, role=Role.ADMIN)) == [second]


def test_transferred_days_off(world):
    saturday, monday = D(2026, 6, 6), D(2026, 6, 8)
    transfer = services.calendar_transfer_create(
        actor=world.admin_user, working_day=saturday, day_off=monday, note="Қаулы №1"
    )
    calendar = work_calendar()
    assert calendar.is_working_day(saturday)
    assert not calendar.is_working_day(monday)
    assert last_audit("create").changes["working_day"] == [None, "2026-06-06"]
    only_off = services.calendar_transfer_create(actor=world.admin_user, day_off=D(2026, 6, 9))
    assert only_off.working_day is None
    services.calendar_transfer_delete(actor=world.admin_user, transfer_id=transfer.pk)
    assert work_calendar().is_working_day(monday)


def test_transferred_day_rules(world, unchanged):
    CalendarTransfer.objects.create(working_day=D(2026, 6, 13), day_off=D(2026, 6, 15))
    for kwargs, field in [
        ({}, "working_day"),
        ({"working_day": D(2026, 6, 8)}, "working_day"),  # a Monday
        ({"day_off": D(2026, 6, 7)}, "day_off"),  # a Sunday
        ({"working_day": D(2026, 6, 13)}, "working_day"),  # already transferred
        ({"day_off": D(2026, 6, 15)}, "day_off"),
    ]:
        with unchanged(), pytest.raises(DomainError) as error:
            services.calendar_transfer_create(actor=world.admin_user, **kwargs)
        refused(error, field)
    transfer = CalendarTransfer.objects.get()
    for actor in (world.hr_head_user, world.outsider_user, world.head_user):
        with unchanged(), pytest.raises(PermissionDenied):
            services.calendar_transfer_create(actor=actor, working_day=D(2026, 6, 20))
        with unchanged(), pytest.raises(PermissionDenied):
            services.calendar_transfer_delete(actor=actor, transfer_id=transfer.pk)


def test_editions_in_force(world, unchanged):
    assert organisation_edition(world.org, D(2027, 3, 1)).code == "sjc-2023"
    services.edition_assign(
        actor=world.admin_user, organisation=world.org, edition="moj-2017", valid_from=D(2027, 1, 1)
    )
    assert organisation_edition(world.org, D(2026, 12, 31)).code == "sjc-2023"
    assert organisation_edition(world.org, D(2027, 3, 1)).code == "moj-2017"
    assert last_audit("create").changes == {
        "edition": [None, "moj-2017"],
        "valid_from": [None, "2027-01-01"],
    }
    for kwargs, field in [
        ({"edition": "sjc-2030", "valid_from": D(2027, 6, 1)}, "edition"),
        ({"edition": "sjc-2023", "valid_from": D(2027, 1, 1)}, "valid_from"),
        ({"edition": "sjc-2023", "valid_from": D(2022, 1, 1)}, "valid_from"),
    ]:
        with unchanged(), pytest.raises(DomainError) as error:
            services.edition_assign(actor=world.admin_user, organisation=world.org, **kwargs)
        refused(error, field)
    with unchanged(), pytest.raises(PermissionDenied):
        services.edition_assign(
            actor=world.hr_head_user,
            organisation=world.org,
            edition="sjc-2023",
            valid_from=D(2028, 1, 1),
        )


def test_only_future_editions_are_withdrawn(world, unchanged):
    past = EditionAssignment.objects.get(organisation=world.org)
    with unchanged(), pytest.raises(DomainError) as error:
        services.edition_unassign(actor=world.admin_user, edition_assignment_id=past.pk)
    refused(error, "valid_from")
    future = services.edition_assign(
        actor=world.admin_user, organisation=world.org, edition="sjc-2023", valid_from=D(2027, 1, 1)
    )
    with unchanged(), pytest.raises(PermissionDenied):
        services.edition_unassign(actor=world.hr_staff_user, edition_assignment_id=future.pk)
    services.edition_unassign(actor=world.admin_user, edition_assignment_id=future.pk)
    assert not EditionAssignment.objects.filter(pk=future.pk).exists()


def test_the_history_stays_in_the_database(world, vacancy):
    """A transfer and a dismissal keep every assignment, so past periods can be recomputed."""
    services.servant_transfer(
        actor=world.hr_staff_user,
        servant_id=world.a_staff1.pk,
        position_id=vacancy.pk,
        start=D(2026, 6, 1),
    )
    services.servant_dismiss(
        actor=world.hr_staff_user, servant_id=world.a_staff1.pk, end=D(2026, 12, 31)
    )
    rows = list(
        Assignment.objects.filter(servant=world.a_staff1)
        .order_by("start")
        .values_list("start", "end", "kind", "end_reason")
    )
    assert rows == [
        (D(2024, 1, 1), D(2026, 5, 31), "appointment", "transfer"),
        (D(2026, 6, 1), D(2026, 12, 31), "transfer", "dismissal"),
    ]
    assert Servant.objects.filter(pk=world.a_staff1.pk).exists()
    assert get_user_model().objects.filter(pk=world.a_staff1_user.pk).exists()
