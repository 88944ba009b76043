"""The Almaty maslikhat's evaluated year 2019 under almaty-2018, replayed through the services on
the days it happened (issue 10 item 9; EDITIONS.md §2.2; back-dated entry of a past year, §9 G-1).

The story is that of `bagalau.demo.typical_year.TypicalYear`, each step as the person who acts
with the clock at its moment:
- January 2019: HR opens the work plans; the direct managers enter 5 KPIs each (p.14), sign with
  the servant, submit; the superior manager (the head of the apparatus, the first head for the
  heads of units, p.11) approves. The head of the apparatus forms the commission by order № 1-ө
  (5 members, the HR secretary who does not vote; p.5, p.34).
- December 2019: HR drafts the schedule with the chair's consent (p.29) and opens the year (the
  evaluators told 7 working days before); the direct managers fill and sign the App. 2 KPI
  sheets and the App. 3 competency sheets (p.17, p.25-27); the superior manager agrees the KPI
  sheets (p.21); HR sends both to the commission within 2 working days (p.24, p.28).
- January 2020: the session, a member absent (4 of 5 present: quorate, p.30). Every result is
  approved except the legal unit's chief specialist ("alm_servant"), whose KPI count the
  commission revises from 3 to 4: the vote is 2 to 2 and the chair's vote decides (p.32-33, p.38).
  The secretary, chair and members present sign the protocol, the head of the apparatus approves
  it (p.39). The servants acknowledge in writing (p.40-41), except one who refuses: HR and two
  other servants sign the refusal act and HR sends the result through the intranet portal
  (p.41-42). That servant appeals to the agency within 10 working days; the agency leaves the
  result unchanged (p.43).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from bagalau.demo.almaty_structure import (
    ALMATY_START,
    AlmatyStructure,
    build_almaty_structure,
)
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.typical_year import TypicalYear, YearCast, YearDays, YearTexts

ALMATY_YEAR = 2019
EDITION = "almaty-2018"

#: The days of the story (Kazakhstan's calendar: 1-2 and 7 January, 16-17 December are off).
DAYS = YearDays(
    plans_opened=dt.date(2019, 1, 3),
    kpis_entered=dt.date(2019, 1, 4),
    plans_signed=dt.date(2019, 1, 8),
    plans_approved=dt.date(2019, 1, 9),
    commission_formed=dt.date(2019, 1, 10),
    schedule_drafted=dt.date(2019, 11, 25),
    chair_consent=dt.date(2019, 11, 26),
    year_opened=dt.date(2019, 11, 28),
    evaluation_day=dt.date(2019, 12, 12),
    sheets_agreed=dt.date(2019, 12, 13),
    sheets_sent=dt.date(2019, 12, 18),
    session_agreed=dt.date(2019, 12, 27),
    session_day=dt.date(2020, 1, 14),
    protocol_approved=dt.date(2020, 1, 15),
    acknowledged=dt.date(2020, 1, 16),
    dispatched=dt.date(2020, 1, 17),
    appeal_filed=dt.date(2020, 1, 24),
    appeal_decided=dt.date(2020, 2, 20),
)
PLANS_APPROVED = DAYS.plans_approved
SHEETS_SENT = DAYS.sheets_sent
SESSION_AGREED = DAYS.session_agreed
SESSION_DAY = DAYS.session_day
PROTOCOL_APPROVED = DAYS.protocol_approved
ACKNOWLEDGED = DAYS.acknowledged
APPEAL_FILED = DAYS.appeal_filed
APPEAL_DECIDED = DAYS.appeal_decided

FORMING_ORDER = "1-ө"
APPEAL_AUTHORITY = "ҚР Мемлекеттік қызмет істері агенттігінің Алматы қаласы бойынша департаменті"
#: The commission's revision (p.38; its reason, T-13).
REVISED_FROM, REVISED_TO = 3, 4
REVISION_REASON = (
    "4-НМИ бойынша нормативтік актілер жобаларының сараптамасы 27 желтоқсанда толық аяқталды: "
    "растайтын хаттар комиссияға ұсынылды."
)

#: KPIs of the work plans (App. 1), the same five themes for everyone, adapted by the unit.
KPI_THEMES = [
    ("Мәслихат сессияларына шешім жобаларын уақтылы дайындау", "%"),
    ("Азаматтардың өтініштерін мерзімінде қарау", "%"),
    ("Депутаттардың сұрауларына жауаптардың сапасы", "%"),
    ("Ішкі бақылау ескертулерін жою", "дана"),
    ("Біліктілікті арттыру курстарынан өту", "сағат"),
]
KPI_SOURCE = "Алматы қалалық мәслихатының 2019-2021 жылдарға арналған стратегиялық жоспары"

TEXTS = YearTexts(
    label="Almaty",
    kpi_themes=tuple(KPI_THEMES),
    kpi_source=KPI_SOURCE,
    forming_order=FORMING_ORDER,
    place="Мәслихат аппаратының мәжіліс залы, 305-бөлме",
    revised_from=REVISED_FROM,
    revised_to=REVISED_TO,
    revision_reason=REVISION_REASON,
    dispatch_reference="ИП-2020/014",
    appeal_authority=APPEAL_AUTHORITY,
)


class AlmatyYear(TypicalYear):
    """The 2019 year of the apparatus of `structure`: the head of the organisation unit chairs,
    the HR servant is the secretary; "alm_servant" (legal unit) is revised, the third servant of
    the organisation unit refuses and appeals."""

    def __init__(self, structure: AlmatyStructure) -> None:
        self.s = structure
        cast = YearCast(
            organisation=structure.organisation,
            head=structure.head,
            working_body=structure.hr_head,
            chair=structure.unit_heads["org"],
            secretary=structure.hr_staff,
            members=(
                structure.unit_heads["legal"],
                structure.hr_head,
                structure.staff["org"][0],
                structure.staff["legal"][1],
            ),
            servant=structure.staff["legal"][0],
            refuser=structure.staff["org"][2],
            witnesses=(structure.unit_heads["legal"], structure.hr_staff),
        )
        super().__init__(year=ALMATY_YEAR, edition=EDITION, days=DAYS, texts=TEXTS, cast=cast)


def load_almaty(until: dt.date = APPEAL_DECIDED, password_hash: str | None = None) -> AlmatyYear:
    """Build the Almaty apparatus (its people in post from ALMATY_START, `password_hash` the demo
    password's hash when the caller has one) and replay its 2019 year up to `until` (the whole
    story by default; the browser walk of tests/e2e takes over earlier), in one transaction."""
    with transaction.atomic():
        with clock_at(moment_of(ALMATY_START, 9)):
            year = AlmatyYear(build_almaty_structure(password_hash))
        year.plan()
        year.run(until)
    return year
