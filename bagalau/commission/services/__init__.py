"""Writes of the commission app (EDITIONS.md §2.2 A1-A3, G1-G4).

orders.py: the forming and amending orders (versions) and scheduling a session; sessions.py:
attendance and quorum, motions and the open vote, the protocol's signatures and its approval;
results.py: after the commission, familiarisation, the refusal act, the service record, the
dispatch through the intranet portal (H1-H3); appeals.py: the appeal and its outcome (I1-I3);
result_steps.py: what they share (the result locked for the step, the decision's day).
Every service is keyword-only and atomic, checks who may act (Http404 when the actor cannot see
the case, PermissionDenied when they can but the action is not theirs), refuses bad input with a
DomainError naming the field, and writes its audit rows.
"""

from bagalau.commission.services.appeals import (
    commission_appeal_outcome,
    commission_appeal_record,
)
from bagalau.commission.services.orders import (
    commission_amend,
    commission_form,
    session_schedule,
)
from bagalau.commission.services.protocol import protocol_sign, session_approve
from bagalau.commission.services.results import (
    commission_result_acknowledge,
    commission_result_refusal_record,
    intranet_dispatch_record,
)
from bagalau.commission.services.sessions import (
    motion_put,
    motion_vote,
    session_conclude,
    session_record_attendance,
)

__all__ = [
    "commission_amend",
    "commission_form",
    "intranet_dispatch_record",
    "motion_put",
    "motion_vote",
    "protocol_sign",
    "session_approve",
    "session_conclude",
    "session_record_attendance",
    "session_schedule",
    "commission_result_acknowledge",
    "commission_appeal_outcome",
    "commission_appeal_record",
    "commission_result_refusal_record",
]
