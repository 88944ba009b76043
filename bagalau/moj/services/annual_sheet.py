"""The annual evaluation sheet App. 4 and HR's computation of the annual score (seed 001
p.28-33; EDITIONS.md §5.2 E1-E5, §5.3, §9.4 M-1, M-2, M-6, M-14, M-16, M-19).

HR or the direct manager opens the sheet of a pending annual evaluation: one row per indicator of
the servant's filed work plan for the year (its latest filed version, M-15). The servant
self-assesses each row 2/3/4/5 with a note (p.28, p.30); the direct manager corrects and agrees
(p.29): the plan score is the mean of the manager's column, half-up to 2 decimals (the engine's
`plan_score`, M-6). The servant confirms, or the HR servant records the refusal act the direct
manager co-signs (p.31). HR then computes (p.32): the mean of the servant's approved quarter
scores of the year (M-14: approved = the commission set the quarter's final score), its points
(`quarter_mean_points`, M-2) and the annual score with the edition's weights, a reconstruction
(`annual_result`, M-1); the evaluation goes before the commission.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.evaluations.services.common import sheet_step_write
from bagalau.methodology import MethodologyError, get_edition, moj2017_rules
from bagalau.methodology.moj2017 import Moj2017Rules, annual_result, plan_score
from bagalau.moj.access import sheet_parts
from bagalau.moj.annual_access import (
    annual_sheet_actions,
    annual_sheet_get_for,
)
from bagalau.moj.models import ANNUAL_SHEET_FLOW, AnnualSheet, AnnualSheetStatus, WorkPlan
from bagalau.moj.plan_selectors import filed_revision
from bagalau.moj.services.sheets import (
    SheetSteps,
    sheet_create,
    sheet_evaluation,
)

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The App. 4 sheet's lookup, workflow and steps open to a user (`SheetSteps`).
STEPS = SheetSteps(annual_sheet_get_for, ANNUAL_SHEET_FLOW, annual_sheet_actions)


def sheet_rules(sheet: AnnualSheet) -> Moj2017Rules:
    """The rules of the edition the annual evaluation runs under."""
    return moj2017_rules(get_edition(sheet.evaluation.edition))


def annual_sheet_open(*, actor: User, evaluation_id: int) -> AnnualSheet:
    """HR or the direct manager opens the App. 4 sheet of a pending annual evaluation, with a
    row per indicator of the servant's filed plan for the year; refused without one."""
    evaluation = sheet_evaluation(
        actor=actor,
        evaluation_id=evaluation_id,
        method=Method.MOJ_ANNUAL,
        not_evaluated=N_("This servant is not evaluated this year."),
    )
    year = evaluation.period.schedule.year
    plan = WorkPlan.objects.filter(servant=evaluation.servant, year=year).first()
    revision = filed_revision(plan) if plan is not None else None
    if revision is None:
        raise DomainError(
            "plan",
            N_(
                "The servant has no work plan for %(year)s signed by both and filed (App. 1): "
                "the annual sheet rates its indicators."
            ),
            year=year,
        )
    rows = [
        {**indicator, "self": None, "self_note": "", "manager": None, "manager_note": ""}
        for indicator in revision.indicators
    ]
    return sheet_create(
        AnnualSheet,
        actor=actor,
        already_open=N_("The annual sheet of this evaluation is already open."),
        changes={"plan_revision": (None, revision.number)},
        evaluation=evaluation,
        plan_revision=revision,
        rows=rows,
    )


def _not_confirmed(actor: User) -> Callable[[AnnualSheet], None]:
    """HR's computation before the confirmation or the act says why (p.31, p.32)."""

    def refuse(sheet: AnnualSheet) -> None:
        if "hr" in sheet_parts(actor, sheet):
            raise DomainError(
                "status",
                N_(
                    "The servant has not confirmed the sheet, nor has the refusal act been "
                    "recorded (p.31): HR computes after either."
                ),
            )

    return refuse


