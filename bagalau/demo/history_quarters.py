"""The demo year's quarter steps (`bagalau.demo.history`): HR opens a quarter and enters the
actual values, the evaluators score and sign, the servants acknowledge (p.11), HR closes; the
calibration: application, decision, presentation, votes, protocol and feedback (p.38-41)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from bagalau.calibration.models import Session
from bagalau.calibration.services import (
    calibration_apply,
    calibration_decide,
    feedback_record,
    protocol_post,
    protocol_sign,
    session_record_presentation,
    session_vote,
)
from bagalau.demo.clock import moment_of
from bagalau.demo.content import (
    JUSTIFICATIONS,
    KPIS,
    OVERALL,
    PATTERNS,
    SESSION_PLACE,
    CalibrationStory,
    VoteSpec,
)
from bagalau.demo.decisions import encourage_best
from bagalau.demo.history_base import HistoryBase, rotate
from bagalau.demo.paper import enter_paper_sheet
from bagalau.evaluations.models import (
    EvaluationStatus,
    KpiResult,
    Method,
    Period,
    PeriodKind,
)
from bagalau.evaluations.services.annual import annual_results_compute
from bagalau.evaluations.services.familiarisation import (
    evaluation_acknowledge,
)
from bagalau.evaluations.services.schedule import (
    period_close,
    period_open,
)
from bagalau.evaluations.services.sheets import (
    differentiation_save,
    evaluation_sign,
    kpi_actuals_save,
    kpi_sheet_save,
)
from bagalau.notifications.models import Notification
from bagalau.notifications.services import notifications_mark_all_read
from bagalau.org.models import Servant


class QuarterSteps(HistoryBase):
    """A quarter's evaluation and its calibration."""

    # --- a quarter -----------------------------------------------------------------------------

    def _open(self, quarter: int) -> None:
        period_open(actor=self.hr, period_id=self.period(quarter).pk)

    def _actuals(self, quarter: int) -> None:
        for evaluation in self.evaluations(quarter):
            if evaluation.method != Method.KPI or evaluation.status not in (
                EvaluationStatus.PENDING,
                EvaluationStatus.DEFERRED,
            ):
                continue
            specs = KPIS[self.plan_key[evaluation.servant_id]]
            values: dict[int, object] = {}
            for row in KpiResult.objects.filter(evaluation=evaluation).select_related("kpi"):
                values[row.pk] = specs[row.kpi.number - 1].actual_in(quarter)
            kpi_actuals_save(
                actor=self.hr,
                evaluation_id=evaluation.pk,
                version=evaluation.version,
                values=values,
            )

    def _score(self, quarter: int, unit: str) -> None:
        """The head of `unit` (or who acts for him) scores and signs the staff's sheets."""
        codes = [p.code for p in self.rules.differentiation.parameters]
        for evaluation in self.evaluations(quarter):
            if (
                evaluation.method != Method.DIFFERENTIATION
                or self.unit_key.get(evaluation.servant_id) != unit
                or evaluation.status != EvaluationStatus.PENDING
            ):
                continue
            pattern = self.profiles[evaluation.servant_id][quarter - 1]
            scores = dict(zip(codes, rotate(PATTERNS[pattern], evaluation.servant_id), strict=True))
            actor = evaluation.evaluator.user if evaluation.evaluator else None
            assert actor is not None
            reasons = {code: JUSTIFICATIONS[code][score] for code, score in scores.items()}
            if quarter == 1 and evaluation.servant_id == self.on_paper.pk:
                enter_paper_sheet(
                    actor=self.hr_head,
                    evaluation=evaluation,
                    scores=scores,
                    justifications=reasons,
                    justification=OVERALL[pattern[0]],
                )
                continue
            saved = differentiation_save(
                actor=actor,
                evaluation_id=evaluation.pk,
                version=evaluation.version,
                scores=scores,
                justifications=reasons,
                justification=OVERALL[pattern[0]],
            )
            evaluation_sign(actor=actor, evaluation_id=saved.pk, version=saved.version)

    def _kpi_sheets(self, quarter: int, of_deputies: bool) -> None:
        """The deputies score and sign the department heads' KPI sheets, the head of the
        apparatus the deputies' ones; a deferred sheet waits for the servant's return."""
        deputies = {d.pk for d in self.s.deputies}
        for evaluation in self.evaluations(quarter):
            if evaluation.method != Method.KPI or evaluation.status != EvaluationStatus.PENDING:
                continue
            if (evaluation.servant_id in deputies) != of_deputies:
                continue
            specs = KPIS[self.plan_key[evaluation.servant_id]]
            scores: dict[int, object] = {}
            for row in KpiResult.objects.filter(evaluation=evaluation).select_related("kpi"):
                choice = specs[row.kpi.number - 1].choice.get(quarter)
                if choice == "max":
                    scores[row.pk] = row.allowed_max
                elif choice == "min":
                    scores[row.pk] = row.allowed_min
            actor = evaluation.evaluator.user if evaluation.evaluator else None
            assert actor is not None
            saved = kpi_sheet_save(
                actor=actor,
                evaluation_id=evaluation.pk,
                version=evaluation.version,
                scores=scores,
                feedback=(
                    "Тоқсан жоспары негізінен орындалды. Келесі тоқсанда кешіккен "
                    "көрсеткіштерге апта сайынғы бақылау енгізіңіз."
                ),
            )
            evaluation_sign(actor=actor, evaluation_id=saved.pk, version=saved.version)

    def _ack(self, quarter: int) -> None:
        """Servants acknowledge what was signed before today (one does not, in Q1)."""
        for evaluation in self.evaluations(quarter):
            if evaluation.status != EvaluationStatus.SIGNED:
                continue
            if quarter == 1 and evaluation.servant_id == self.silent.pk:
                continue
            evaluation_acknowledge(
                actor=self._user(evaluation.servant), evaluation_id=evaluation.pk
            )

    def _annual(self) -> None:
        annual = Period.objects.get(schedule=self.schedule(), kind=PeriodKind.ANNUAL)
        annual_results_compute(actor=self.hr, period_id=annual.pk)

    def _encourage(self) -> None:
        encourage_best(actor=self.hr, organisation=self.organisation, results=self.evaluations(1))

    def _close(self, quarter: int) -> None:
        period_close(actor=self.hr, period_id=self.period(quarter).pk)

    def _read_all(self) -> None:
        """Everyone has read their notifications by the evening (the demo shows recent ones)."""
        for user in User.objects.filter(
            pk__in=Notification.objects.filter(read_at__isnull=True).values("recipient")
        ):
            notifications_mark_all_read(user=user)

    # --- calibration -------------------------------------------------------------------------

    def _applicant(self, quarter: int) -> Servant:
        return self.q2_applicant if quarter == 2 else self.q3_applicant

    def _session(self, quarter: int) -> Session:
        evaluation = self.evaluation_of(self._applicant(quarter), quarter)
        return Session.objects.get(application__evaluation=evaluation)

    def _apply(self, quarter: int, story: CalibrationStory) -> None:
        servant = self._applicant(quarter)
        calibration_apply(
            actor=self._user(servant),
            evaluation_id=self.evaluation_of(servant, quarter).pk,
            text=story.application,
        )

    def _decide(self, quarter: int, session_day: dt.date, hour: int) -> None:
        evaluation = self.evaluation_of(self._applicant(quarter), quarter)
        calibration_decide(
            actor=self.head,
            application_id=evaluation.calibration_application.pk,
            participants=[self._user(p).pk for p in self.participants[quarter]],
            scheduled_for=moment_of(session_day, hour),
            place=SESSION_PLACE,
        )

    def _present(self, quarter: int, story: CalibrationStory) -> None:
        session = self._session(quarter)
        evaluator = session.application.evaluation.evaluator
        assert evaluator is not None
        session_record_presentation(
            actor=self._user(evaluator), session_id=session.pk, text=story.presentation
        )

    def _vote(self, quarter: int, votes: list[VoteSpec]) -> None:
        session = self._session(quarter)
        for participant, vote in zip(self.participants[quarter], votes, strict=False):
            session_vote(
                actor=self._user(participant),
                session_id=session.pk,
                choice=vote.choice,
                score=vote.score,
                argument=vote.argument,
            )

    def _sign_protocol(self) -> None:
        protocol_sign(actor=self.hr_head, session_id=self._session(2).pk)

    def _post_protocol(self) -> None:
        protocol_post(actor=self.hr, session_id=self._session(2).pk)

    def _feedback(self, story: CalibrationStory, day: dt.date) -> None:
        session = self._session(2)
        evaluator = session.application.evaluation.evaluator
        assert evaluator is not None
        achievements, skills, potential = story.feedback
        feedback_record(
            actor=self._user(evaluator),
            session_id=session.pk,
            held_on=day,
            achievements=achievements,
            skills=skills,
            potential=potential,
            sector_head=self.hr_head,  # took part (p.19(3): "қажет болған жағдайда")
        )
