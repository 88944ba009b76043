"""The demo's territorial justice department evaluating its 2017 and 2018 under moj-2017, replayed
through the services on the days it happened (issue 11 item 11; seed 001; EDITIONS.md §5; back-
dated entry, §9 G-1). Each step runs as the person who acts, with the clock at its moment.

2017, moj-2017 in force from 24 July (the edition's own date): the head of the HR unit, who also
administers the department, chooses the territorial App. 2 catalogue (M-20); the head forms the
commission (4 members, the HR specialist its secretary, p.6-9); every servant draws up the App. 1
plan with the direct manager (p.10-13); HR drafts the schedule (Q3, Q4 and the year) and records
the chair's consent (p.14, C1), opens each period and sends the notice (C2). HR records a labour
breach of "jus_alert" (p.21). The App. 3 sheets: the servants self-assess, the managers agree with
the records (p.23-24), the servants sign; in Q4 one refuses and the HR servant draws up the act
(p.25). The Q3 session revises "jus_servant"'s quarter from 104 to 109 with its explanation
(p.35); the others are approved. Each session's protocol, signed the same day, is its last step
(p.35, no approval by the authorised person). The servants acknowledge within 2 working days
(p.36). In December the App. 4 sheets are self-assessed, agreed and confirmed; HR computes the
year (p.32) at least 5 working days before the year's session (15 December), which approves the
year. One servant refuses to acknowledge the year: HR's act (p.36). "jus_alert"'s year is
unsatisfactory (2.7): HR refers him to training in January 2018 (p.43), done in March.

The second unsatisfactory year (p.45 needs two consecutive annual results) is 2018. The act was
repealed on 27 April 2018, but the department entered no later edition: its own assignment
(moj-2017 from 24.07.2017) still governs, since an organisation's editions run from its own dates
until it enters another (`edition_in_force`; `Edition.valid_to` is the act's, not the body's).
That is the organisation's override of the edition's end date, and the demo's only liberty with
history: the real department moved on. So 2018 runs the same way (Q1-Q4, the year), with another
labour breach of "jus_alert" in Q2 and his year unsatisfactory again (2.7): the p.45 alert is
raised and HR's decision (demotion, or dismissal without a lower post) is left open, so HR sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from django.db import transaction

from bagalau.commission.services import commission_form
from bagalau.consequences.training import training_referral_complete, training_referral_refer
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.justice_acts import JusticeActs, PeriodStory, Revision
from bagalau.demo.justice_structure import (
    JUSTICE_START,
    JusticeStructure,
    build_justice_structure,
)
from bagalau.demo.timeline import Timeline
from bagalau.evaluations.models import Evaluation
from bagalau.methodology.timing import month_day
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.consent import moj_schedule_record_consent
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.moj.services.schedule import moj_schedule_draft

YEARS = (2017, 2018)
FORMING_ORDER = "45-ж"

#: The days of the story (Kazakhstan's calendar: 16-19 December 2017, 3 and 17 December 2018,
#: 23 March 2018 are off).
CATALOGUE_CHOSEN = COMMISSION_FORMED = dt.date(2017, 7, 25)
BREACH_2017, BREACH_RECORDED_2017 = dt.date(2017, 8, 15), dt.date(2017, 8, 16)
TRAINING_REFERRED, TRAINING_DONE = dt.date(2018, 1, 16), dt.date(2018, 3, 27)
BREACH_2018, BREACH_RECORDED_2018 = dt.date(2018, 5, 14), dt.date(2018, 5, 15)


class QuarterDays(NamedTuple):
    """The days of a quarter's evaluation."""

    opened: dt.date
    notice: dt.date
    self_assessed: dt.date
    agreed: dt.date
    signed: dt.date
    session: dt.date
    chair_agreed: dt.date
    familiarised: dt.date


class AnnualDays(NamedTuple):
    """The days of a year's evaluation (the notice is sent the day the period opens)."""

    opened: dt.date
    self_assessed: dt.date
    agreed: dt.date
    computed: dt.date
    session: dt.date
    chair_agreed: dt.date
    familiarised: dt.date


def _days(year: int, days: str) -> list[dt.date]:
    """The "MM-DD" days of `days` in `year`."""
    return [dt.date(year, *month_day(day)) for day in days.split()]


