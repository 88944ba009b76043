"""The life cycles of the schedule, its periods and the evaluations, each declared once (issue 9
item 1): the transition tables and the status groups every service, selector, view, endpoint and
template of the evaluations reads. Who holds which part of a case, and what it may do now, is
answered by `bagalau.evaluations.access` (`evaluation_actions`, `schedule_actions`,
`period_actions`).

- Schedule (p.10): drafted by HR, submitted to the head of the apparatus, who approves it or
  returns it to HR; planned dates change only in a draft.
- Period (p.21-22, p.26, p.30): HR opens a quarter of the approved schedule (again, to add the
  servants not yet in it) and closes it once every result is final.
- Evaluation (p.5-12, p.22, p.29, p.36): the HR service enters the actual values and the
  evaluator fills in and signs the sheet while it is pending (deferred: after the manager's
  return, p.5), or the head of the HR service enters the paper sheet (p.29); the evaluatee
  acknowledges (p.11), or, under an edition with one, HR records the refusal act; the evaluatee
  may apply for calibration within the window (p.36, `FAMILIARISED`, calibration's own table);
  the result then becomes final.
"""

from __future__ import annotations

from bagalau.core.workflow import Step, Workflow
from bagalau.evaluations.models import EvaluationStatus, PeriodStatus, ScheduleStatus

_E = EvaluationStatus

#: Unsigned: the evaluator still fills the sheet in (a deferred one after the return, p.5); its
#: KPI rows still follow the work plan and its evaluator may still change.
OPEN = frozenset({_E.PENDING, _E.DEFERRED})
#: What the roster may still change (nobody has signed it; not evaluated may become evaluated).
UNSIGNED = OPEN | {_E.NOT_EVALUATED}
#: Signed and not final yet: the result may become final (p.11-12).
FINALISABLE = frozenset({_E.SIGNED, _E.ACKNOWLEDGED, _E.REFUSED, _E.CALIBRATION})
#: A result exists (a provisional annual result is not one yet: p.4).
WITH_RESULT = FINALISABLE | {_E.FINAL}
#: Familiarised (acknowledged, or refused with an act): the calibration window (p.36).
FAMILIARISED = frozenset({_E.ACKNOWLEDGED, _E.REFUSED})
#: Past familiarisation.
FAMILIARISED_OR_LATER = FAMILIARISED | {_E.CALIBRATION, _E.FINAL}
#: No longer holds the period open (p.11-12).
CLOSABLE = frozenset({_E.FINAL, _E.NOT_EVALUATED})

EVALUATION_FLOW = Workflow(
    "evaluation",
    {
        "enter_actuals": Step(tuple(OPEN), None, "hr"),
        "edit": Step(tuple(OPEN), None, "evaluator"),
        "sign": Step(tuple(OPEN), _E.SIGNED, "evaluator"),
        "enter_paper": Step(tuple(OPEN), _E.SIGNED, "hr_head"),
        "reassign": Step(tuple(OPEN), None, "hr"),
        "acknowledge": Step((_E.SIGNED,), _E.ACKNOWLEDGED, "evaluatee"),
        "record_refusal": Step((_E.SIGNED,), _E.REFUSED, "hr"),
        "finalize": Step(tuple(FINALISABLE), _E.FINAL, "system"),
    },
    groups={
        "open": OPEN,
        "unsigned": UNSIGNED,
        "finalisable": FINALISABLE,
        "with_result": WITH_RESULT,
        "familiarised": FAMILIARISED,
        "familiarised_or_later": FAMILIARISED_OR_LATER,
        "closable": CLOSABLE,
    },
)

