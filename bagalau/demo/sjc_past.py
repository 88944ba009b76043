"""The demo SJC apparatus's past year 2022 under sjc-2018, replayed through the typical-2018
services on the days it happened (issue 10 item 9; EDITIONS.md §3; back-dated entry, §9 G-1).

The apparatus evaluates under sjc-2023 from 14 March 2023 (bagalau.demo.structure); before that
its own methodology of 2018 governed (seed 000, in force from 03.04.2018). The administrator
records that assignment, so each period is shown by the rules of the edition in force on its
dates (`edition_in_force`): 2022 by sjc-2018, the demo year by sjc-2023.

Who served in 2022: the head of the apparatus (the authorised person, p.5, p.39), the first
deputy head, the legal department (its head and five staff) and the HR sector of the
Administrative Department, the working body of sjc-2018 (p.5, p.34: everywhere seed 004 says the
HR service); their posts date back to PAST_START, everyone else was appointed later. The story
is that of `bagalau.demo.typical_year.TypicalYear`: the deputy head chairs the commission, the
HR sector's chief expert ("hr", a servant of the Administrative Department) is its secretary
without a vote (p.34), the head of the legal department ("evaluator") a member. Seed 000's App. 4
has no row for B-3 (EDITIONS.md §3, §9 S-3): before opening the plans, the working body gives
the two B-3 posts their row (T-8), the chief expert the staff row, the head of the HR sector
(who heads it) the top row. The commission revises "servant"'s KPI count from 3 to 4 on the
chair's vote; the fourth expert of the legal department refuses to acknowledge and appeals.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from bagalau.demo.structure import ORG_NAME, DemoStructure
from bagalau.demo.timeline import Timeline
from bagalau.demo.typical_year import TypicalYear, YearCast, YearDays, YearTexts
from bagalau.evaluations.models import Schedule
from bagalau.org.models import Assignment, Servant
from bagalau.org.services.administration import edition_assign
from bagalau.typical.services.competency_sheet import app4_row_set

PAST_YEAR = 2022
EDITION = "sjc-2018"
#: sjc-2018 in force from the publication of the order, 03.04.2018 (edition.yaml valid_from).
EDITION_FROM = dt.date(2018, 4, 3)
#: The people of the story in post from this day: more than 3 months before the evaluation (p.4).
PAST_START = dt.date(2021, 9, 1)

#: The days of the story, in the order of `YearDays` (Kazakhstan's calendar: 3-4 and 7 January
#: 2022, 16 December 2022 and 3 January 2023 are off).
DAYS = YearDays(
    *(
        dt.date.fromisoformat(day)
        for day in (
            # January 2022: the plans and the commission
            "2022-01-05",
            "2022-01-06",
            "2022-01-10",
            "2022-01-11",
            "2022-01-12",
            # November-December 2022: the schedule, the year opened, the sheets, the session set
            "2022-11-24",
            "2022-11-25",
            "2022-11-28",
            "2022-12-08",
            "2022-12-09",
            "2022-12-12",
            "2022-12-27",
            # 2023: the session, the protocol, familiarisation, the appeal
            "2023-01-10",
            "2023-01-11",
            "2023-01-12",
            "2023-01-13",
            "2023-01-20",
            "2023-02-15",
        )
    )
)

TEXTS = YearTexts(
    label="SJC 2022",
    kpi_themes=(
        ("Кеңес отырыстарының материалдарын уақтылы дайындау", "%"),
        ("Азаматтардың өтініштерін мерзімінде қарау", "%"),
        ("Құқықтық сараптама қорытындыларының сапасы", "%"),
        ("Ішкі аудит ескертулерін жою", "дана"),
        ("Біліктілікті арттыру курстарынан өту", "сағат"),
    ),
    kpi_source="Жоғары Сот Кеңесі аппаратының 2022 жылға арналған операциялық жоспары",
    forming_order="2-4/3",
    place="Жоғары Сот Кеңесі аппаратының мәжіліс залы, 412-бөлме",
    revised_from=3,
    revised_to=4,
    revision_reason=(
        "3-НМИ бойынша сот тәжірибесін қорыту 29 желтоқсанда аяқталды: анықтама комиссияға "
        "ұсынылды."
    ),
    dispatch_reference="ИП-2023/007",
    appeal_authority="Қазақстан Республикасының Мемлекеттік қызмет істері агенттігі",
)

#: Why the B-3 posts take their App. 4 row (seed 000 App. 4 has none for B-3, T-8).
ROW_REASONS = {
    "staff": "2018 әдістемесінің 4-қосымшасында B-3 санаты жоқ: бас сарапшы бөлім қызметкері.",
    "top": (
        "2018 әдістемесінің 4-қосымшасында B-3 санаты жоқ: сектор меңгерушісі бөлімшені басқарады."
    ),
}

#: The SJC logins of the 2022 year: (username, role, what to look at).
SJC_PAST_LOGINS = [
    (
        "head",
        "SJC 2022 (sjc-2018): head of the apparatus (authorised person)",
        "2022: plans approved, the commission formed, the protocol approved",
    ),
    (
        "hr_head",
        "SJC 2022 (sjc-2018): HR sector, Administrative Department (working body)",
        "2022: schedule, sheets sent, refusal act, appeal",
    ),
    (
        "deputy",
        "SJC 2022 (sjc-2018): chair of the commission",
        "2022 session: the tie decided by the chair, protocol",
    ),
    (
        "hr",
        "SJC 2022 (sjc-2018): secretary of the commission",
        "2022 session: attendance, motions, votes, the draft protocol",
    ),
    (
        "evaluator",
        "SJC 2022 (sjc-2018): member of the commission",
        "2022 session: the votes and the protocol signed",
    ),
    (
        "servant",
        "SJC 2022 (sjc-2018): chief expert, legal department",
        "2022: result revised by the commission, acknowledged",
    ),
]


def sjc_past_loaded() -> bool:
    """Whether the demo apparatus has its 2022 (an earlier version loaded without it)."""
    return Schedule.objects.filter(organisation__name_kk=ORG_NAME, year=PAST_YEAR).exists()


class SjcPastYear(TypicalYear):
    """The 2022 year of the demo apparatus `structure`."""

    def __init__(self, structure: DemoStructure) -> None:
        self.s = structure
        legal = structure.staff["legal"]
        cast = YearCast(
            organisation=structure.organisation,
            head=structure.head,
            working_body=structure.hr_head,
            chair=structure.deputies[0],
            secretary=structure.hr_staff,
            members=(structure.unit_heads["legal"], structure.hr_head, legal[1], legal[2]),
            servant=legal[0],
            refuser=legal[3],
            witnesses=(structure.unit_heads["legal"], legal[4]),
        )
        super().__init__(year=PAST_YEAR, edition=EDITION, days=DAYS, texts=TEXTS, cast=cast)

    def in_post(self) -> list[Servant]:
        """Who served in 2022."""
        s = self.s
        return [
            s.head,
            s.deputies[0],
            s.unit_heads["legal"],
            *s.staff["legal"],
            s.hr_head,
            s.hr_staff,
        ]

    def plan(self) -> Timeline:
        """The typical year, the edition recorded and the B-3 rows set first."""
        first = DAYS.plans_opened
        self.timeline.add(first, 8, 30, "SJC 2022: sjc-2018 recorded", self._assign_edition)
        self.timeline.add(first, 9, 0, "SJC 2022: App. 4 rows of B-3", self._set_rows)
        return super().plan()

    def backdate(self) -> None:
        """The people of the story held their posts from PAST_START (the structure was built with
        everyone appointed on the demo's start, two years before the demo year)."""
        later = Assignment.objects.filter(servant__in=self.in_post(), start__gt=PAST_START)
        later.filter(end__isnull=True).update(start=PAST_START)

    @property
    def admin(self) -> User:
        return self.s.admin

    def _assign_edition(self) -> None:
        edition_assign(
            actor=self.admin,
            organisation=self.organisation,
            edition=EDITION,
            valid_from=EDITION_FROM,
        )

    def _set_rows(self) -> None:
        for person, row in ((self.s.staff["legal"][0], "staff"), (self.s.hr_head, "top")):
            assignment = person.assignments.get()
            app4_row_set(
                actor=self.hr,
                position_id=assignment.position_id,
                edition=EDITION,
                row=row,
                reason=ROW_REASONS[row],
            )


def load_sjc_past(structure: DemoStructure) -> SjcPastYear:
    """The apparatus's 2022 under sjc-2018, the whole story (inside the caller's transaction)."""
    year = SjcPastYear(structure)
    year.backdate()
    year.plan()
    year.run(DAYS.appeal_decided)
    return year
