"""A small fictional state body for the demo of an earlier edition: a head who is not evaluated
by the body itself, a few units each with a head and its staff, an HR service, a login for every
servant with the demo password. The Almaty maslikhat (almaty-2018) and the territorial justice
body (moj-2017) are two specifications of the same builder; all names are invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from bagalau.demo.structure import PASSWORD, demo_servant
from bagalau.org.models import (
    EditionAssignment,
    Organisation,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)

#: A name in the three languages: (kk, ru, en).
Names = tuple[str, str, str]


@dataclass(frozen=True)
class UnitSpec:
    """One unit: its key in the story, its names and how many staff serve under its head."""

    key: str
    names: Names
    staff: int


@dataclass(frozen=True)
class BodySpec:
    """What the builder creates. `logins` gives particular posts a username ((unit key, 0) for
    the head of the unit, (unit key, n) for the n-th of its staff); the others are
    `<prefix>_<key>_head` and `<prefix>_<key><n>`. `people` are (surname, first name) in the
    order the posts are filled, the body's head first. The head of the HR unit is the head of
    the HR service and its first staff member an HR servant."""

    names: Names
    short_name: str
    body: str
    edition: str
    edition_from: dt.date
    start: dt.date
    prefix: str
    leadership: Names
    head_post: Names
    head_login: str
    head_category: str
    units: tuple[UnitSpec, ...]
    unit_head_post: Names
    unit_head_category: str
    staff_post: Names
    staff_category: str
    hr_unit: str
    people: tuple[tuple[str, str], ...]
    logins: dict[tuple[str, int], str] = field(default_factory=dict)


@dataclass
class SmallBody:
    """What the builder created, by part in the story."""

    organisation: Organisation
    head: Servant
    unit_heads: dict[str, Servant]
    staff: dict[str, list[Servant]]
    hr_unit: str

    @property
    def evaluated(self) -> list[Servant]:
        """Everyone the body evaluates (not its head), heads of units first."""
        people = list(self.unit_heads.values())
        for members in self.staff.values():
            people.extend(members)
        return people

    @property
    def hr_head(self) -> Servant:
        return self.unit_heads[self.hr_unit]

    @property
    def hr_staff(self) -> Servant:
        return self.staff[self.hr_unit][0]


def body_loaded(spec: BodySpec) -> bool:
    """Whether the body is in the database."""
    return Organisation.objects.filter(name_kk=spec.names[0]).exists()


def _position(unit: Unit, names: Names, **extra: object) -> Position:
    kk, ru, en = names
    return Position.objects.create(unit=unit, name_kk=kk, name_ru=ru, name_en=en, **extra)


def _unit(organisation: Organisation, names: Names, **extra: object) -> Unit:
    kk, ru, en = names
    return Unit.objects.create(
        organisation=organisation, name_kk=kk, name_ru=ru, name_en=en, **extra
    )


def build_body(spec: BodySpec, password_hash: str | None = None) -> SmallBody:
    """Create the body under `spec.edition` from `spec.edition_from`, its servants in post from
    `spec.start`, a login for each with the demo password (`password_hash`: its hash when the
    caller has one; hashing takes a second)."""
    kk, ru, en = spec.names
    organisation = Organisation.objects.create(
        name_kk=kk, name_ru=ru, name_en=en, short_name=spec.short_name, body=spec.body
    )
    EditionAssignment.objects.create(
        organisation=organisation, edition=spec.edition, valid_from=spec.edition_from
    )
    password_hash = password_hash or make_password(PASSWORD)
    people = iter(spec.people)

    def servant(username: str, position: Position) -> Servant:
        number = f"{spec.prefix.upper()}{organisation.servants.count() + 1:03d}"
        return demo_servant(
            organisation,
            position,
            username=username,
            password_hash=password_hash,
            names=next(people),
            number=number,
            start=spec.start,
        )

    root = _unit(organisation, spec.leadership)
    head = servant(
        spec.head_login,
        _position(root, spec.head_post, heads_unit=True, category=spec.head_category),
    )
    unit_heads: dict[str, Servant] = {}
    staff: dict[str, list[Servant]] = {}
    for index, unit_spec in enumerate(spec.units):
        unit = _unit(organisation, unit_spec.names, parent=root, order=index)
        key = unit_spec.key
        unit_heads[key] = servant(
            spec.logins.get((key, 0), f"{spec.prefix}_{key}_head"),
            _position(unit, spec.unit_head_post, category=spec.unit_head_category, heads_unit=True),
        )
        staff[key] = [
            servant(
                spec.logins.get((key, number), f"{spec.prefix}_{key}{number}"),
                _position(unit, spec.staff_post, category=spec.staff_category, order=number),
            )
            for number in range(1, unit_spec.staff + 1)
        ]
    body = SmallBody(
        organisation=organisation,
        head=head,
        unit_heads=unit_heads,
        staff=staff,
        hr_unit=spec.hr_unit,
    )
    roles = [(head, Role.APPARATUS_HEAD), (body.hr_head, Role.HR_HEAD), (body.hr_staff, Role.HR)]
    for person, role in roles:
        assert person.user is not None
        RoleAssignment.objects.create(user=person.user, organisation=organisation, role=role)
    return body