#: Per year: the plans and the schedule drafted, the chair's consent.
PLANS = {2017: dt.date(2017, 8, 1), 2018: dt.date(2018, 1, 4)}
CONSENT = {2017: dt.date(2017, 8, 2), 2018: dt.date(2018, 1, 5)}
#: The days of each quarter in the QuarterDays order: opened, notice, self-assessed, agreed,
#: signed, session, the chair's agreement, familiarised.
QUARTERS = {
    (year, quarter): QuarterDays(*_days(year, days))
    for (year, quarter), days in {
        (2017, 3): "08-02 09-25 10-02 10-03 10-04 10-13 10-06 10-16",
        (2017, 4): "10-16 11-24 12-04 12-05 12-06 12-07 11-30 12-08",
        (2018, 1): "01-05 03-26 04-02 04-03 04-04 04-06 03-30 04-09",
        (2018, 2): "04-09 06-22 07-02 07-03 07-04 07-05 06-29 07-09",
        (2018, 3): "07-09 09-21 10-01 10-02 10-03 10-05 09-28 10-08",
        (2018, 4): "10-08 11-23 12-04 12-04 12-05 12-06 11-29 12-07",
    }.items()
}
#: The days of each year in the AnnualDays order: opened, self-assessed (2017: the day the Q4
#: sheets are signed), agreed, computed (at least 5 working days before the session, p.32),
#: session, the chair's agreement, familiarised.
ANNUAL = {
    2017: AnnualDays(*_days(2017, "11-27 12-06 12-07 12-08 12-15 12-08 12-20")),
    2018: AnnualDays(*_days(2018, "11-26 12-05 12-06 12-07 12-14 12-07 12-19")),
}
YEAR_2017_FAMILIARISED = ANNUAL[2017].familiarised
YEAR_2018_FAMILIARISED = ANNUAL[2018].familiarised

#: The App. 1 plan every servant draws up (3 indicators, 2 measurable: p.12, M-3).
PLAN = [
    {
        "name": "Өтініштерді заңда белгіленген мерзімде қарау",
        "expected_result": "Өтініштердің 100 пайызы мерзімінде қаралды",
        "measurable": True,
    },
    {
        "name": "Құқықтық насихат іс-шараларын өткізу",
        "expected_result": "Тоқсан сайын кемінде 3 іс-шара",
        "measurable": True,
    },
    {
        "name": "Бөлімнің жұмыс регламентін жетілдіру",
        "expected_result": "Регламент жаңартылып, бекітілді",
        "measurable": False,
    },
]
#: The App. 2 activities of the territorial catalogue, three patterns taken in turn.
ACTIVITIES = (
    ["territorial-5-01", "territorial-4-01"],  # q = 109, effective
    ["territorial-4-02"],  # q = 104, satisfactory
    ["territorial-5-02", "territorial-2-01"],  # q = 107, effective
)
REVISED_FROM, REVISED_TO = 104, 109
REVISION_REASON = (
    "Қызметшінің 2017 жылғы 21 шілдедегі мемлекеттік тіркеу жөніндегі әдістемелік ұсынымдарды "
    "әзірлеуі (5 балл) тікелей басшының парағында ескерілмеген; құжаттар комиссияға ұсынылды."
)
#: The manager's marks of the plan (App. 4): "jus_alert" 2.33, the others 4.33 or 3.67.
WEAK_MARKS, GOOD_MARKS, FAIR_MARKS = (2, 3, 2), (4, 5, 4), (4, 4, 3)
TRAINING_DIRECTION = "Жеке жұмыс жоспарын орындау: құқықтық насихат іс-шараларын жоспарлау"
TRAINING = "Әділет министрлігінің оқу орталығында біліктілікті арттыру курсы (36 сағат)"


#: A step of a period: its day, hour, what is done and the act that does it.
Step = tuple[dt.date, int, str, Callable[[], object]]


