"""Who may see and do what with the commission (EDITIONS.md §2.2 A, G; §9 G-5).

After the commission (H1-H3, I1-I3) `result_get_for` finds a typical-2018 evaluation for those
G-5 names and `results_actions` reads `RESULT_ACTIONS` with the user's parts in it: "hr",
"evaluatee", "authorised_person", "manager" (direct or superior), "commission" (a seat in a session
that had the servant on its agenda).

Lookups answer Http404 for missing and not-yours alike; `session_actions` reads the session's
table (`SESSION_FLOW`) with the user's parts in it: "hr" (the working body), "authorised_person"
(the head of the apparatus, p.39), "signatory" (the secretary or a member present who has not
signed the protocol yet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.commission.editions import (
    METHODS,
    effective_status,
    model_of,
    session_approver,
)
from bagalau.commission.models import (
    SESSION_FLOW,
    VOTING_ROLES,
    CommissionSeat,
    CommissionSession,
    CommissionVersion,
    SeatRole,
)
from bagalau.commission.selectors import (
    AUTHORISED_ROLES,
    pending_agency_report,
    pending_appeal,
    results_visible_to,
    sessions_visible_to,
    versions_visible_to,
)
from bagalau.core.visible import visible_one
from bagalau.evaluations.access import reads_act
from bagalau.evaluations.models import Evaluation, EvaluationStatus, RefusalAct
from bagalau.evaluations.workflow import MOJ_EVALUATION_FLOW
from bagalau.methodology import EvaluationModel
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User


def version_get_for(*, user: User, id: int) -> CommissionVersion:
    """The version when the user may read it, else Http404."""
    return visible_one(versions_visible_to(user), id, "No such commission version.")


def session_get_for(*, user: User, id: int) -> CommissionSession:
    """The session when the user may read it, else Http404 (nothing audited: no result read)."""
    return visible_one(sessions_visible_to(user), id, "No such commission session.")


def session_read_for(*, user: User, id: int, purpose: str = "view") -> CommissionSession:
    """The session with its servants' results, for a reader who may see it; the read is written
    to the audit log like every read of a result (G-5)."""
    session = session_get_for(user=user, id=id)
    audit_log(actor=user, action=purpose, obj=session)
    return session


def is_hr(user: User, organisation: Organisation) -> bool:
    """The working body: the HR service or its head (p.5)."""
    return has_role(user, organisation, *HR_ROLES)


def is_authorised_person(user: User, organisation: Organisation) -> bool:
    """The authorised person who approves the results (p.39): the head of the apparatus."""
    return has_role(user, organisation, *AUTHORISED_ROLES)


def seat_of(user: User, session: CommissionSession) -> CommissionSeat | None:
    """The user's seat in the version the session sits as, if any."""
    if not user.is_authenticated:
        return None
    return session.version.seats.filter(servant__user=user).first()


def signatories(session: CommissionSession) -> list[CommissionSeat]:
    """Who signs the protocol (App. 5, §6.1): the secretary and every member present."""
    present = set(session.attendance.filter(present=True).values_list("seat_id", flat=True))
    return [
        seat
        for seat in session.version.seats.select_related("servant")
        if seat.role == SeatRole.SECRETARY or (seat.role in VOTING_ROLES and seat.pk in present)
    ]


def session_parts(user: User, session: CommissionSession) -> frozenset[str]:
    """The user's parts in the session."""
    parts = set()
    if is_hr(user, session.organisation):
        parts.add("hr")
    # The authorised person approves the protocol where the edition says so (004 p.39); under
    # moj-2017 the commission's signed protocol is the last step (001 p.35).
    if is_authorised_person(user, session.organisation) and (
        session_approver(session) == "authorised_person"
    ):
        parts.add("authorised_person")
    seat = seat_of(user, session)
    if seat is not None:
        parts.add(seat.role)
        signed = session.signatures.filter(seat=seat).exists()
        if not signed and any(s.pk == seat.pk for s in signatories(session)):
            parts.add("signatory")
    return frozenset(parts)


