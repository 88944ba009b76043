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

from bagalau.demo.small_body import BodySpec, SmallBody, UnitSpec, body_loaded, build_body

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

ALMATY_SPEC = BodySpec(
    names=(
        ALMATY_NAME,
        "Аппарат маслихата города Алматы (демо)",
        "Apparatus of the Almaty city maslikhat (demo)",
    ),
    short_name="Алматы мәслихаты",
    body="almaty_maslikhat",
    edition="almaty-2018",
    edition_from=ALMATY_FROM,
    start=ALMATY_START,
    prefix="alm",
    leadership=("Аппарат басшылығы", "Руководство аппарата", "Leadership of the apparatus"),
    head_post=(
        "Мәслихат аппаратының басшысы",
        "Руководитель аппарата маслихата",
        "Head of the maslikhat apparatus",
    ),
    head_login="alm_head",
    head_category="",
    units=(
        UnitSpec("org", ("Ұйымдастыру бөлімі", "Организационный отдел", "Organisation unit"), 3),
        UnitSpec("legal", ("Заң бөлімі", "Юридический отдел", "Legal unit"), 2),
        UnitSpec(
            "hr", ("Персоналды басқару қызметі", "Служба управления персоналом", "HR service"), 1
        ),
    ),
    unit_head_post=("Бөлім басшысы", "Руководитель отдела", "Head of unit"),
    unit_head_category="D-3",
    staff_post=("Бас маман", "Главный специалист", "Chief specialist"),
    staff_category="D-4",
    hr_unit="hr",
    people=(
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
    ),
    logins={
        ("org", 0): "alm_chair",
        ("org", 1): "alm_member",
        ("legal", 1): "alm_servant",
        ("hr", 0): "alm_hr",
        ("hr", 1): "alm_secretary",
    },
)

#: What the builder created (the small body of `bagalau.demo.small_body`).
AlmatyStructure = SmallBody


def almaty_loaded() -> bool:
    """Whether the Almaty apparatus is in the database."""
    return body_loaded(ALMATY_SPEC)


def build_almaty_structure(password_hash: str | None = None) -> AlmatyStructure:
    """Create the apparatus, its servants in post from ALMATY_START, a login for each with the
    demo password (`password_hash`: its hash when the caller has one)."""
    return build_body(ALMATY_SPEC, password_hash)
