"""A small apparatus every Django test can start from (the `world` fixture).

    Apparatus (root)           head (head of the apparatus, corps A: not evaluated)
                               deputy (B-1, evaluated by KPI)
      Legal department         a_head (B-1, KPI; direct manager overridden to deputy)
                               a_staff1, a_staff2 (B-3, differentiation)
      Analytics department     b_head (B-1, KPI), b_staff1 (B-4)
      HR sector                hr_head (B-1, KPI; role hr_head), hr_staff (B-4; role hr)
    admin: a user with the admin role and no servant record; outsider: a user with no role.

Every user's password is "pass". All assignments start on 1 January 2024.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from bagalau.org.models import Role
from tests.factories import (
    AssignmentFactory,
    OrganisationFactory,
    PositionFactory,
    RoleAssignmentFactory,
    ServantFactory,
    UnitFactory,
    UserFactory,
)

START = dt.date(2024, 1, 1)


def build_world() -> SimpleNamespace:
    """Create the apparatus above and return its objects by name."""
    w = SimpleNamespace()
    w.org = OrganisationFactory(
        name_kk="Сынақ аппараты", name_ru="Тестовый аппарат", name_en="Test apparatus"
    )
    w.root = UnitFactory(
        organisation=w.org, name_kk="Аппарат", name_ru="Аппарат", name_en="Apparatus"
    )
    w.unit_a = UnitFactory(
        organisation=w.org,
        parent=w.root,
        name_kk="Құқық бөлімі",
        name_ru="Юридический отдел",
        name_en="Legal department",
        order=1,
    )
    w.unit_b = UnitFactory(
        organisation=w.org,
        parent=w.root,
        name_kk="Талдау бөлімі",
        name_ru="Аналитический отдел",
        name_en="Analytics department",
        order=2,
    )
    w.unit_hr = UnitFactory(
        organisation=w.org,
        parent=w.root,
        name_kk="Кадр секторы",
        name_ru="Сектор кадров",
        name_en="HR sector",
        order=3,
    )

    def person(
        key: str,
        unit,
        *,
        category: str,
        heads: bool = False,
        last_name: str,
        first_name: str,
    ):
        user = UserFactory(username=key)
        servant = ServantFactory(
            organisation=w.org, user=user, last_name=last_name, first_name=first_name, patronymic=""
        )
        position = PositionFactory(
            unit=unit,
            category=category,
            heads_unit=heads,
            name_kk=f"{key} лауазымы",
            name_ru=f"должность {key}",
            name_en=f"{key} post",
        )
        assignment = AssignmentFactory(servant=servant, position=position, start=START)
        setattr(w, key, servant)
        setattr(w, f"{key}_user", user)
        setattr(w, f"{key}_assignment", assignment)
        return servant

    person("head", w.root, category="", heads=True, last_name="Басшы", first_name="Ерлан")
    person("deputy", w.root, category="B-1", last_name="Орынбасар", first_name="Дана")
    person(
        "a_head",
        w.unit_a,
        category="B-1",
        heads=True,
        last_name="Әлиев",
        first_name="Арман",
    )
    person("a_staff1", w.unit_a, category="B-3", last_name="Бекова", first_name="Айгүл")
    person("a_staff2", w.unit_a, category="B-3", last_name="Жанов", first_name="Нұрлан")
    person(
        "b_head",
        w.unit_b,
        category="B-1",
        heads=True,
        last_name="Қасымов",
        first_name="Бауыржан",
    )
    person("b_staff1", w.unit_b, category="B-4", last_name="Омарова", first_name="Сәуле")
    person(
        "hr_head",
        w.unit_hr,
        category="B-1",
        heads=True,
        last_name="Кадрова",
        first_name="Гүлнар",
    )
    person("hr_staff", w.unit_hr, category="B-4", last_name="Сектор", first_name="Мадина")
    w.a_head_assignment.direct_manager = w.deputy
    w.a_head_assignment.save()

    RoleAssignmentFactory(user=w.head_user, organisation=w.org, role=Role.APPARATUS_HEAD)
    RoleAssignmentFactory(user=w.hr_head_user, organisation=w.org, role=Role.HR_HEAD)
    RoleAssignmentFactory(user=w.hr_staff_user, organisation=w.org, role=Role.HR)
    w.admin_user = UserFactory(username="admin")
    RoleAssignmentFactory(user=w.admin_user, organisation=w.org, role=Role.ADMIN)
    w.outsider_user = UserFactory(username="outsider")
    return w
