"""The Almaty maslikhat's evaluated year 2019 under almaty-2018, replayed through the services on
the days it happened (issue 10 item 9; EDITIONS.md §2.2; back-dated entry of a past year, §9 G-1).

Each step runs as the person who acts, with the clock moved to its moment
(`bagalau.demo.clock.clock_at`), in date order:
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
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from bagalau.calibration.models import Appeal, AppealOutcome
from bagalau.commission.models import CommissionSession
from bagalau.commission.services import (
    commission_appeal_outcome,
    commission_appeal_record,
    commission_form,
    commission_result_acknowledge,
    commission_result_refusal_record,
    intranet_dispatch_record,
    motion_put,
    motion_vote,
    protocol_sign,
    session_approve,
    session_record_attendance,
    session_schedule,
)
from bagalau.demo.almaty_structure import (
    ALMATY_START,
    AlmatyStructure,
    build_almaty_structure,
)
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.timeline import Timeline
from bagalau.evaluations.models import Evaluation, PeriodKind, Schedule
from bagalau.methodology import get_edition, typical2018_rules
from bagalau.org.models import Servant
from bagalau.plans import typical as typical_plans
from bagalau.plans.models import WorkPlan
from bagalau.plans.services import KpiData, kpi_add, plans_initiate
from bagalau.typical.models import CompetencySheet, KpiSheet
from bagalau.typical.services.competency_sheet import (
    competency_sheet_fill,
    competency_sheet_open,
    competency_sheet_send,
    competency_sheet_sign,
)
from bagalau.typical.services.kpi_sheet import (
    kpi_sheet_agree,
    kpi_sheet_fill,
    kpi_sheet_open,
    kpi_sheet_send,
    kpi_sheet_sign,
)
from bagalau.typical.services.schedule import (
    typical_period_open,
    typical_schedule_draft,
    typical_schedule_record_consent,
)

ALMATY_YEAR = 2019
EDITION = "almaty-2018"

#: The days of the story (Kazakhstan's calendar: 1-2 and 7 January, 16-17 December are off).
PLANS_OPENED = dt.date(2019, 1, 3)
KPIS_ENTERED = dt.date(2019, 1, 4)
PLANS_SIGNED = dt.date(2019, 1, 8)
PLANS_APPROVED = dt.date(2019, 1, 9)
COMMISSION_FORMED = dt.date(2019, 1, 10)
SCHEDULE_DRAFTED = dt.date(2019, 11, 25)
CHAIR_CONSENT = dt.date(2019, 11, 26)
YEAR_OPENED = dt.date(2019, 11, 28)
EVALUATION_DAY = dt.date(2019, 12, 12)
SHEETS_AGREED = dt.date(2019, 12, 13)
SHEETS_SENT = dt.date(2019, 12, 18)
SESSION_AGREED = dt.date(2019, 12, 27)
SESSION_DAY = dt.date(2020, 1, 14)
PROTOCOL_APPROVED = dt.date(2020, 1, 15)
ACKNOWLEDGED = dt.date(2020, 1, 16)
DISPATCHED = dt.date(2020, 1, 17)
APPEAL_FILED = dt.date(2020, 1, 24)
APPEAL_DECIDED = dt.date(2020, 2, 20)

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


def _kpi(number: int, unit_name: str) -> KpiData:
    name, unit = KPI_THEMES[number - 1]
    target = Decimal(100 if unit == "%" else 10 * number)
    return KpiData(
        name=f"{name} ({unit_name})",
        source=KPI_SOURCE,
        unit=unit,
        direction="increase",
        deadline=dt.date(ALMATY_YEAR, 12, 31),
        key_result=f"{name}: жыл соңына дейін жоспарға сәйкес",
        plan_q4=target,
    )


class AlmatyYear:
    """Plans and replays the year for the apparatus of `structure`."""

    def __init__(self, structure: AlmatyStructure) -> None:
        self.s = structure
        self.rules = typical2018_rules(get_edition(EDITION))
        self.timeline = Timeline()
        self.servant = structure.staff["legal"][0]  # alm_servant: revised, acknowledges
        self.refuser = structure.staff["org"][2]  # refuses, the act; appeals
        self.absent_member = structure.staff["legal"][1]
        self.chair = structure.unit_heads["org"]
        self.secretary = structure.hr_staff
        self.members = [
            structure.unit_heads["legal"],
            structure.hr_head,
            structure.staff["org"][0],
            self.absent_member,
        ]

    # --- people and rows ---------------------------------------------------------------------

    @staticmethod
    def user(servant: Servant) -> User:
        user = Servant.objects.select_related("user").get(pk=servant.pk).user
        assert user is not None
        return user

    @property
    def hr(self) -> User:
        return self.user(self.s.hr_head)

    @property
    def head(self) -> User:
        return self.user(self.s.head)

    def schedule(self) -> Schedule:
        return Schedule.objects.get(organisation=self.s.organisation, year=ALMATY_YEAR)

    def evaluations(self) -> list[Evaluation]:
        return list(
            Evaluation.objects.filter(
                period__schedule=self.schedule(), period__kind=PeriodKind.ANNUAL
            )
            .select_related("servant", "evaluator__user")
            .order_by("pk")
        )

    def evaluation_of(self, servant: Servant) -> Evaluation:
        return Evaluation.objects.get(period__schedule=self.schedule(), servant=servant)

    def session(self) -> CommissionSession:
        return CommissionSession.objects.get(organisation=self.s.organisation)

    # --- the plan of the year ----------------------------------------------------------------

    def plan(self) -> Timeline:
        add = self.timeline.add
        add(PLANS_OPENED, 10, 0, "Almaty: HR opens the work plans", self._open_plans)
        add(KPIS_ENTERED, 11, 0, "Almaty: 5 KPIs in every plan", self._enter_kpis)
        add(PLANS_SIGNED, 10, 0, "Almaty: plans signed and submitted", self._sign_plans)
        add(PLANS_APPROVED, 11, 0, "Almaty: plans approved", self._approve_plans)
        add(COMMISSION_FORMED, 15, 0, "Almaty: the commission formed", self._form)
        add(SCHEDULE_DRAFTED, 10, 0, "Almaty: HR drafts the schedule", self._draft_schedule)
        add(CHAIR_CONSENT, 11, 0, "Almaty: the chair consents", self._consent)
        add(YEAR_OPENED, 9, 30, "Almaty: HR opens the year", self._open_year)
        add(EVALUATION_DAY, 15, 0, "Almaty: sheets filled and signed", self._sign_sheets)
        add(SHEETS_AGREED, 11, 0, "Almaty: KPI sheets agreed", self._agree_sheets)
        add(SHEETS_SENT, 10, 0, "Almaty: sheets sent to the commission", self._send_sheets)
        add(SESSION_AGREED, 10, 0, "Almaty: the session scheduled", self.schedule_session)
        add(SESSION_DAY, 10, 0, "Almaty: the session", self._hold_session)
        add(SESSION_DAY, 17, 0, "Almaty: the protocol signed", self._sign_protocol)
        add(PROTOCOL_APPROVED, 11, 0, "Almaty: the protocol approved", self._approve_protocol)
        add(ACKNOWLEDGED, 10, 0, "Almaty: familiarisation", self._familiarise)
        add(DISPATCHED, 10, 0, "Almaty: intranet dispatch", self._dispatch)
        add(APPEAL_FILED, 15, 0, "Almaty: the appeal recorded", self._appeal)
        add(APPEAL_DECIDED, 11, 0, "Almaty: the appeal's outcome", self._appeal_outcome)
        return self.timeline

    # --- the work plans (App. 1, p.9-15) -----------------------------------------------------

    def _plans(self) -> list[WorkPlan]:
        return list(
            WorkPlan.objects.filter(organisation=self.s.organisation, year=ALMATY_YEAR)
            .select_related("servant__user", "evaluator__user", "approver__user")
            .order_by("pk")
        )

    def _open_plans(self) -> None:
        plans_initiate(actor=self.hr, organisation=self.s.organisation, year=ALMATY_YEAR)

    def _enter_kpis(self) -> None:
        for plan in self._plans():
            assert plan.evaluator is not None
            unit_name = plan.assignment.position.unit.name_kk
            for number in range(1, self.rules.kpi_count + 1):
                plan.refresh_from_db()
                kpi_add(
                    actor=self.user(plan.evaluator),
                    plan_id=plan.pk,
                    version=plan.version,
                    data=_kpi(number, unit_name),
                )

    def _sign_plans(self) -> None:
        for plan in self._plans():
            assert plan.evaluator is not None
            for signer in (plan.servant, plan.evaluator):
                plan.refresh_from_db()
                typical_plans.typical_plan_sign(
                    actor=self.user(signer), plan_id=plan.pk, version=plan.version
                )
            plan.refresh_from_db()
            typical_plans.typical_plan_submit(
                actor=self.user(plan.evaluator), plan_id=plan.pk, version=plan.version
            )

    def _approve_plans(self) -> None:
        for plan in self._plans():
            assert plan.approver is not None
            typical_plans.typical_plan_approve(
                actor=self.user(plan.approver), plan_id=plan.pk, version=plan.version
            )

    def _form(self) -> None:
        seats = [(self.chair.pk, "chair")]
        seats += [(member.pk, "member") for member in self.members]
        seats.append((self.secretary.pk, "secretary"))
        commission_form(
            actor=self.hr,
            organisation_id=self.s.organisation.pk,
            order_number=FORMING_ORDER,
            order_date=COMMISSION_FORMED,
            signatory_id=self.s.head.pk,
            seats=seats,
        )

    # --- the schedule and the sheets (App. 2, App. 3; p.17-29) -------------------------------

    def _draft_schedule(self) -> None:
        typical_schedule_draft(
            actor=self.hr,
            organisation=self.s.organisation,
            year=ALMATY_YEAR,
            evaluation_date=EVALUATION_DAY,
        )

    def _consent(self) -> None:
        typical_schedule_record_consent(
            actor=self.hr,
            schedule_id=self.schedule().pk,
            chair_name=self.chair.short_name,
            agreed_on=CHAIR_CONSENT,
        )

    def _open_year(self) -> None:
        period = self.schedule().periods.get(kind=PeriodKind.ANNUAL)
        typical_period_open(actor=self.hr, period_id=period.pk)

    def achieved(self, servant: Servant) -> int:
        """How many KPIs the direct manager found fully achieved (p.18)."""
        if servant.pk == self.servant.pk:
            return REVISED_FROM
        return 4 if servant.pk % 3 else 5

    def _sign_sheets(self) -> None:
        for evaluation in self.evaluations():
            assert evaluation.evaluator is not None
            manager = self.user(evaluation.evaluator)
            sheet = kpi_sheet_open(actor=manager, evaluation_id=evaluation.pk)
            count = self.achieved(evaluation.servant)
            rows = {
                row.number: {
                    "actual": row.planned if row.number <= count else "—",
                    "achieved": row.number <= count,
                }
                for row in sheet.rows.order_by("number")
            }
            kpi_sheet_fill(actor=manager, sheet_id=sheet.pk, rows=rows)
            kpi_sheet_sign(actor=manager, sheet_id=sheet.pk)
            competencies = competency_sheet_open(actor=manager, evaluation_id=evaluation.pk)
            competency_sheet_fill(
                actor=manager,
                sheet_id=competencies.pk,
                observed=self._observed(competencies, evaluation.servant),
            )
            competency_sheet_sign(actor=manager, sheet_id=competencies.pk)

    def _observed(self, sheet: CompetencySheet, servant: Servant) -> dict[str, list[int]]:
        """Every effective indicator observed, but two competencies the refuser does not meet
        (the development list, p.27)."""
        observed: dict[str, list[int]] = {}
        for competency in self.rules.competencies:
            if competency.services_only and not sheet.provides_services:
                continue
            indicators = self.rules.indicators[(competency.code, sheet.tier)].effective
            numbers = list(range(1, len(indicators) + 1))
            if servant.pk == self.refuser.pk and competency.code in {"initiative", "cooperation"}:
                numbers = numbers[: len(numbers) // 2]
            observed[competency.code] = numbers
        return observed

    def _agree_sheets(self) -> None:
        for sheet in KpiSheet.objects.filter(evaluation__in=self.evaluations()).order_by("pk"):
            assert sheet.approver is not None
            kpi_sheet_agree(actor=self.user(sheet.approver), sheet_id=sheet.pk)

    def _send_sheets(self) -> None:
        evaluations = self.evaluations()
        for sheet in KpiSheet.objects.filter(evaluation__in=evaluations).order_by("pk"):
            kpi_sheet_send(actor=self.hr, sheet_id=sheet.pk)
        for competencies in CompetencySheet.objects.filter(evaluation__in=evaluations):
            competency_sheet_send(actor=self.hr, sheet_id=competencies.pk)

    # --- the commission (App. 5, p.30-39) ----------------------------------------------------

    def schedule_session(self) -> None:
        session_schedule(
            actor=self.hr,
            organisation_id=self.s.organisation.pk,
            date=SESSION_DAY,
            chair_agreed_on=SESSION_AGREED,
            place="Мәслихат аппаратының мәжіліс залы, 305-бөлме",
            evaluation_ids=[evaluation.pk for evaluation in self.evaluations()],
        )

    def present(self) -> list[Servant]:
        return [self.chair, *self.members[:3]]

    def _hold_session(self) -> None:
        secretary = self.user(self.secretary)
        session = self.session()
        session_record_attendance(
            actor=secretary,
            session_id=session.pk,
            present_servant_ids=[p.pk for p in (*self.present(), self.secretary)],
        )
        for evaluation in self.evaluations():
            revise = evaluation.servant_id == self.servant.pk
            motion = motion_put(
                actor=secretary,
                session_id=session.pk,
                evaluation_id=evaluation.pk,
                kind="revise" if revise else "approve",
                revised_kpi_achieved=REVISED_TO if revise else None,
                reason=REVISION_REASON if revise else "",
            )
            votes = {voter.pk: "for" for voter in self.present()}
            if revise:  # 2 to 2: the chair's vote decides (p.33)
                votes[self.members[1].pk] = votes[self.members[2].pk] = "against"
            motion_vote(actor=secretary, motion_id=motion.pk, votes=votes)

    def _sign_protocol(self) -> None:
        session = self.session()
        for signer in (self.secretary, *self.present()):
            protocol_sign(actor=self.user(signer), session_id=session.pk, signed_on=SESSION_DAY)

    def _approve_protocol(self) -> None:
        session_approve(
            actor=self.head, session_id=self.session().pk, approved_on=PROTOCOL_APPROVED
        )

    # --- familiarisation, the refusal act, the appeal (p.40-43) -----------------------------

    def _familiarise(self) -> None:
        for evaluation in self.evaluations():
            if evaluation.servant_id == self.refuser.pk:
                commission_result_refusal_record(
                    actor=self.hr,
                    evaluation_id=evaluation.pk,
                    refused_on=ACKNOWLEDGED,
                    signers=[self.s.unit_heads["legal"].pk, self.secretary.pk],
                    text="Бағалау нәтижелерімен танысудан және парақтарға қол қоюдан бас тартты.",
                )
            else:
                commission_result_acknowledge(
                    actor=self.user(evaluation.servant),
                    evaluation_id=evaluation.pk,
                    acknowledged_on=ACKNOWLEDGED,
                )

    def _dispatch(self) -> None:
        intranet_dispatch_record(
            actor=self.hr,
            evaluation_id=self.evaluation_of(self.refuser).pk,
            sent_on=DISPATCHED,
            reference="ИП-2020/014",
        )

    def _appeal(self) -> None:
        commission_appeal_record(
            actor=self.hr,
            evaluation_id=self.evaluation_of(self.refuser).pk,
            filed_on=APPEAL_FILED,
            authority=APPEAL_AUTHORITY,
            note="Құзыреттер бойынша бағалауға шағым (бастамашылық, ынтымақтастық).",
        )

    def _appeal_outcome(self) -> None:
        appeal = Appeal.objects.get(evaluation=self.evaluation_of(self.refuser))
        commission_appeal_outcome(
            actor=self.hr,
            appeal_id=appeal.pk,
            outcome=AppealOutcome.LEFT_UNCHANGED,
            decided_on=APPEAL_DECIDED,
            note="Агенттік бағалау нәтижесін қайта қараусыз қалдырды.",
        )


def load_almaty(until: dt.date = APPEAL_DECIDED, password_hash: str | None = None) -> AlmatyYear:
    """Build the Almaty apparatus (its people in post from ALMATY_START, `password_hash` the demo
    password's hash when the caller has one) and replay its 2019 year up to `until` (the whole
    story by default; the browser walk of tests/e2e takes over earlier), in one transaction."""
    with transaction.atomic():
        with clock_at(moment_of(ALMATY_START, 9)):
            year = AlmatyYear(build_almaty_structure(password_hash))
        for step in year.plan().ordered():
            if step.at.date() <= until:
                with clock_at(step.at):
                    step.run()
    return year
