"""What the people of the demo's justice department do in one moj-2017 period, through the
services, as `bagalau.demo.justice` schedules it (seed 001 p.10-36; EDITIONS.md §5.2).

The data of the story (who earns which App. 2 activity, who breached discipline, who refuses to
sign, the commission's revision, the marks of the work plans) is given by the caller; here only
the calls, in the order the texts put them: the quarter's App. 3 sheets (self-assessment p.23,
the manager's agreement against the discipline records p.24, the signature or the HR servant's
refusal act p.25), the App. 4 sheets and HR's computation (p.28-32), the session (p.34-35) and the
familiarisation (p.36).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User

from bagalau.commission.models import CommissionSession
from bagalau.commission.services import (
    commission_result_acknowledge,
    commission_result_refusal_record,
    motion_put,
    motion_vote,
    protocol_sign,
    session_record_attendance,
    session_schedule,
)
from bagalau.demo.justice_structure import JusticeStructure
from bagalau.evaluations.models import Evaluation, Period, PeriodKind, Schedule
from bagalau.moj.models import AnnualSheet, QuarterSheet
from bagalau.moj.plan_access import plan_manager
from bagalau.moj.services.annual_sheet import (
    annual_sheet_agree,
    annual_sheet_compute,
    annual_sheet_confirm,
    annual_sheet_open,
    annual_sheet_self_assess,
)
from bagalau.moj.services.consent import moj_quarter_open
from bagalau.moj.services.notice import moj_notice_send
from bagalau.moj.services.quarter_sheet import (
    quarter_sheet_agree,
    quarter_sheet_open,
    quarter_sheet_record_refusal,
    quarter_sheet_self_assess,
    quarter_sheet_sign,
)
from bagalau.moj.services.work_plan import work_plan_create, work_plan_sign
from bagalau.org.models import Servant

PLACE = "Департаменттің мәжіліс залы"


def user_of(servant: Servant) -> User:
    """The servant's login."""
    user = Servant.objects.select_related("user").get(pk=servant.pk).user
    assert user is not None
    return user


@dataclass
class Revision:
    """The commission's correction of one result with its explanation (p.35)."""

    score: str
    reason: str


@dataclass
class PeriodStory:
    """What happens to each servant in one period: activities (App. 2 codes) by servant,
    discipline records to agree (their ids) by servant, who refuses to sign the sheet, the
    commission's revisions, who refuses the familiarisation; for the year, the manager's and the
    servant's marks of the plan by servant."""

    activities: dict[int, list[str]] = field(default_factory=dict)
    breaches: dict[int, list[int]] = field(default_factory=dict)
    refuses_to_sign: int | None = None
    revisions: dict[int, Revision] = field(default_factory=dict)
    refuses_familiarisation: int | None = None
    marks: dict[int, tuple[int, ...]] = field(default_factory=dict)