#: A typical-2018 year (seed 004; EDITIONS.md §2.2 E-H, §2.3 ServantEvaluation): the direct
#: manager's KPI sheet (App. 2, agreed by the superior manager) and competency sheet (App. 3) have
#: their own tables; once both are with the commission (E6, F3) HR puts the year before it; the
#: commission approves or revises the result (G3, p.37-38), the authorised person approves it
#: (G4, p.39), the servant is familiarised in writing or HR records the refusal act with two
#: other servants (H1-H2, p.41), and the result becomes final (H3, p.42). An appeal the agency
#: upholds with a recommendation to revise (I2-I3, p.43) puts the year before the commission again.
TYPICAL_EVALUATION_FLOW = Workflow(
    "typical_evaluation",
    {
        "to_commission": Step((_E.PENDING, _E.DEFERRED), _E.BEFORE_COMMISSION, "hr"),
        "decide": Step((_E.BEFORE_COMMISSION,), _E.DECIDED, "commission"),
        "approve": Step((_E.DECIDED,), _E.APPROVED, "authorised_person"),
        "acknowledge": Step((_E.APPROVED,), _E.ACKNOWLEDGED, "evaluatee"),
        "record_refusal": Step((_E.APPROVED,), _E.REFUSED, "hr"),
        "finalize": Step((_E.ACKNOWLEDGED, _E.REFUSED), _E.FINAL, "system"),
        "reconsider": Step(
            (_E.APPROVED, _E.ACKNOWLEDGED, _E.REFUSED, _E.FINAL), _E.BEFORE_COMMISSION, "hr"
        ),
    },
    groups={
        "open": OPEN,
        "at_commission": frozenset({_E.BEFORE_COMMISSION, _E.DECIDED}),
        "familiarised": FAMILIARISED,
        "with_result": frozenset({_E.APPROVED, _E.ACKNOWLEDGED, _E.REFUSED, _E.FINAL}),
    },
)

SCHEDULE_FLOW = Workflow(
    "schedule",
    {
        "set_dates": Step((ScheduleStatus.DRAFT,), None, "hr"),
        "submit": Step((ScheduleStatus.DRAFT,), ScheduleStatus.SUBMITTED, "hr"),
        "approve": Step((ScheduleStatus.SUBMITTED,), ScheduleStatus.APPROVED, "apparatus_head"),
        "return": Step((ScheduleStatus.SUBMITTED,), ScheduleStatus.DRAFT, "apparatus_head"),
    },
    groups={"in_force": frozenset({ScheduleStatus.APPROVED})},
)

#: A period HR may open (again): scheduled or open, not closed.
OPENABLE = frozenset({PeriodStatus.SCHEDULED, PeriodStatus.OPEN})

PERIOD_FLOW = Workflow(
    "period",
    {
        "open": Step(tuple(OPENABLE), PeriodStatus.OPEN, "hr"),
        "close": Step((PeriodStatus.OPEN,), PeriodStatus.CLOSED, "hr"),
    },
    groups={
        "running": frozenset({PeriodStatus.OPEN}),
        "openable": OPENABLE,
    },
)

#: A moj-2017 evaluation, quarterly or annual (seed 001; EDITIONS.md §5.3): the quarter goes
#: before the commission when its App. 3 sheet closes (signed, or the refusal act drawn up, p.25),
#: the year once HR has computed its score (p.32, the annual computation's own service); the
#: commission approves or revises it and its decision takes effect with the protocol's last
#: signature: there is no approval by the authorised person (p.35); the servant is familiarised
#: in writing or electronically, or the HR servant alone draws up the refusal act (p.36), and the
#: result becomes final (p.46: the service record). An appeal the ACSA upholds, or a court, may
#: put it before the commission again (p.38-40).
MOJ_EVALUATION_FLOW = Workflow(
    "moj_evaluation",
    {
        "to_commission": Step(
            (_E.PENDING, _E.DEFERRED, _E.PROVISIONAL), _E.BEFORE_COMMISSION, "system"
        ),
        "decide": Step((_E.BEFORE_COMMISSION,), _E.DECIDED, "commission"),
        "acknowledge": Step((_E.DECIDED,), _E.ACKNOWLEDGED, "evaluatee"),
        "record_refusal": Step((_E.DECIDED,), _E.REFUSED, "hr"),
        "finalize": Step((_E.ACKNOWLEDGED, _E.REFUSED), _E.FINAL, "system"),
        "reconsider": Step(
            (_E.DECIDED, _E.ACKNOWLEDGED, _E.REFUSED, _E.FINAL), _E.BEFORE_COMMISSION, "hr"
        ),
    },
    groups={
        "at_commission": frozenset({_E.BEFORE_COMMISSION}),
        "familiarised": FAMILIARISED,
        "with_result": frozenset({_E.DECIDED, _E.ACKNOWLEDGED, _E.REFUSED, _E.FINAL}),
    },
)