def _marks(
    rules: Moj2017Rules, sheet: AnnualSheet, marks: Sequence[Mapping[str, Any]]
) -> list[tuple[int, str]]:
    """One mark {points, note} per row, the points one of the scale's (2-5, p.30)."""
    if len(marks) != len(sheet.rows):
        raise DomainError(
            "marks",
            N_("Rate each of the %(count)s indicators of the plan."),
            count=len(sheet.rows),
        )
    scale = sorted(o.points for o in rules.outcomes)
    clean = []
    for index, mark in enumerate(marks):
        points = mark.get("points")
        if isinstance(points, bool) or points not in scale:
            raise DomainError(
                f"marks[{index}].points",
                N_("Rate the indicator with one of %(scale)s (p.30)."),
                scale=", ".join(str(p) for p in scale),
            )
        note = str(mark.get("note") or "").strip()
        if len(note) > bounds.LONG_TEXT:
            raise DomainError(f"marks[{index}].note", N_("The note is too long."))
        clean.append((int(points), note))
    return clean


def _rows_marked(
    sheet: AnnualSheet, column: str, clean: list[tuple[int, str]]
) -> list[dict[str, Any]]:
    """The sheet's rows with `column` ("self" or "manager") and its note set from `clean`."""
    return [
        {**row, column: points, f"{column}_note": note}
        for row, (points, note) in zip(sheet.rows, clean, strict=True)
    ]


def annual_sheet_self_assess(
    *, actor: User, sheet_id: int, marks: Sequence[Mapping[str, Any]], version: int | None = None
) -> AnnualSheet:
    """The servant's self-assessment of each indicator, 2 to 5 with a note (p.28, p.30); shown,
    not used in the score (M-6)."""
    with transaction.atomic():
        sheet = STEPS.locked(actor, sheet_id, "self_assess", version)
        clean = _marks(sheet_rules(sheet), sheet, marks)
        sheet_step_write(
            sheet,
            actor=actor,
            flow=ANNUAL_SHEET_FLOW,
            action="self_assess",
            audited_as="update",
            values={
                "self_assessed_on": clock.today(),
                "rows": _rows_marked(sheet, "self", clean),
            },
            changes={"self": (None, [p for p, _ in clean])},
        )
    return sheet


def annual_sheet_agree(
    *, actor: User, sheet_id: int, marks: Sequence[Mapping[str, Any]], version: int | None = None
) -> AnnualSheet:
    """The direct manager's column (p.29-30): each indicator 2 to 5 with a note; the plan score
    is its mean, half-up to 2 decimals (the engine's `plan_score`, M-6). Agreed without a
    self-assessment, the sheet is marked so (M-16)."""
    with transaction.atomic():
        sheet = STEPS.locked(actor, sheet_id, "agree", version)
        rules = sheet_rules(sheet)
        clean = _marks(rules, sheet, marks)
        code_of = {o.points: o.code for o in rules.outcomes}
        try:
            score = plan_score(rules, [code_of[points] for points, _ in clean])
        except MethodologyError as error:
            raise DomainError.from_methodology(error, "marks") from error
        no_self_assessment = sheet.status == AnnualSheetStatus.DRAFT
        sheet_step_write(
            sheet,
            actor=actor,
            flow=ANNUAL_SHEET_FLOW,
            action="agree",
            audited_as="sign",
            values={
                "agreed_on": clock.today(),
                "rows": _rows_marked(sheet, "manager", clean),
                "no_self_assessment": no_self_assessment,
                "plan_score": score,
            },
            changes={
                "manager": (None, [p for p, _ in clean]),
                "plan_score": (None, score),
                "no_self_assessment": (None, no_self_assessment),
            },
        )
    return sheet