class JusticeYears:
    """Plans and replays the department's 2017 and 2018 for `structure`."""

    def __init__(self, structure: JusticeStructure) -> None:
        self.s = structure
        self.acts = JusticeActs(structure)
        self.timeline = Timeline()
        self.servant = structure.staff["reg"][0]  # jus_servant: Q3 2017 revised
        self.alert = structure.staff["aware"][0]  # jus_alert: two unsatisfactory years
        self.sign_refuser = structure.staff["aware"][1]  # refuses to sign the Q4 2017 sheet
        self.familiarisation_refuser = structure.staff["reg"][1]  # refuses the year 2017
        self.stories: dict[tuple[int, int | None], PeriodStory] = {}

    # --- the story of each period (pure: who does what) ---------------------------------------

    def story(self, year: int, quarter: int | None) -> PeriodStory:
        key = (year, quarter)
        if key not in self.stories:
            self.stories[key] = self._story(year, quarter)
        return self.stories[key]

    def _story(self, year: int, quarter: int | None) -> PeriodStory:
        story = PeriodStory()
        for index, servant in enumerate(self.s.evaluated):
            if servant.pk == self.alert.pk:
                story.activities[servant.pk] = []
                story.marks[servant.pk] = WEAK_MARKS
            else:
                story.activities[servant.pk] = ACTIVITIES[(index + (quarter or 0)) % 3]
                story.marks[servant.pk] = GOOD_MARKS if index % 2 else FAIR_MARKS
        if (year, quarter) == (2017, 3):
            story.activities[self.servant.pk] = ["territorial-4-01"]
            story.revisions[self.servant.pk] = Revision(str(REVISED_TO), REVISION_REASON)
        if (year, quarter) == (2017, 4):
            story.refuses_to_sign = self.sign_refuser.pk
        if (year, quarter) == (2017, None):
            story.refuses_familiarisation = self.familiarisation_refuser.pk
        return story

    # --- the plan of the two years ------------------------------------------------------------

    def plan(self) -> Timeline:
        add = self.timeline.add
        add(CATALOGUE_CHOSEN, 10, 0, "Justice: territorial catalogue", self._catalogue)
        add(COMMISSION_FORMED, 11, 0, "Justice: the commission formed", self._form)
        add(BREACH_RECORDED_2017, 10, 0, "Justice: a breach", lambda: self._breach(2017, 3))
        add(BREACH_RECORDED_2018, 10, 0, "Justice: a breach", lambda: self._breach(2018, 2))
        for year in YEARS:
            self._plan_year(year)
        for (year, quarter), quarter_days in QUARTERS.items():
            self._plan_quarter(year, quarter, quarter_days)
        for year, annual_days in ANNUAL.items():
            self._plan_annual(year, annual_days)
        add(TRAINING_REFERRED, 10, 0, "Justice: training referral", self._refer)
        add(TRAINING_DONE, 10, 0, "Justice: training done", self._trained)
        return self.timeline

    def _plan_year(self, year: int) -> None:
        add = self.timeline.add
        add(PLANS[year], 10, 0, f"Justice: {year} plans", lambda: self._plans(year))
        add(PLANS[year], 14, 0, f"Justice: {year} schedule", lambda: self._draft(year))
        add(CONSENT[year], 11, 0, f"Justice: {year} consent", lambda: self._consent(year))

    def _plan_quarter(self, year: int, quarter: int, days: QuarterDays) -> None:
        opened, notice, self_assessed, agreed, signed, session, chair, familiarised = days
        acts, story = self.acts, self.story(year, quarter)
        label = f"Justice: Q{quarter} {year}"
        steps: list[Step] = [
            (opened, 15, "opened", lambda: acts.open_period(year, quarter)),
            (notice, 10, "notice", lambda: acts.send_notice(year, quarter)),
            (self_assessed, 10, "self", lambda: acts.quarter_self_assess(year, quarter, story)),
            (agreed, 15, "agreed", lambda: acts.quarter_agree(year, quarter, story)),
            (signed, 10, "signed", lambda: acts.quarter_sign(year, quarter, story)),
            (
                session,
                10,
                "session",
                lambda: acts.hold_session(year, quarter, session, chair, story),
            ),
            (
                familiarised,
                10,
                "familiarised",
                lambda: acts.familiarise(year, quarter, familiarised, story),
            ),
        ]
        self._add_steps(label, steps)

    def _plan_annual(self, year: int, days: AnnualDays) -> None:
        opened, self_assessed, agreed, computed, session, chair, familiarised = days
        acts, story = self.acts, self.story(year, None)
        label = f"Justice: year {year}"
        steps: list[Step] = [
            (opened, 15, "opened", lambda: acts.open_period(year, None)),
            (opened, 16, "notice", lambda: acts.send_notice(year, None)),
            (self_assessed, 14, "self", lambda: acts.annual_self_assess(year)),
            (agreed, 15, "agreed", lambda: acts.annual_agree(year, story)),
            (computed, 14, "computed", lambda: acts.annual_compute(year)),
            (session, 10, "session", lambda: acts.hold_session(year, None, session, chair, story)),
            (
                familiarised,
                11,
                "familiarised",
                lambda: acts.familiarise(year, None, familiarised, story),
            ),
        ]
        self._add_steps(label, steps)

    def _add_steps(self, label: str, steps: list[Step]) -> None:
        for day, hour, what, run in steps:
            self.timeline.add(day, hour, 0, f"{label} {what}", run)

    # --- the steps of the department ----------------------------------------------------------

    def _catalogue(self) -> None:
        catalogue_choose(
            actor=self.acts.hr, organisation=self.s.organisation, catalogue="territorial"
        )

    def _form(self) -> None:
        seats = [(self.acts.chair.pk, "chair")]
        seats += [(member.pk, "member") for member in self.acts.members]
        seats.append((self.acts.secretary.pk, "secretary"))
        commission_form(
            actor=self.acts.hr,
            organisation_id=self.s.organisation.pk,
            order_number=FORMING_ORDER,
            order_date=COMMISSION_FORMED,
            signatory_id=self.s.head.pk,
            seats=seats,
        )

    def _breach(self, year: int, quarter: int) -> None:
        """HR records a labour breach of "jus_alert" (p.21); his manager agrees it (p.24)."""
        day = BREACH_2017 if year == 2017 else BREACH_2018
        record = discipline_record_create(
            actor=self.acts.hr,
            servant_id=self.alert.pk,
            kind="labour",
            source="hr",
            day=day,
            evidence="Жұмысқа 50 минут кешікті: кіру-шығу журналы, түсініктеме хат",
        )
        self.story(year, quarter).breaches[self.alert.pk] = [record.pk]

    def _plans(self, year: int) -> None:
        self.acts.draw_up_plans(year, PLAN)

    def _draft(self, year: int) -> None:
        moj_schedule_draft(actor=self.acts.hr, organisation=self.s.organisation, year=year)

    def _consent(self, year: int) -> None:
        moj_schedule_record_consent(
            actor=self.acts.hr,
            schedule_id=self.acts.schedule(year).pk,
            chair_name=self.acts.chair.short_name,
            agreed_on=CONSENT[year],
            reference=f"Төрағаның келісім хаты, {CONSENT[year]:%d.%m.%Y}",
        )

    def annual_of(self, servant_pk: int, year: int) -> Evaluation:
        return Evaluation.objects.get(period=self.acts.period(year, None), servant_id=servant_pk)

    def _refer(self) -> None:
        training_referral_refer(
            actor=self.acts.hr,
            evaluation_id=self.annual_of(self.alert.pk, 2017).pk,
            directions=TRAINING_DIRECTION,
            referred_on=TRAINING_REFERRED,
        )

    def _trained(self) -> None:
        training_referral_complete(
            actor=self.acts.hr,
            evaluation_id=self.annual_of(self.alert.pk, 2017).pk,
            done_on=TRAINING_DONE,
            training=TRAINING,
        )


def load_justice(
    until: dt.date = YEAR_2018_FAMILIARISED, password_hash: str | None = None
) -> JusticeYears:
    """Build the department (its people in post from JUSTICE_START, `password_hash` the demo
    password's hash when the caller has one) and replay its 2017 and 2018 up to `until` (the
    whole story by default), in one transaction."""
    with transaction.atomic():
        with clock_at(moment_of(JUSTICE_START, 9)):
            years = JusticeYears(build_justice_structure(password_hash))
        for step in years.plan().ordered():
            if step.at.date() <= until:
                with clock_at(step.at):
                    step.run()
    return years
