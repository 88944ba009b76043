"""Who is evaluated how, and by whom (issue 15 item 7; seed 002 p.2(4)-(6), p.21, p.28-29):

    Legal department (a_head, B-1; override: the deputy)
      Contracts sector        sector_head (B-3, heads the sector), sector_staff (B-4)

Heads of structural units and the deputy head are B-1 and evaluated by KPI; everyone else is staff,
evaluated by differentiation by the B-1 head of the structural unit. A B-3 sector head is staff:
he and his sector are evaluated by the department's head. HR may override either with a reason.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.evaluations.selectors.quarter_roster import computed_roster
from bagalau.notifications.models import Notification
from bagalau.org import services
from bagalau.org.manager_ids import Known, ManagerIds
from bagalau.org.models import Position
from bagalau.org.selectors import (
    StructureIndex,
    direct_manager,
    structure_rules,
    subordinates,
    superior_manager,
)
from tests.evaluations.test_schedule_support import approved, quarter
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UnitFactory
from tests.org.conftest import TODAY
from tests.world import START


@pytest.fixture
def as_user(client):
    """A client logged in as `user`, reading English."""

    def login(user: Any) -> Client:
        client.cookies["bagalau_language"] = "en"
        client.force_login(user)
        return client

    return login


@pytest.fixture
def sector(world):
    """The Contracts sector under the Legal department, its B-3 head and a B-4 expert."""
    w = world
    w.sector = UnitFactory(
        organisation=w.org, parent=w.unit_a, name_kk="Шарттар секторы", name_en="Contracts sector"
    )
    w.sector_head_post = PositionFactory(
        unit=w.sector, category="B-3", heads_unit=True, name_kk="Сектор меңгерушісі"
    )
    w.sector_staff_post = PositionFactory(unit=w.sector, category="B-4", name_kk="Бас сарапшы")
    w.sector_head = ServantFactory(organisation=w.org, last_name="Секторов", first_name="Ерік")
    w.sector_staff = ServantFactory(organisation=w.org, last_name="Маманова", first_name="Әлия")
    w.sector_head_assignment = AssignmentFactory(
        servant=w.sector_head, position=w.sector_head_post, start=START
    )
    w.sector_staff_assignment = AssignmentFactory(
        servant=w.sector_staff, position=w.sector_staff_post, start=START
    )
    return w


def test_a_b3_sector_head_is_evaluated_by_differentiation(sector):
    rules = structure_rules(sector.org, TODAY)
    assert sector.sector_head_post.evaluated_by_kpi(rules) is False
    assert sector.sector_head_post.is_manager is False
    assert sector.a_head_assignment.position.evaluated_by_kpi(rules) is True
    deputy_post = sector.deputy_assignment.position
    assert (deputy_post.heads_unit, deputy_post.evaluated_by_kpi(rules)) == (False, True)


def test_sector_staff_and_their_head_are_evaluated_by_the_departments_b1_head(sector):
    for servant in (sector.sector_staff, sector.sector_head):
        assert direct_manager(servant, TODAY) == sector.a_head
        # the department head's own manager is overridden to the deputy
        assert superior_manager(servant, TODAY) == sector.deputy
    index = StructureIndex(sector.org, TODAY)
    assert index.direct_manager(sector.sector_staff) == sector.a_head
    assert index.unit_head(sector.sector.pk) == sector.a_head
    assert set(subordinates(sector.a_head, TODAY)) == {
        sector.a_staff1,
        sector.a_staff2,
        sector.sector_head,
        sector.sector_staff,
    }
    assert subordinates(sector.sector_head, TODAY) == []
    values = ManagerIds(sector.org, TODAY)  # the same rule read from plain values
    assert values.manager_id_of(sector.sector_staff.pk) == sector.a_head.pk
    assert values.manager_id_of(sector.sector_head.pk) == sector.a_head.pk
    assert values.unit_head(sector.sector.pk) == Known(sector.a_head.pk)


def test_when_the_b1_head_post_is_vacant_the_head_above_evaluates(sector):
    sector.a_head_assignment.end = TODAY.replace(day=1)
    sector.a_head_assignment.save()
    assert direct_manager(sector.sector_staff, TODAY) == sector.head


def test_the_quarter_roster_follows_the_rule(sector):
    rows = {row.servant: row for row in computed_roster(quarter(approved(sector), 1))}
    assert (rows[sector.sector_head].method, rows[sector.sector_head].evaluator) == (
        "differentiation",
        sector.a_head,
    )
    assert (rows[sector.sector_staff].method, rows[sector.sector_staff].evaluator) == (
        "differentiation",
        sector.a_head,
    )
    assert (rows[sector.a_head].method, rows[sector.a_head].evaluator) == ("kpi", sector.deputy)


def test_hr_overrides_the_evaluator_with_a_justification_and_it_is_audited(sector):
    assignment = sector.sector_staff_assignment
    with pytest.raises(DomainError) as caught:
        services.assignment_set_managers(
            actor=sector.hr_staff_user,
            assignment_id=assignment.pk,
            direct_manager_id=sector.sector_head.pk,
        )
    assert caught.value.field == "reason"
    assert direct_manager(sector.sector_staff, TODAY) == sector.a_head
    assert not AuditEntry.objects.filter(action="set_managers").exists()

    services.assignment_set_managers(
        actor=sector.hr_staff_user,
        assignment_id=assignment.pk,
        direct_manager_id=sector.sector_head.pk,
        reason="Бөлім басшысының 2026 ж. № 12 өкімі: сектор қызметкерлерін меңгеруші бағалайды",
    )

    # the sector head heads the servant's own unit: he may be named
    assert direct_manager(sector.sector_staff, TODAY) == sector.sector_head
    assert superior_manager(sector.sector_staff, TODAY) == sector.a_head
    entry = AuditEntry.objects.get(action="set_managers")
    assert entry.actor == sector.hr_staff_user
    assert entry.changes["direct_manager_id"] == [None, sector.sector_head.pk]
    assert entry.changes["managers_reason"][1].startswith("Бөлім басшысының")
    told = Notification.objects.get(kind="manager_changed_hr")
    assert told.recipient == sector.hr_head_user
    assert told.params["evaluator"] == sector.sector_head.full_name
    assert told.params["before"] == sector.a_head.full_name


def test_hr_overrides_the_method_with_a_justification(sector):
    post = sector.sector_head_post
    services.position_update(
        actor=sector.hr_staff_user,
        position_id=post.pk,
        unit_id=sector.sector.pk,
        name_kk=post.name_kk,
        category="B-3",
        heads_unit=True,
        method_override="kpi",
        method_override_reason="Аппарат басшысының 2026 ж. № 3 бұйрығы",
    )
    post.refresh_from_db()
    rows = {row.servant: row for row in computed_roster(quarter(approved(sector), 1))}
    assert rows[sector.sector_head].method == "kpi"
    assert AuditEntry.objects.get(action="update").changes["method_override"] == ["", "kpi"]


@pytest.mark.parametrize(
    ("category", "kpi"),
    [pytest.param("B-3", False, id="B-3-head"), pytest.param("B-1", True, id="B-1-head")],
)
def test_the_new_position_form_no_longer_makes_every_head_kpi_evaluated(
    world, as_user, category, kpi
):
    """The unticked box of the old form meant "heads a unit, so KPI"; the method now follows
    the category unless HR chooses one and says why."""
    unit = UnitFactory(organisation=world.org, parent=world.unit_b, name_kk="Жаңа сектор")
    client = as_user(world.hr_staff_user)
    response = client.post(
        reverse("org:position_create"),
        {
            "name_kk": "Меңгеруші",
            "unit": unit.pk,
            "category": category,
            "heads_unit": "on",
            "order": 0,
        },
    )
    assert response.status_code == 302
    position = Position.objects.get(unit=unit)
    assert (position.heads_unit, position.method_override) == (True, "")
    assert position.evaluated_by_kpi(structure_rules(world.org, TODAY)) is kpi
    page = client.get(reverse("org:structure")).content.decode()
    row = page[page.index(f'data-testid="position-{position.pk}"') :]
    assert ('<span class="status">KPI</span>' in row[: row.index("</tr>")]) is kpi


def test_the_form_refuses_an_override_without_a_reason(world, as_user):
    client = as_user(world.hr_staff_user)
    before = Position.objects.count()
    response = client.post(
        reverse("org:position_create"),
        {
            "name_kk": "Меңгеруші",
            "unit": world.unit_b.pk,
            "category": "B-3",
            "method_override": "kpi",
            "order": 0,
        },
    )
    assert 'data-field="method_override_reason"' in response.content.decode()
    assert Position.objects.count() == before