def session_actions(*, user: User, obj: CommissionSession) -> frozenset[str]:
    """What the user may do in the session (`SESSION_FLOW`)."""
    return SESSION_FLOW.actions(status=obj.status, parts=session_parts(user, obj))


def commission_actions(*, user: User, obj: Organisation) -> frozenset[str]:
    """What the user may do with the organisation's commission: the working body records the
    forming and amending orders and schedules sessions (p.5, p.31, p.35)."""
    if not is_hr(user, obj):
        return frozenset()
    return frozenset({"form", "amend", "schedule"})


# --- after the commission (EDITIONS.md §2.2 H1-H3, I1-I3; §9 G-5) -------------------------------

_E = EvaluationStatus
#: The statuses where a result approved by the authorised person stands.
WITH_RESULT = frozenset({_E.APPROVED, _E.ACKNOWLEDGED, _E.REFUSED, _E.FINAL})
#: The statuses where a moj-2017 decision stands (it took effect with the protocol, 001 p.35).
MOJ_WITH_RESULT = MOJ_EVALUATION_FLOW.group("with_result")

#: What may be done with a result after the commission: action -> (the evaluation's statuses,
#: the parts that may take it). The servant acknowledges in writing, or HR records the written
#: acknowledgement (H1, p.41); HR draws up the refusal act (H2), records the dispatch through the
#: intranet portal once the result is in the service record (H3, p.42), and records the appeal
#: and the agency's outcome (I1-I2, p.43: outside the system, HR records it).
RESULT_ACTIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "acknowledge": (frozenset({_E.APPROVED}), frozenset({"hr", "evaluatee"})),
    "refusal": (frozenset({_E.APPROVED}), frozenset({"hr"})),
    "dispatch": (frozenset({_E.FINAL}), frozenset({"hr"})),
    "appeal": (WITH_RESULT, frozenset({"hr"})),
    "appeal_outcome": (WITH_RESULT, frozenset({"hr"})),
}
#: The same for a moj-2017 quarter or year (001 p.36-40): familiarised in writing or
#: electronically once the decision took effect, or the HR servant's refusal act; the appeal to
#: the agency, its outcome and the information to the agency of the decision taken (p.39, M-12);
#: no dispatch through the intranet portal (004 p.42 only).
MOJ_RESULT_ACTIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "acknowledge": (frozenset({_E.DECIDED}), frozenset({"hr", "evaluatee"})),
    "refusal": (frozenset({_E.DECIDED}), frozenset({"hr"})),
    "appeal": (MOJ_WITH_RESULT, frozenset({"hr"})),
    "appeal_outcome": (MOJ_WITH_RESULT, frozenset({"hr"})),
    "agency_report": (MOJ_WITH_RESULT | {_E.BEFORE_COMMISSION}, frozenset({"hr"})),
}
ACTIONS_BY_MODEL = {
    EvaluationModel.TYPICAL2018: RESULT_ACTIONS,
    EvaluationModel.MOJ2017: MOJ_RESULT_ACTIONS,
}


def result_action_table(evaluation: Evaluation) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """The table of what may be done with the evaluation's result, by its edition's model."""
    return ACTIONS_BY_MODEL[model_of(evaluation)]


def result_find_for(*, user: User, id: int) -> Evaluation:
    """The typical-2018 evaluation when the user may read its result (G-5), else Http404 (not
    audited: for the writes, whose services audit what they change)."""
    return visible_one(results_visible_to(user), id, "No such evaluation.")


def result_get_for(*, user: User, id: int, purpose: str = "view") -> Evaluation:
    """The typical-2018 evaluation when the user may read its result (G-5), else Http404; the
    read is audited."""
    evaluation = result_find_for(user=user, id=id)
    audit_log(actor=user, action=purpose, obj=evaluation)
    return evaluation


