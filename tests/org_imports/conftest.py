"""Fixtures of the import tests: an empty organisation with its HR service."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from bagalau.org.models import Role
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

TODAY = dt.date(2026, 5, 4)


@pytest.fixture(autouse=True)
def _today(clock):
    clock(TODAY)


@pytest.fixture
def empty(db):
    """An organisation with no structure, an HR member, a head of HR and a plain user."""
    e = SimpleNamespace()
    e.org = OrganisationFactory(name_kk="Жаңа аппарат", name_en="New apparatus")
    e.hr = UserFactory(username="imp_hr")
    RoleAssignmentFactory(user=e.hr, organisation=e.org, role=Role.HR)
    e.hr_head = UserFactory(username="imp_hr_head")
    RoleAssignmentFactory(user=e.hr_head, organisation=e.org, role=Role.HR_HEAD)
    e.admin = UserFactory(username="imp_admin")
    RoleAssignmentFactory(user=e.admin, organisation=e.org, role=Role.ADMIN)
    e.apparatus_head = UserFactory(username="imp_head")
    RoleAssignmentFactory(user=e.apparatus_head, organisation=e.org, role=Role.APPARATUS_HEAD)
    return e
