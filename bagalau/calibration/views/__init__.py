"""Calibration pages (seed 002 p.12-13, p.37-42), by stage: applications.py (the work lists,
applying, the head's decision), sessions.py (the session: presentation, voting, protocol,
feedback, appeals) and panels.py (the menu entry and the dashboard panels)."""

from bagalau.calibration.views.applications import application_detail, apply, index
from bagalau.calibration.views.panels import register
from bagalau.calibration.views.sessions import (
    appeal_add,
    appeal_outcome,
    feedback,
    participant_replace,
    protocol,
    round_close,
    session_detail,
    session_post,
    session_present,
    session_progress,
    session_sign,
    session_voting,
)

__all__ = [
    "appeal_add",
    "appeal_outcome",
    "application_detail",
    "apply",
    "feedback",
    "index",
    "participant_replace",
    "protocol",
    "register",
    "round_close",
    "session_detail",
    "session_post",
    "session_present",
    "session_progress",
    "session_sign",
    "session_voting",
]
