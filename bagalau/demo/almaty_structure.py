"""A fictional Almaty city maslikhat apparatus evaluating under almaty-2018 (seed 004; issue 10
item 9): the head of the apparatus (the authorised person, p.5, p.39), three units, ten servants
and the HR service, the working body (p.5, p.34). All names are invented.

Categories are those App. 4 of seed 004 covers: D-3 for the heads of units, D-4 for their staff
(EDITIONS.md §2.2 F1). The head of the apparatus holds no "B" corps category and is not
evaluated; he is the direct manager of the heads of units, the first head who approves their
work plans and agrees their KPI sheets himself (p.11, p.20).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from bagalau.demo.structure import PASSWORD
from bagalau.org.models import (
    Assignment,
    EditionAssignment,
    Organisation,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)

ALMATY_NAME = "Алматы қалалық мәслихатының аппараты (демо)"
#: almaty-2018 in force from 8 May 2018 (the edition's own date, EDITIONS.md §9 G-1).
ALMATY_FROM = dt.date(2018, 5, 8)
#: Everyone in post from this day: more than 3 months before the 2019 evaluation (p.4).
ALMATY_START = dt.date(2018, 6, 1)

# Every Almaty login worth opening: (username, role, what to look at).
ALMATY_LOGINS = [
    (
        "alm_head",
        "Almaty maslikhat: head of the apparatus (authorised person)",
        "2019: plans approved, KPI sheets agreed, the protocol approved",
    ),
    (
        "alm_hr",
        "Almaty maslikhat: head of the HR service",
        "2019: schedule, sheets sent, refusal act, appeal and its outcome",
    ),
    (
        "alm_chair",
        "Almaty maslikhat: chair of the commission",
        "2019 session: the tie decided by the chair, protocol",
    ),
    (
        "alm_secretary",
        "Almaty maslikhat: secretary of the commission (HR)",
        "2019 session: attendance, motions, votes, the draft protocol",
    ),
    (
        "alm_member",
        "Almaty maslikhat: member of the commission",
        "2019 session: the votes and the protocol signed",
    ),
    (
        "alm_servant",
        "Almaty maslikhat: chief specialist, legal unit",
        "2019: result revised by the commission, acknowledged",
    ),
]

# (key, kk, ru, en)
ALMATY_UNITS = [
    ("org", "Ұйымдастыру бөлімі", "Организационный отдел", "Organisation unit"),
    ("legal", "Заң бөлімі", "Юридический отдел", "Legal unit"),
    (
        "hr",
        "Персоналды басқару қызметі",
        "Служба управления персоналом",
        "HR service",
    ),
]
#: The number of staff under each head of unit.
STAFF_COUNT = {"org": 3, "legal": 2, "hr": 1}
#: Logins given to particular posts: (unit key, 0 for the head or 1.. for the staff).
POST_LOGINS = {
    ("org", 0): "alm_chair",
    ("org", 1): "alm_member",
    ("legal", 1): "alm_servant",
    ("hr", 0): "alm_hr",
    ("hr", 1): "alm_secretary",
}
#: (surname, first name), in the order the posts are filled.
ALMATY_NAMES = [
    ("Сыздықов", "Бақытжан"),  # head of the apparatus
    ("Әуезова", "Ақерке"),
    ("Темірханов", "Нұржан"),
    ("Жолдасбекова", "Аида"),
    ("Қалиев", "Ерсін"),
    ("Байтұрсынова", "Гүлмира"),
    ("Нұрмағамбетов", "Азамат"),
    ("Исабекова", "Мөлдір"),
    ("Құрманғалиев", "Ғани"),
    ("Садықова", "Әсел"),
]


@dataclass
class AlmatyStructure:
    """What the builder created, by part in the story."""

    organisation: Organisation
    head: Servant
    unit_heads: dict[str, Servant]
    staff: dict[str, list[Servant]]

    @property
    def evaluated(self) -> list[Servant]:
        """Everyone in a "B" corps post (not the head of the apparatus), heads first."""
        people = list(self.unit_heads.values())
        for members in self.staff.values():
            people.extend(members)
        return people

    @property
    def hr_head(self) -> Servant:
        return self.unit_heads["hr"]

    @property
    def hr_staff(self) -> Servant:
        return self.staff["hr"][0]


def almaty_loaded() -> bool:
    """Whether the Almaty apparatus is in the database."""
    return Organisation.objects.filter(name_kk=ALMATY_NAME).exists()


def build_almaty_structure(password_hash: str | None = None) -> AlmatyStructure:
    """Create the apparatus, its servants in post from ALMATY_START, a login for each with the
    demo password (`password_hash`: its hash when the caller has one; hashing takes a second)."""
    organisation = Organisation.objects.create(
        name_kk=ALMATY_NAME,
        name_ru="Аппарат маслихата города Алматы (демо)",
        name_en="Apparatus of the Almaty city maslikhat (demo)",
        short_name="Алматы мәслихаты",
        body="almaty_maslikhat",
    )
    EditionAssignment.objects.create(
        organisation=organisation, edition="almaty-2018", valid_from=ALMATY_FROM
    )
    password_hash = password_hash or make_password(PASSWORD)
    names = iter(ALMATY_NAMES)

    def servant(username: str, position: Position) -> Servant:
        surname, first = next(names)
        number = f"A{Servant.objects.filter(organisation=organisation).count() + 1:03d}"
        user, _ = User.objects.get_or_create(username=username)
        user.password = password_hash
        user.first_name, user.last_name = first, surname
        user.save()
        person = Servant.objects.create(
            organisation=organisation,
            user=user,
            last_name=surname,
            first_name=first,
            personnel_number=number,
        )
        Assignment.objects.create(servant=person, position=position, start=ALMATY_START)
        return person

    root = Unit.objects.create(
        organisation=organisation,
        name_kk="Аппарат басшылығы",
        name_ru="Руководство аппарата",
        name_en="Leadership of the apparatus",
    )
    head = servant(
        "alm_head",
        Position.objects.create(
            unit=root,
            name_kk="Мәслихат аппаратының басшысы",
            name_ru="Руководитель аппарата маслихата",
            name_en="Head of the maslikhat apparatus",
            heads_unit=True,
        ),
    )
    unit_heads: dict[str, Servant] = {}
    staff: dict[str, list[Servant]] = {}
    for index, (key, kk, ru, en) in enumerate(ALMATY_UNITS):
        unit = Unit.objects.create(
            organisation=organisation, parent=root, name_kk=kk, name_ru=ru, name_en=en, order=index
        )
        unit_heads[key] = servant(
            POST_LOGINS.get((key, 0), f"alm_{key}_head"),
            Position.objects.create(
                unit=unit,
                name_kk="Бөлім басшысы",
                name_ru="Руководитель отдела",
                name_en="Head of unit",
                category="D-3",
                heads_unit=True,
            ),
        )
        staff[key] = [
            servant(
                POST_LOGINS.get((key, number), f"alm_{key}{number}"),
                Position.objects.create(
                    unit=unit,
                    name_kk="Бас маман",
                    name_ru="Главный специалист",
                    name_en="Chief specialist",
                    category="D-4",
                    order=number,
                ),
            )
            for number in range(1, STAFF_COUNT[key] + 1)
        ]
    roles = [
        (head, Role.APPARATUS_HEAD),
        (unit_heads["hr"], Role.HR_HEAD),
        (staff["hr"][0], Role.HR),
    ]
    for person, role in roles:
        assert person.user is not None
        RoleAssignment.objects.create(user=person.user, organisation=organisation, role=role)
    return AlmatyStructure(organisation=organisation, head=head, unit_heads=unit_heads, staff=staff)
