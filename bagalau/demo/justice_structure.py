"""A fictional territorial justice body evaluating under moj-2017 (seed 001; issue 11 item 11):
the head of the department, three units, seven staff and the HR unit, the working body (p.6).
All names are invented.

Categories are the C-O ones of an oblast's territorial body: C-O-3 for the heads of units, C-O-4
for their staff. The head of the department is appointed and evaluated by the Ministry, not by
the department (our decision: seed 001 p.4 has the direct manager evaluate, and the head's is in
the Ministry), so his post carries no category here; he is the direct manager of the heads of
units. The head of the HR unit also administers the department in the system (she chooses the
App. 2 catalogue, M-20): a small body has no separate administrator.
"""

from __future__ import annotations

import datetime as dt

from bagalau.demo.small_body import BodySpec, SmallBody, UnitSpec, body_loaded, build_body
from bagalau.org.models import Role, RoleAssignment

JUSTICE_NAME = "Сарыарқа облысының әділет департаменті (демо)"
#: moj-2017 in force from 24 July 2017 (the edition's own date, EDITIONS.md §5, §9 G-1).
JUSTICE_FROM = dt.date(2017, 7, 24)
#: Everyone in post from this day: more than 3 months before the first quarter's deadline (p.3).
JUSTICE_START = dt.date(2017, 3, 1)

# Every justice login worth opening: (username, role, what to look at).
JUSTICE_LOGINS = [
    (
        "jus_head",
        "Justice department: head (authorised person)",
        "2017-2018: the commission formed, the protocols, the department's results",
    ),
    (
        "jus_hr",
        "Justice department: head of the HR unit (and administrator)",
        "2018: the p.45 alert (two unsatisfactory years) awaiting the decision; training",
    ),
    (
        "jus_secretary",
        "Justice department: HR specialist, secretary of the commission",
        "2017: the refusal-to-sign act of a Q4 sheet; sessions, motions, votes",
    ),
    (
        "jus_chair",
        "Justice department: chair of the commission, head of the registration unit",
        "2017: the schedule agreed, the quarter revised on the commission's motion",
    ),
    (
        "jus_member",
        "Justice department: member of the commission, head of the legal awareness unit",
        "2017-2018: the App. 3 sheets agreed, the votes and the protocols",
    ),
    (
        "jus_servant",
        "Justice department: chief specialist, registration unit",
        "2017: Q3 revised by the commission (104 to 109, effective): bonus",
    ),
    (
        "jus_alert",
        "Justice department: chief specialist, legal awareness unit",
        "2017 and 2018 unsatisfactory: training referral, a breach, the p.45 alert",
    ),
]

JUSTICE_SPEC = BodySpec(
    names=(
        JUSTICE_NAME,
        "Департамент юстиции Сарыаркинской области (демо)",
        "Justice department of the Saryarka region (demo)",
    ),
    short_name="Сарыарқа әділет департаменті",
    body="justice",
    edition="moj-2017",
    edition_from=JUSTICE_FROM,
    start=JUSTICE_START,
    prefix="jus",
    leadership=("Департамент басшылығы", "Руководство департамента", "Leadership"),
    head_post=("Департамент басшысы", "Руководитель департамента", "Head of the department"),
    head_login="jus_head",
    head_category="",
    units=(
        UnitSpec(
            "reg",
            (
                "Заңды тұлғаларды тіркеу бөлімі",
                "Отдел регистрации юридических лиц",
                "Legal entities registration unit",
            ),
            3,
        ),
        UnitSpec(
            "aware",
            ("Құқықтық насихат бөлімі", "Отдел правовой пропаганды", "Legal awareness unit"),
            2,
        ),
        UnitSpec(
            "acts",
            (
                "Нормативтік құқықтық актілерді тіркеу бөлімі",
                "Отдел регистрации нормативных правовых актов",
                "Regulatory acts registration unit",
            ),
            1,
        ),
        UnitSpec(
            "hr",
            ("Персоналмен жұмыс бөлімі", "Отдел по работе с персоналом", "HR unit"),
            1,
        ),
    ),
    unit_head_post=("Бөлім басшысы", "Руководитель отдела", "Head of unit"),
    unit_head_category="C-O-3",
    staff_post=("Бас маман", "Главный специалист", "Chief specialist"),
    staff_category="C-O-4",
    hr_unit="hr",
    people=(
        ("Жақыпов", "Серік"),  # head of the department
        ("Омарова", "Сәуле"),
        ("Бекенов", "Арман"),
        ("Тұрсынова", "Айгерім"),
        ("Сәрсенов", "Дәурен"),
        ("Мұқанова", "Жанар"),
        ("Ахметов", "Ержан"),
        ("Қасымова", "Динара"),
        ("Ерғалиев", "Талғат"),
        ("Нұрланова", "Ләззат"),
        ("Исаев", "Мақсат"),
        ("Әбдірова", "Гүлнар"),
    ),
    logins={
        ("reg", 0): "jus_chair",
        ("reg", 1): "jus_servant",
        ("aware", 0): "jus_member",
        ("aware", 1): "jus_alert",
        ("hr", 0): "jus_hr",
        ("hr", 1): "jus_secretary",
    },
)

#: What the builder created (the small body of `bagalau.demo.small_body`).
JusticeStructure = SmallBody


def justice_loaded() -> bool:
    """Whether the justice department is in the database."""
    return body_loaded(JUSTICE_SPEC)


def build_justice_structure(password_hash: str | None = None) -> JusticeStructure:
    """Create the department, its servants in post from JUSTICE_START, a login for each with the
    demo password (`password_hash`: its hash when the caller has one); the head of the HR unit
    administers it (see the module)."""
    body = build_body(JUSTICE_SPEC, password_hash)
    assert body.hr_head.user is not None
    RoleAssignment.objects.create(
        user=body.hr_head.user, organisation=body.organisation, role=Role.ADMIN
    )
    return body
