"""What differs between the models whose evaluations a commission decides, read from the edition
(EDITIONS.md §2.3, §5.3, §13 ``commission``): which evaluations it decides, their life cycle,
who makes its decisions take effect, and, for moj-2017, the kind of evaluation (quarterly or
annual, seed 001 p.35).

Every rule that differs is keyed by the edition's model (`Edition.model`) or read from the
edition's workflow data (``results_approved_by``), never by an edition's code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bagalau.commission.models import SessionStatus
from bagalau.core.workflow import Workflow
from bagalau.evaluations.models import Evaluation, Method
from bagalau.evaluations.workflow import MOJ_EVALUATION_FLOW, TYPICAL_EVALUATION_FLOW
from bagalau.methodology import EvaluationModel, get_edition
from bagalau.methodology.editions import edition_workflow
from bagalau.methodology.moj2017_commission import ANNUAL, QUARTER

if TYPE_CHECKING:
    from bagalau.commission.models import CommissionSession


#: The evaluations a commission decides, per model: the typical-2018 year (KPI and competencies,
#: seed 004 p.36) and the moj-2017 quarter and year (seed 001 p.35).
METHODS: dict[EvaluationModel, tuple[str, ...]] = {
    EvaluationModel.TYPICAL2018: (Method.KPI_COMPETENCY,),
    EvaluationModel.MOJ2017: (Method.MOJ_QUARTER, Method.MOJ_ANNUAL),
}
#: Their life cycles (`evaluations.workflow`).
FLOWS: dict[EvaluationModel, Workflow] = {
    EvaluationModel.TYPICAL2018: TYPICAL_EVALUATION_FLOW,
    EvaluationModel.MOJ2017: MOJ_EVALUATION_FLOW,
}
#: The moj-2017 kind of each method: "тоқсандық" / "жылдық" (App. 5).
KIND_OF_METHOD: dict[str, str] = {Method.MOJ_QUARTER: QUARTER, Method.MOJ_ANNUAL: ANNUAL}
#: The session status in which its decisions take effect, by who approves the results (the
#: edition's ``results_approved_by``): the authorised person's approval (004 p.39), or the
#: commission itself once its protocol is signed (001 p.35).
EFFECTIVE_STATUS = {
    "authorised_person": SessionStatus.APPROVED,
    "commission": SessionStatus.PROTOCOL_SIGNED,
}


def model_of(evaluation: Evaluation) -> EvaluationModel:
    """The model of the evaluation's edition."""
    return get_edition(evaluation.edition).model


def flow_of(evaluation: Evaluation) -> Workflow:
    """The evaluation's life cycle around the commission."""
    return FLOWS[model_of(evaluation)]


def approver_of(evaluation: Evaluation) -> str:
    """Who makes the commission's decision take effect under the evaluation's edition:
    "authorised_person" (004 p.39, T-12) or "commission" (001 p.35)."""
    return edition_workflow(get_edition(evaluation.edition)).results_approved_by.value


def session_approver(session: CommissionSession) -> str:
    """`approver_of` for the session's servants (one model a session: `session_model`)."""
    item = session.agenda.select_related("evaluation").first()
    if item is None:
        return "authorised_person"
    return approver_of(item.evaluation)


def session_model(session: CommissionSession) -> str | None:
    """The model of the servants on the session's agenda (a session decides one model's)."""
    item = session.agenda.select_related("evaluation").first()
    return None if item is None else model_of(item.evaluation)


def effective_status(evaluation: Evaluation) -> str:
    """The status of a session whose decision on the evaluation has taken effect."""
    return EFFECTIVE_STATUS[approver_of(evaluation)]


def moj_kind(evaluation: Evaluation) -> str | None:
    """ "quarter" or "annual" for a moj-2017 evaluation, else None."""
    return KIND_OF_METHOD.get(evaluation.method)
