"""Fixtures of the org tests: a second organisation, the actors of the permission matrix, and a
snapshot of every org row to prove that a refusal changed nothing."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from bagalau.audit.models import AuditEntry
from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    EditionAssignment,
    Organisation,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
from tests.factories import (
    AssignmentFactory,
    OrganisationFactory,
    PositionFactory,
    RoleAssignmentFactory,
    ServantFactory,
    UnitFactory,
    UserFactory,
)

TODAY = dt.date(2026, 5, 4)  # a Monday


@pytest.fixture(autouse=True)
def _today(clock):
    clock(TODAY)


@pytest.fixture
def other(world):
    """Another organisation: a servant with a login, its HR and its administrator."""
    o = SimpleNamespace()
    o.org = OrganisationFactory(name_kk="Басқа аппарат", name_en="Other apparatus")
    o.unit = UnitFactory(organisation=o.org, name_kk="Басқа бөлім", name_en="Other department")
    o.position = PositionFactory(unit=o.unit, category="B-4", name_kk="Басқа лауазым")
    o.user = UserFactory(username="other")
    o.servant = ServantFactory(
        organisation=o.org, user=o.user, last_name="Бөтен", first_name="Серік", patronymic=""
    )
    o.assignment = AssignmentFactory(servant=o.servant, position=o.position)
    o.hr_user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=o.hr_user, organisation=o.org, role=Role.HR)
    o.admin_user = UserFactory(username="other_admin")
    RoleAssignmentFactory(user=o.admin_user, organisation=o.org, role=Role.ADMIN)
    return o


@pytest.fixture
def actors(world, other) -> dict[str, Any]:
    """Everyone of the permission matrix by name (None = anonymous)."""
    return {
        "anonymous": None,
        "outsider": world.outsider_user,
        "other_servant": other.user,
        "other_hr": other.hr_user,
        "other_admin": other.admin_user,
        "staff": world.a_staff2_user,
        "manager_elsewhere": world.b_head_user,
        "apparatus_head": world.head_user,
        "hr": world.hr_staff_user,
        "hr_head": world.hr_head_user,
        "admin": world.admin_user,
    }


MODELS = (
    Organisation,
    EditionAssignment,
    RoleAssignment,
    CalendarTransfer,
    Unit,
    Position,
    Servant,
    Assignment,
    Absence,
    AuditEntry,
)


def take_snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every org row, every audit row and every user, in a stable order."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}
    rows["User"] = list(
        get_user_model().objects.order_by("pk").values("pk", "username", "password")
    )
    return rows


@pytest.fixture
def unchanged(db):
    """``with unchanged(): ...`` asserts that the block changed no row."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = take_snapshot()
        yield
        assert take_snapshot() == before

    return check
