"""Calibration: the application, the head's decision, the session and its votes, the protocol,
the feedback meeting and appeals (seed 002 p.12-13, p.37-42; SPEC §4.7).

Every service checks who may act (Http404 when the actor may not even see the case,
PermissionDenied when they may see it but not do this), validates the rules (DomainError naming
the field), writes in one transaction with its audit rows, and notifies.

By step: decide.py (the application p.12, the head's decision p.38-39, replacing a participant),
voting.py (the session and its rounds, p.41), protocol.py (the protocol p.41 and the feedback
meeting p.42), appeals.py (p.13); common.py holds what they share.
"""

from bagalau.calibration.services.appeals import appeal_record, appeal_update_outcome
from bagalau.calibration.services.decide import (
    calibration_apply,
    calibration_decide,
    session_replace_participant,
)
from bagalau.calibration.services.protocol import feedback_record, protocol_post, protocol_sign
from bagalau.calibration.services.voting import (
    session_close_round,
    session_record_presentation,
    session_vote,
)

__all__ = [
    "appeal_record",
    "appeal_update_outcome",
    "calibration_apply",
    "calibration_decide",
    "feedback_record",
    "protocol_post",
    "protocol_sign",
    "session_close_round",
    "session_record_presentation",
    "session_replace_participant",
    "session_vote",
]