class JusticeActs:
    """The services the department's people call, for the body of `structure`."""

    def __init__(self, structure: JusticeStructure) -> None:
        self.s = structure
        self.chair = structure.unit_heads["reg"]
        self.members = [structure.unit_heads["aware"], structure.unit_heads["acts"]]
        self.members.append(structure.hr_head)
        self.secretary = structure.hr_staff

    @property
    def hr(self) -> User:
        return user_of(self.s.hr_head)

    @property
    def hr_servant(self) -> User:
        return user_of(self.s.hr_staff)

    def schedule(self, year: int) -> Schedule:
        return Schedule.objects.get(organisation=self.s.organisation, year=year)

    def period(self, year: int, quarter: int | None) -> Period:
        """The period of a quarter, or of the year (`quarter` None)."""
        periods = self.schedule(year).periods
        if quarter is None:
            return periods.get(kind=PeriodKind.ANNUAL)
        return periods.get(kind=PeriodKind.QUARTER, number=quarter)

    def evaluations(self, year: int, quarter: int | None) -> list[Evaluation]:
        return list(
            Evaluation.objects.filter(period=self.period(year, quarter))
            .select_related("servant__user", "evaluator__user", "period")
            .order_by("pk")
        )

    # --- the period: opened and the notice sent (p.14) -----------------------------------------

    def open_period(self, year: int, quarter: int | None) -> None:
        moj_quarter_open(actor=self.hr, period_id=self.period(year, quarter).pk)

    def send_notice(self, year: int, quarter: int | None) -> None:
        moj_notice_send(actor=self.hr, period_id=self.period(year, quarter).pk)

    # --- the quarterly sheet, App. 3 (p.15-27) ------------------------------------------------

    @staticmethod
    def _items(codes: Sequence[str], evaluation: Evaluation) -> list[dict[str, Any]]:
        day = evaluation.period.starts + dt.timedelta(days=20)
        return [
            {"code": code, "date": day, "evidence": f"Бұйрық № {17 + number}-ж"}
            for number, code in enumerate(codes)
        ]

    def quarter_self_assess(self, year: int, quarter: int, story: PeriodStory) -> None:
        """Every servant lists the activities (leaving breaches to the manager's records)."""
        for evaluation in self.evaluations(year, quarter):
            assert evaluation.evaluator is not None
            sheet = quarter_sheet_open(
                actor=user_of(evaluation.evaluator), evaluation_id=evaluation.pk
            )
            codes = story.activities.get(evaluation.servant_id, [])
            quarter_sheet_self_assess(
                actor=user_of(evaluation.servant),
                sheet_id=sheet.pk,
                items=self._items(codes, evaluation),
                breaches=[],
            )

    def quarter_agree(self, year: int, quarter: int, story: PeriodStory) -> None:
        """The direct manager agrees each sheet with the discipline records of the quarter."""
        for sheet in self._quarter_sheets(year, quarter):
            evaluation = sheet.evaluation
            assert evaluation.evaluator is not None
            quarter_sheet_agree(
                actor=user_of(evaluation.evaluator),
                sheet_id=sheet.pk,
                items=self._items(story.activities.get(evaluation.servant_id, []), evaluation),
                breach_ids=story.breaches.get(evaluation.servant_id, []),
            )

    def quarter_sign(self, year: int, quarter: int, story: PeriodStory) -> None:
        """The servants sign; one refuses and the HR servant draws up the act (p.25)."""
        for sheet in self._quarter_sheets(year, quarter):
            if sheet.evaluation.servant_id == story.refuses_to_sign:
                quarter_sheet_record_refusal(
                    actor=self.hr_servant,
                    sheet_id=sheet.pk,
                    note=(
                        "Қызметші тоқсандық бағалау парағымен танысты, бірақ оған қол қоюдан "
                        "бас тартты: көтермеленетін қызмет түрлері толық ескерілмеген деп санайды."
                    ),
                )
            else:
                quarter_sheet_sign(actor=user_of(sheet.evaluation.servant), sheet_id=sheet.pk)

    def _quarter_sheets(self, year: int, quarter: int) -> list[QuarterSheet]:
        return list(
            QuarterSheet.objects.filter(evaluation__period=self.period(year, quarter))
            .select_related("evaluation__servant", "evaluation__evaluator", "evaluation__period")
            .order_by("evaluation_id")
        )

    # --- the work plan, App. 1, and the annual sheet, App. 4 (p.10-13, p.28-32) ----------------

    def draw_up_plans(self, year: int, plan: Sequence[Mapping[str, Any]]) -> None:
        """Every servant draws up the year's plan, signs it, then the direct manager (p.10-13)."""
        for servant in self.s.evaluated:
            created = work_plan_create(
                actor=user_of(servant), servant_id=servant.pk, year=year, indicators=plan
            )
            work_plan_sign(actor=user_of(servant), plan_id=created.pk)
            head = plan_manager(servant)
            assert head is not None
            work_plan_sign(actor=user_of(head), plan_id=created.pk)

    @staticmethod
    def _marks(points: Sequence[int]) -> list[dict[str, Any]]:
        return [{"points": p, "note": ""} for p in points]

    def annual_self_assess(self, year: int) -> None:
        """Each sheet opened by the direct manager from the filed plan; the servant
        self-assesses every indicator "met" (p.28)."""
        for evaluation in self.evaluations(year, None):
            assert evaluation.evaluator is not None
            sheet = annual_sheet_open(
                actor=user_of(evaluation.evaluator), evaluation_id=evaluation.pk
            )
            annual_sheet_self_assess(
                actor=user_of(evaluation.servant),
                sheet_id=sheet.pk,
                marks=self._marks([4] * len(sheet.rows)),
            )

    def annual_agree(self, year: int, story: PeriodStory) -> None:
        """The direct manager's column and the servant's confirmation (p.29-31)."""
        for sheet in self._annual_sheets(year):
            evaluation = sheet.evaluation
            assert evaluation.evaluator is not None
            marks = story.marks.get(evaluation.servant_id, (4, 5, 4))
            annual_sheet_agree(
                actor=user_of(evaluation.evaluator), sheet_id=sheet.pk, marks=self._marks(marks)
            )
            annual_sheet_confirm(actor=user_of(evaluation.servant), sheet_id=sheet.pk)

    def annual_compute(self, year: int) -> None:
        """HR computes each annual score (p.32)."""
        for sheet in self._annual_sheets(year):
            annual_sheet_compute(actor=self.hr_servant, sheet_id=sheet.pk)

    def _annual_sheets(self, year: int) -> list[AnnualSheet]:
        return list(
            AnnualSheet.objects.filter(evaluation__period=self.period(year, None))
            .select_related("evaluation__servant", "evaluation__evaluator")
            .order_by("evaluation_id")
        )

    # --- the session (p.34-35) and the familiarisation (p.36) ---------------------------------

    def session(self, day: dt.date) -> CommissionSession:
        return CommissionSession.objects.get(organisation=self.s.organisation, date=day)

    def hold_session(
        self, year: int, quarter: int | None, day: dt.date, agreed: dt.date, story: PeriodStory
    ) -> None:
        """HR schedules the session with the chair's agreement, all present; every result
        approved by all the members but the revisions; the protocol signed the same day, which
        makes the decisions take effect (p.35)."""
        evaluations = self.evaluations(year, quarter)
        session = session_schedule(
            actor=self.hr_servant,
            organisation_id=self.s.organisation.pk,
            date=day,
            chair_agreed_on=agreed,
            place=PLACE,
            evaluation_ids=[e.pk for e in evaluations],
        )
        voters = [self.chair, *self.members]
        session_record_attendance(
            actor=self.hr_servant,
            session_id=session.pk,
            present_servant_ids=[s.pk for s in (*voters, self.secretary)],
        )
        for evaluation in evaluations:
            revision = story.revisions.get(evaluation.servant_id)
            motion = motion_put(
                actor=self.hr_servant,
                session_id=session.pk,
                evaluation_id=evaluation.pk,
                kind="revise" if revision else "approve",
                revised_score=revision.score if revision else None,
                reason=revision.reason if revision else "",
            )
            motion_vote(
                actor=self.hr_servant,
                motion_id=motion.pk,
                votes={voter.pk: "for" for voter in voters},
            )
        for signer in (self.secretary, *voters):
            protocol_sign(actor=user_of(signer), session_id=session.pk, signed_on=day)

    def familiarise(self, year: int, quarter: int | None, day: dt.date, story: PeriodStory) -> None:
        """Each servant acknowledges in writing; one refuses and HR draws up the act (p.36)."""
        for evaluation in self.evaluations(year, quarter):
            if evaluation.servant_id == story.refuses_familiarisation:
                commission_result_refusal_record(
                    actor=self.hr,
                    evaluation_id=evaluation.pk,
                    refused_on=day,
                    signers=[],
                    text="Жылдық бағалау нәтижесімен танысудан бас тартты.",
                )
            else:
                commission_result_acknowledge(
                    actor=user_of(evaluation.servant),
                    evaluation_id=evaluation.pk,
                    acknowledged_on=day,
                )