def result_parts(user: User, evaluation: Evaluation) -> frozenset[str]:
    """The user's parts in the servant's result (G-5)."""
    if not user.is_authenticated:
        return frozenset()
    organisation = evaluation.period.schedule.organisation
    parts = set()
    if is_hr(user, organisation):
        parts.add("hr")
    if is_authorised_person(user, organisation):
        parts.add("authorised_person")
    if evaluation.servant.user_id == user.pk:
        parts.add("evaluatee")
    evaluator = evaluation.evaluator
    superior = Evaluation.objects.filter(pk=evaluation.pk, typical_kpi_sheet__approver__user=user)
    if (evaluator is not None and evaluator.user_id == user.pk) or superior.exists():
        parts.add("manager")
    if CommissionSeat.objects.filter(
        servant__user=user, version__sessions__agenda__evaluation=evaluation
    ).exists():
        parts.add("commission")
    return frozenset(parts)


def results_actions(*, user: User, evaluation: Evaluation) -> frozenset[str]:
    """What the user may do now with the servant's result (`RESULT_ACTIONS`): one appeal at a
    time awaits its outcome, so "appeal" and "appeal_outcome" exclude each other."""
    parts = result_parts(user, evaluation)
    actions = {
        action
        for action, (statuses, takers) in result_action_table(evaluation).items()
        if evaluation.status in statuses and parts & takers
    }
    if pending_appeal(evaluation) is None:
        actions.discard("appeal_outcome")
    else:
        actions.discard("appeal")
    if pending_agency_report(evaluation) is None:
        actions.discard("agency_report")
    return frozenset(actions)


# --- the documents after the commission: the refusal act, the extract of the protocol -----------

#: The evaluations a commission decides (typical-2018 years, moj-2017 quarters and years).
_COMMISSION_METHODS = [method for methods in METHODS.values() for method in methods]


def may_read_refusal_act(user: User, act: RefusalAct) -> bool:
    """The refusal act is read by the servant who refused, the working body and the servants who
    signed it (004 p.41; 001 p.36): not by a colleague who reads the result (G-5)."""
    evaluation = act.evaluation
    return reads_act(
        user,
        organisation=evaluation.period.schedule.organisation,
        servant_user_id=evaluation.servant.user_id,
        signer_user_ids=[act.hr_signer_id, *(s.servant.user_id for s in act.signers.all())],
    )


def refusal_act_get_for(*, user: User, id: int, purpose: str = "print") -> RefusalAct:
    """A refusal act on a result of the commission for whom may read it, else Http404 (as for a
    missing one); the read is audited."""
    act = (
        RefusalAct.objects.select_related(
            "evaluation__servant", "evaluation__period__schedule__organisation"
        )
        .prefetch_related("signers__servant")
        .filter(pk=id, evaluation__method__in=_COMMISSION_METHODS)
        .first()
    )
    if act is None or not may_read_refusal_act(user, act):
        raise Http404("No such refusal act.")
    audit_log(actor=user, action=purpose, obj=act)
    return act


def may_read_extract(user: User, evaluation: Evaluation) -> bool:
    """The extract of the protocol about one servant (App. 5; H1, T-10: the servant signs it at
    familiarisation) is the servant's and the working body's; the colleagues on the same session
    read none of it, the commission reads the protocol itself."""
    return bool(result_parts(user, evaluation) & {"hr", "evaluatee"})


def extract_get_for(
    *, user: User, session_id: int, evaluation_id: int, purpose: str = "print"
) -> tuple[CommissionSession, Evaluation]:
    """The session and the servant's evaluation for the extract, when the session's decision on
    the servant took effect (approved, 004 p.39; the protocol signed, 001 p.35) and `user` may
    read it; else Http404. The read is audited."""
    evaluation = results_visible_to(user).filter(pk=evaluation_id).first()
    if evaluation is None or not may_read_extract(user, evaluation):
        raise Http404("No such extract.")
    session = CommissionSession.objects.filter(
        pk=session_id, agenda__evaluation=evaluation, status=effective_status(evaluation)
    ).first()
    if session is None:
        raise Http404("No such extract.")
    audit_log(actor=user, action=purpose, obj=evaluation)
    return session, evaluation
