"""A whole typical-2018 year replayed through the services on the days it happened (EDITIONS.md
§2.2 step table; back-dated entry of a past year, §9 G-1): the demo's Almaty maslikhat under
almaty-2018 (bagalau.demo.almaty) and the SJC apparatus's past year under sjc-2018
(bagalau.demo.sjc_past) are two stories of this one builder.

Each step runs as the person who acts, with the clock moved to its moment
(`bagalau.demo.clock.clock_at`), in date order:
- January: the working body (HR in seed 004, the Administrative Department in seed 000, p.5)
  opens the work plans; the direct managers enter the KPIs (p.14), sign with the servant, submit;
  the superior manager (or the first head, p.11) approves. The authorised person forms the
  commission by order (the chair, four members, the working body's secretary who does not vote;
  p.5, p.34).
- December: the working body drafts the schedule with the chair's consent (p.29) and opens the
  year; the direct managers fill and sign the App. 2 KPI sheets and the App. 3 competency sheets
  (p.17, p.25-27); the superior manager agrees the KPI sheets (p.21); the working body sends both
  to the commission within 2 working days (p.24, p.28).
- January of the next year: the session, a member absent (4 of 5 present: quorate, p.30). Every
  result is approved except one servant's, whose KPI count the commission revises: the vote is
  2 to 2 and the chair's vote decides (p.32-33, p.38). The secretary, chair and members present
  sign the protocol, the authorised person approves it (p.39). The servants acknowledge in writing
  (p.40-41), except one who refuses: the working body and two other servants sign the refusal act
  and it sends the result through the intranet portal (p.41-42). That servant appeals to the
  agency within 10 working days; the agency leaves the result unchanged (p.43).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

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
from bagalau.demo.clock import clock_at
from bagalau.demo.timeline import Timeline
from bagalau.evaluations.models import Evaluation, PeriodKind, Schedule
from bagalau.methodology import get_edition, typical2018_rules
from bagalau.org.models import Organisation, Servant
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


@dataclass(frozen=True)
class YearDays:
    """The days of the story, in the order they come (working days of the calendar)."""

    plans_opened: dt.date
    kpis_entered: dt.date
    plans_signed: dt.date
    plans_approved: dt.date
    commission_formed: dt.date
    schedule_drafted: dt.date
    chair_consent: dt.date
    year_opened: dt.date
    evaluation_day: dt.date
    sheets_agreed: dt.date
    sheets_sent: dt.date
    session_agreed: dt.date
    session_day: dt.date
    protocol_approved: dt.date
    acknowledged: dt.date
    dispatched: dt.date
    appeal_filed: dt.date
    appeal_decided: dt.date


@dataclass(frozen=True)
class YearTexts:
    """What the people wrote: the KPIs of the plans (App. 1), the forming order, the place of the
    session, the commission's revision and its reason (p.38; T-13), the portal reference and the
    appeal authority."""

    label: str
    kpi_themes: tuple[tuple[str, str], ...]
    kpi_source: str
    forming_order: str
    place: str
    revised_from: int
    revised_to: int
    revision_reason: str
    dispatch_reference: str
    appeal_authority: str


@dataclass(frozen=True)
class YearCast:
    """Who acts. `working_body` holds the HR role of the organisation (the head of the HR service,
    or of the HR sector of the Administrative Department); `members` are the four voting
    members, the last of them absent on the session day; `servant` is the one whose result the
    commission revises, `refuser` the one who refuses to acknowledge and appeals; `witnesses` the
    two other servants who sign the refusal act with the working body (p.41)."""

    organisation: Organisation
    head: Servant
    working_body: Servant
    chair: Servant
    secretary: Servant
    members: tuple[Servant, Servant, Servant, Servant]
    servant: Servant
    refuser: Servant
    witnesses: tuple[Servant, Servant]


class TypicalYear:
    """Plans and replays the year `year` under `edition` for `cast`."""

    def __init__(
        self, *, year: int, edition: str, days: YearDays, texts: YearTexts, cast: YearCast
    ) -> None:
        self.year, self.edition, self.days, self.texts, self.cast = year, edition, days, texts, cast
        self.rules = typical2018_rules(get_edition(edition))
        self.timeline = Timeline()
        self.organisation = cast.organisation
        self.servant = cast.servant
        self.refuser = cast.refuser
        self.chair = cast.chair
        self.secretary = cast.secretary
        self.members = list(cast.members)
        self.absent_member = cast.members[3]

    # --- people and rows ---------------------------------------------------------------------

    @staticmethod
    def user(servant: Servant) -> User:
        user = Servant.objects.select_related("user").get(pk=servant.pk).user
        assert user is not None
        return user

    @property
    def hr(self) -> User:
        return self.user(self.cast.working_body)

    @property
    def head(self) -> User:
        return self.user(self.cast.head)

    def schedule(self) -> Schedule:
        return Schedule.objects.get(organisation=self.organisation, year=self.year)

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
        return CommissionSession.objects.get(
            organisation=self.organisation, date=self.days.session_day
        )

    # --- the plan of the year ----------------------------------------------------------------

    def plan(self) -> Timeline:
        days, label, add = self.days, self.texts.label, self.timeline.add
        add(days.plans_opened, 10, 0, f"{label}: the work plans opened", self._open_plans)
        add(days.kpis_entered, 11, 0, f"{label}: the KPIs of every plan", self._enter_kpis)
        add(days.plans_signed, 10, 0, f"{label}: plans signed and submitted", self._sign_plans)
        add(days.plans_approved, 11, 0, f"{label}: plans approved", self._approve_plans)
        add(days.commission_formed, 15, 0, f"{label}: the commission formed", self._form)
        add(days.schedule_drafted, 10, 0, f"{label}: the schedule drafted", self._draft_schedule)
        add(days.chair_consent, 11, 0, f"{label}: the chair consents", self._consent)
        add(days.year_opened, 9, 30, f"{label}: the year opened", self._open_year)
        add(days.evaluation_day, 15, 0, f"{label}: sheets filled and signed", self._sign_sheets)
        add(days.sheets_agreed, 11, 0, f"{label}: KPI sheets agreed", self._agree_sheets)
        add(days.sheets_sent, 10, 0, f"{label}: sheets sent to the commission", self._send_sheets)
        add(days.session_agreed, 10, 0, f"{label}: the session scheduled", self.schedule_session)
        add(days.session_day, 10, 0, f"{label}: the session", self._hold_session)
        add(days.session_day, 17, 0, f"{label}: the protocol signed", self._sign_protocol)
        add(days.protocol_approved, 11, 0, f"{label}: the protocol approved", self._approve)
        add(days.acknowledged, 10, 0, f"{label}: familiarisation", self._familiarise)
        add(days.dispatched, 10, 0, f"{label}: intranet dispatch", self._dispatch)
        add(days.appeal_filed, 15, 0, f"{label}: the appeal recorded", self._appeal)
        add(days.appeal_decided, 11, 0, f"{label}: the appeal's outcome", self._appeal_outcome)
        return self.timeline

    def run(self, until: dt.date) -> None:
        """Every step of the plan up to `until` (included), each with the clock at its moment."""
        for step in self.timeline.ordered():
            if step.at.date() <= until:
                with clock_at(step.at):
                    step.run()

    # --- the work plans (App. 1, p.9-15) -----------------------------------------------------

    def _plans(self) -> list[WorkPlan]:
        return list(
            WorkPlan.objects.filter(organisation=self.organisation, year=self.year)
            .select_related("servant__user", "evaluator__user", "approver__user")
            .order_by("pk")
        )

    def _kpi(self, number: int, unit_name: str) -> KpiData:
        name, unit = self.texts.kpi_themes[number - 1]
        target = Decimal(100 if unit == "%" else 10 * number)
        return KpiData(
            name=f"{name} ({unit_name})",
            source=self.texts.kpi_source,
            unit=unit,
            direction="increase",
            deadline=dt.date(self.year, 12, 31),
            key_result=f"{name}: жыл соңына дейін жоспарға сәйкес",
            plan_q4=target,
        )

    def _open_plans(self) -> None:
        plans_initiate(actor=self.hr, organisation=self.organisation, year=self.year)

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
                    data=self._kpi(number, unit_name),
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
            organisation_id=self.organisation.pk,
            order_number=self.texts.forming_order,
            order_date=self.days.commission_formed,
            signatory_id=self.cast.head.pk,
            seats=seats,
        )

    # --- the schedule and the sheets (App. 2, App. 3; p.17-29) -------------------------------

    def _draft_schedule(self) -> None:
        typical_schedule_draft(
            actor=self.hr,
            organisation=self.organisation,
            year=self.year,
            evaluation_date=self.days.evaluation_day,
        )

    def _consent(self) -> None:
        typical_schedule_record_consent(
            actor=self.hr,
            schedule_id=self.schedule().pk,
            chair_name=self.chair.short_name,
            agreed_on=self.days.chair_consent,
        )

    def _open_year(self) -> None:
        period = self.schedule().periods.get(kind=PeriodKind.ANNUAL)
        typical_period_open(actor=self.hr, period_id=period.pk)

    def achieved(self, servant: Servant) -> int:
        """How many KPIs the direct manager found fully achieved (p.18)."""
        if servant.pk == self.servant.pk:
            return self.texts.revised_from
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
            organisation_id=self.organisation.pk,
            date=self.days.session_day,
            chair_agreed_on=self.days.session_agreed,
            place=self.texts.place,
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
                revised_kpi_achieved=self.texts.revised_to if revise else None,
                reason=self.texts.revision_reason if revise else "",
            )
            votes = {voter.pk: "for" for voter in self.present()}
            if revise:  # 2 to 2: the chair's vote decides (p.33)
                votes[self.members[1].pk] = votes[self.members[2].pk] = "against"
            motion_vote(actor=secretary, motion_id=motion.pk, votes=votes)

    def _sign_protocol(self) -> None:
        session = self.session()
        for signer in (self.secretary, *self.present()):
            protocol_sign(
                actor=self.user(signer), session_id=session.pk, signed_on=self.days.session_day
            )

    def _approve(self) -> None:
        session_approve(
            actor=self.head, session_id=self.session().pk, approved_on=self.days.protocol_approved
        )

    # --- familiarisation, the refusal act, the appeal (p.40-43) -----------------------------

    def _familiarise(self) -> None:
        for evaluation in self.evaluations():
            if evaluation.servant_id == self.refuser.pk:
                commission_result_refusal_record(
                    actor=self.hr,
                    evaluation_id=evaluation.pk,
                    refused_on=self.days.acknowledged,
                    signers=[witness.pk for witness in self.cast.witnesses],
                    text="Бағалау нәтижелерімен танысудан және парақтарға қол қоюдан бас тартты.",
                )
            else:
                commission_result_acknowledge(
                    actor=self.user(evaluation.servant),
                    evaluation_id=evaluation.pk,
                    acknowledged_on=self.days.acknowledged,
                )

    def _dispatch(self) -> None:
        intranet_dispatch_record(
            evaluation_id=self.evaluation_of(self.refuser).pk,
            actor=self.hr,
            sent_on=self.days.dispatched,
            reference=self.texts.dispatch_reference,
        )

    def _appeal(self) -> None:
        commission_appeal_record(
            actor=self.hr,
            evaluation_id=self.evaluation_of(self.refuser).pk,
            filed_on=self.days.appeal_filed,
            authority=self.texts.appeal_authority,
            note="Құзыреттер бойынша бағалауға шағым (бастамашылық, ынтымақтастық).",
        )

    def _appeal_outcome(self) -> None:
        appeal = Appeal.objects.get(evaluation=self.evaluation_of(self.refuser))
        commission_appeal_outcome(
            actor=self.hr,
            appeal_id=appeal.pk,
            outcome=AppealOutcome.LEFT_UNCHANGED,
            decided_on=self.days.appeal_decided,
            note="Агенттік бағалау нәтижесін қайта қараусыз қалдырды.",
        )
