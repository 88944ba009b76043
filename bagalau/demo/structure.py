"""A fictional apparatus: 6 departments under the leadership, about 40 servants, one login per role.

All names are invented. Every servant has a login (the people acknowledge their results, vote,
sign…), all with the demo password; `LOGINS` are the ones worth opening. The accounts have no
e-mail address: notifications stay in the application instead of being printed by the console
mail backend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

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

PASSWORD = "bagalau-demo"
ORG_NAME = "Жоғары Сот Кеңесінің аппараты (демо)"

# Every demo login: (username, role, what to look at).
LOGINS = [
    ("admin", "System administrator", "administration (roles, editions, calendar), /admin/"),
    ("hr_head", "Head of the HR service", "every result, Q2 protocol, Q3 session, consequences"),
    ("hr", "HR service (Sector)", "structure, rosters, actual KPI values, annual list; no scores"),
    ("head", "Head of the apparatus", "schedule, plans, calibration decisions, deputies' sheets"),
    ("deputy", "Deputy head (evaluator of 3 department heads)", "KPI sheets, work plans"),
    ("evaluator", "Head of the legal department", "own KPI sheet, staff sheets, Q3 presentation"),
    ("servant", "Chief expert, legal department", "Q1-Q3 results, service record, Q3 calibration"),
    ("participant", "Head of the organisation department", "Q3 calibration session: your vote"),
    ("absent", "Head of the analysis department, on sick leave", "Q3 KPI evaluation deferred"),
    ("newcomer", "Deputy head appointed three weeks ago", "not evaluated in Q4, no work plan"),
]

#: The login of the deputy head the history appoints, and her name.
NEWCOMER = "newcomer"
NEWCOMER_NAME = ("Ержанова", "Інжу")

# (key, kk, ru, en, [(position kk, position ru, category, heads, manager, services, count)])
UNITS = [
    ("org", "Ұйымдастыру бөлімі", "Организационный отдел", "Organisation department"),
    ("legal", "Құқықтық қамтамасыз ету бөлімі", "Отдел правового обеспечения", "Legal department"),
    (
        "selection",
        "Судьялар кадрларын іріктеу бөлімі",
        "Отдел отбора судейских кадров",
        "Judicial personnel selection department",
    ),
    (
        "analytics",
        "Талдау және мониторинг бөлімі",
        "Отдел анализа и мониторинга",
        "Analysis and monitoring department",
    ),
    (
        "international",
        "Халықаралық ынтымақтастық бөлімі",
        "Отдел международного сотрудничества",
        "International cooperation department",
    ),
    ("admin", "Әкімшілік бөлімі", "Административный отдел", "Administrative department"),
]
STAFF = [
    ("Бас сарапшы", "Главный эксперт", "Chief expert", "B-3"),
    ("Жетекші сарапшы", "Ведущий эксперт", "Leading expert", "B-4"),
    ("Сарапшы", "Эксперт", "Expert", "B-5"),
]
SURNAMES = [
    "Әбдірахманов",
    "Серікбаева",
    "Жұмабеков",
    "Тоқтарова",
    "Нұрланов",
    "Қайратова",
    "Оспанов",
    "Мұратова",
    "Есенов",
    "Бақытжанова",
    "Ерғалиев",
    "Сұлтанова",
    "Төлегенов",
    "Ахметова",
    "Сейітов",
    "Құдайбергенова",
    "Ибраев",
    "Жақсылықова",
    "Байжанов",
    "Әлімова",
    "Мақсұтов",
    "Рахымжанова",
    "Дүйсенов",
    "Төребекова",
    "Шәкенов",
    "Омарова",
    "Қасымов",
    "Ғабитова",
    "Мейірбеков",
    "Исаева",
    "Кенжебаев",
    "Сәрсенова",
    "Әлиев",
    "Бекова",
    "Жанов",
    "Тұрсынова",
    "Смағұлов",
    "Нұрпейісова",
    "Алтынбеков",
    "Мұхтарова",
    "Байғазиев",
]
FIRST_NAMES = [
    "Ерлан",
    "Айгерім",
    "Нұрсұлтан",
    "Дана",
    "Арман",
    "Гүлнар",
    "Бауыржан",
    "Сәуле",
    "Данияр",
    "Мадина",
    "Асқар",
    "Әйгерім",
    "Ержан",
    "Жанар",
    "Мирас",
    "Ләззат",
    "Талғат",
    "Динара",
    "Қайрат",
    "Аружан",
    "Самат",
    "Ақмарал",
    "Руслан",
    "Меруерт",
    "Ғалым",
    "Айнұр",
    "Бекзат",
    "Гаухар",
    "Әділ",
    "Салтанат",
    "Нұрлан",
    "Айгүл",
    "Ерболат",
    "Жұлдыз",
    "Серік",
    "Балжан",
    "Марат",
    "Назерке",
    "Олжас",
    "Камила",
    "Дәурен",
]


#: Why the department heads' direct manager is a deputy head rather than the head of the apparatus
#: the structure names (HR justifies every override).
DUTIES_ORDER = "Аппарат басшысы орынбасарларының міндеттерін бөлу туралы бұйрық, 2026 ж. № 1-к"

# Logins given to particular posts (the others are "s" + the personnel number).
UNIT_HEAD_LOGINS = {"org": "participant", "legal": "evaluator", "analytics": "absent"}


@dataclass
class DemoStructure:
    """What the builder created, by role, for the evaluation history and the login list."""

    organisation: Organisation
    head: Servant
    deputies: list[Servant]
    unit_heads: dict[str, Servant]
    staff: dict[str, list[Servant]]
    hr_head: Servant
    hr_staff: Servant
    admin: User
    vacant_deputy_post: Position


def _account(username: str, password_hash: str, first_name: str = "", last_name: str = "") -> User:
    """A demo account (no e-mail: notifications stay in the application)."""
    user, _ = User.objects.get_or_create(username=username)
    user.password = password_hash
    user.first_name, user.last_name = first_name, last_name
    user.save()
    return user


def demo_servant(
    organisation: Organisation,
    position: Position,
    *,
    username: str,
    password_hash: str,
    names: tuple[str, str],
    number: str,
    start: dt.date,
) -> Servant:
    """A demo servant (`names`: surname and first name) with the login `username`, in post at
    `position` from `start`: the apparatus's and the small bodies' staff alike."""
    surname, first = names
    person = Servant.objects.create(
        organisation=organisation,
        user=_account(username, password_hash, first, surname),
        last_name=surname,
        first_name=first,
        personnel_number=number,
    )
    Assignment.objects.create(servant=person, position=position, start=start)
    return person


@transaction.atomic
def build_structure(start: dt.date) -> DemoStructure:
    """Create the apparatus (its servants in post from `start`) and a login for every servant.

    The third deputy post stays vacant: the history appoints a newcomer to it."""
    organisation = Organisation.objects.create(
        name_kk=ORG_NAME,
        name_ru="Аппарат Высшего Судебного Совета (демо)",
        name_en="Apparatus of the Supreme Judicial Council (demo)",
        short_name="ЖСК аппараты",
        body="sjc",
    )
    EditionAssignment.objects.create(
        organisation=organisation, edition="sjc-2023", valid_from=dt.date(2023, 3, 14)
    )
    # One hash for the shared password (hashing it per account would take seconds).
    password_hash = make_password(PASSWORD)
    names = iter(zip(SURNAMES, FIRST_NAMES, strict=True))

    def servant(username: str | None, position: Position, since: dt.date = start) -> Servant:
        number = f"{Servant.objects.filter(organisation=organisation).count() + 1:04d}"
        return demo_servant(
            organisation,
            position,
            username=username or f"s{number}",
            password_hash=password_hash,
            names=next(names),
            number=number,
            start=since,
        )

    root = Unit.objects.create(
        organisation=organisation,
        name_kk="Аппарат басшылығы",
        name_ru="Руководство аппарата",
        name_en="Leadership of the apparatus",
    )

    def post(unit: Unit, kk: str, ru: str, en: str, **flags: object) -> Position:
        return Position.objects.create(unit=unit, name_kk=kk, name_ru=ru, name_en=en, **flags)

    head = servant(
        "head",
        post(
            root,
            "Аппарат басшысы",
            "Руководитель аппарата",
            "Head of the apparatus",
            heads_unit=True,
        ),
    )

    def deputy_post(order: int) -> Position:
        return post(
            root,
            "Аппарат басшысының орынбасары",
            "Заместитель руководителя аппарата",
            "Deputy head of the apparatus",
            category="B-1",
            order=order,
        )

    deputies = [servant("deputy" if i == 0 else None, deputy_post(i + 1)) for i in range(2)]
    vacant_deputy_post = deputy_post(3)
    unit_heads: dict[str, Servant] = {}
    staff: dict[str, list[Servant]] = {}
    hr_head = hr_staff = None
    for index, (key, kk, ru, en) in enumerate(UNITS):
        unit = Unit.objects.create(
            organisation=organisation,
            parent=root,
            name_kk=kk,
            name_ru=ru,
            name_en=en,
            order=index + 1,
        )
        boss = servant(
            UNIT_HEAD_LOGINS.get(key),
            post(
                unit,
                "Бөлім басшысы",
                "Руководитель отдела",
                "Head of department",
                category="B-1",
                heads_unit=True,
            ),
        )
        unit_heads[key] = boss
        # The first deputy curates the first three departments, the second the others.
        assignment = boss.assignments.get()
        assignment.direct_manager = deputies[0] if index < 3 else deputies[1]
        assignment.managers_reason = DUTIES_ORDER
        assignment.save()
        members = []
        for number in range(5 if key != "admin" else 3):
            kk_title, ru_title, en_title, category = STAFF[min(number, 2)]
            username = "servant" if (key == "legal" and number == 0) else None
            members.append(
                servant(
                    username,
                    post(
                        unit,
                        kk_title,
                        ru_title,
                        en_title,
                        category=category,
                        order=number + 1,
                        provides_services=key == "selection",
                    ),
                )
            )
        staff[key] = members
        if key == "admin":
            sector = Unit.objects.create(
                organisation=organisation,
                parent=unit,
                name_kk="Персоналды басқару секторы",
                name_ru="Сектор управления персоналом",
                name_en="HR sector",
                order=1,
            )
            hr_head = servant(
                "hr_head",
                post(
                    sector,
                    "Сектор меңгерушісі",
                    "Заведующий сектором",
                    "Head of the HR sector",
                    category="B-3",
                    heads_unit=True,
                ),
            )
            hr_staff = servant(
                "hr", post(sector, "Бас сарапшы", "Главный эксперт", "Chief expert", category="B-4")
            )
    assert hr_head is not None
    assert hr_staff is not None
    roles = [
        (head.user, Role.APPARATUS_HEAD),
        (hr_head.user, Role.HR_HEAD),
        (hr_staff.user, Role.HR),
    ]
    admin = _account("admin", password_hash)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    roles.append((admin, Role.ADMIN))
    for user, role in roles:
        assert user is not None
        RoleAssignment.objects.create(user=user, organisation=organisation, role=role)
    return DemoStructure(
        organisation=organisation,
        head=head,
        deputies=deputies,
        unit_heads=unit_heads,
        staff=staff,
        hr_head=hr_head,
        hr_staff=hr_staff,
        admin=admin,
        vacant_deputy_post=vacant_deputy_post,
    )