def annual_sheet_confirm(*, actor: User, sheet_id: int) -> AnnualSheet:
    """The servant confirms ("растайды") the agreed sheet (p.31)."""
    with transaction.atomic():
        return STEPS.servant_signed(
            actor=actor, sheet_id=sheet_id, action="confirm", day="confirmed_on"
        )


def annual_sheet_record_refusal(*, actor: User, sheet_id: int, note: str) -> AnnualSheet:
    """The servant refuses to confirm: the HR servant draws up the free-form act with the direct
    manager (p.31), the signers of the edition's ``refusal_to_sign`` act (methodology.acts). The
    papers still go on to HR's computation and the commission."""
    with transaction.atomic():
        return STEPS.refusal_recorded(actor=actor, sheet_id=sheet_id, note=note)


def approved_quarter_scores(evaluation: Evaluation) -> list[int]:
    """The servant's quarter scores of the year the commission approved (or revised: its final
    score), first quarter first (M-14: only those count)."""
    rows = Evaluation.objects.filter(
        servant=evaluation.servant,
        period__schedule=evaluation.period.schedule,
        method=Method.MOJ_QUARTER,
        final_score__isnull=False,
    ).order_by("period__number")
    scores = []
    for row in rows:
        assert row.final_score is not None
        if row.final_score != row.final_score.to_integral_value():
            raise DomainError(
                "quarters",
                N_("The approved score of %(period)s is not a whole number of points (p.26)."),
                period=str(row.period),
            )
        scores.append(int(row.final_score))
    return scores


def annual_sheet_compute(*, actor: User, sheet_id: int) -> AnnualSheet:
    """HR computes the annual score (p.32-33, see the module) and the evaluation goes before the
    commission. Refused with no approved quarter (M-14: the plan alone never makes an annual
    evaluation), before the servant confirmed or the refusal act, and once the commission
    decided."""
    with transaction.atomic():
        sheet = STEPS.locked(actor, sheet_id, "compute", refuse=_not_confirmed(actor))
        evaluation = Evaluation.objects.select_for_update(of=("self",)).get(pk=sheet.evaluation_id)
        if evaluation.final_score is not None:
            raise DomainError(
                "evaluation", N_("The commission has decided this annual evaluation already.")
            )
        quarters = approved_quarter_scores(evaluation)
        if not quarters:
            raise DomainError(
                "quarters",
                N_(
                    "No quarter of %(year)s is approved by the commission yet: without one "
                    "there is no annual evaluation (M-14)."
                ),
                year=evaluation.period.schedule.year,
            )
        rules = sheet_rules(sheet)
        assert sheet.plan_score is not None  # set when the manager agreed
        try:
            result = annual_result(rules, quarters, Decimal(sheet.plan_score))
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        sheet_step_write(
            sheet,
            actor=actor,
            flow=ANNUAL_SHEET_FLOW,
            action="compute",
            audited_as="update",
            values={
                "computed_on": clock.today(),
                "quarter_scores": quarters,
                "quarter_mean": result.quarter_mean,
                "quarter_points": result.quarter_points,
                "weight_quarters": rules.weights.quarters,
                "weight_plan": rules.weights.plan,
            },
            changes={
                "quarters": (None, quarters),
                "quarter_mean": (None, result.quarter_mean),
                "quarter_points": (None, result.quarter_points),
                "plan_score": (None, sheet.plan_score),
            },
        )
        old = (evaluation.status, evaluation.score, evaluation.rating)
        evaluation.score, evaluation.rating = result.score, result.rating.code
        evaluation.status = EvaluationStatus.BEFORE_COMMISSION
        evaluation.version += 1
        evaluation.save(update_fields=["score", "rating", "status", "version", "updated_at"])
        sheet.evaluation = evaluation
        audit_log(
            actor=actor,
            action="update",
            obj=evaluation,
            changes={
                "status": (old[0], evaluation.status),
                "score": (old[1], result.score),
                "rating": (old[2], result.rating.code),
            },
        )
    return sheet
