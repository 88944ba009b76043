"""The "Calibration" menu entry and the dashboard panels."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from bagalau.calibration import selectors
from bagalau.calibration.models import APPLICATION_FLOW, SessionStatus
from bagalau.calibration.views.applications import application_rows
from bagalau.core import clock
from bagalau.core.context import Viewer
from bagalau.core.navigation import NavItem, Panel, register_nav, register_panel

# --- menu and dashboard --------------------------------------------------------------------------


def _panel_head(request: HttpRequest, viewer: Viewer) -> dict[str, Any] | None:
    if not viewer.is_apparatus_head:
        return None
    today = clock.today()
    rows = application_rows(selectors.applications_to_decide(request.user), today)
    # With nothing to decide the panel says so and what comes next (issue 13 item 11).
    return {"rows": rows, "next": None if rows else selectors.next_quarter_due(request.user, today)}


# The participant's and the evaluator's panels first ask whether the user has any session:
# `exists()` reads the sessions alone, without the evaluations, servants and organisations the
# lists join (eight tables cost the planner 1-2 ms a read on every dashboard of the many who have
# none).


def _panel_participant(request: HttpRequest, viewer: Viewer) -> dict[str, Any] | None:
    if not selectors.sessions_of_participant(request.user).exists():
        return None
    to_vote = list(selectors.sessions_to_vote(request.user))
    upcoming = list(
        selectors.sessions_of_participant(request.user).filter(status=SessionStatus.SCHEDULED)
    )
    return {"to_vote": to_vote, "upcoming": upcoming} if to_vote or upcoming else None


def _panel_evaluator(request: HttpRequest, viewer: Viewer) -> dict[str, Any] | None:
    if not selectors.sessions_of_evaluator(request.user).exists():
        return None
    to_present = list(selectors.sessions_to_present(request.user))
    to_feedback = list(selectors.feedback_to_record(request.user))
    if not to_present and not to_feedback:
        return None
    return {"to_present": to_present, "to_feedback": to_feedback}


def _panel_hr(request: HttpRequest, viewer: Viewer) -> dict[str, Any] | None:
    if not viewer.is_hr:
        return None
    today = clock.today()
    to_sign = list(selectors.protocols_to_sign(request.user))
    to_post = [
        {"session": session, "overdue": selectors.posting_overdue(session, today)}
        for session in selectors.protocols_to_post(request.user)
    ]
    undecided = [
        row
        for row in application_rows(
            selectors.applications_for_hr(request.user).filter(
                status__in=APPLICATION_FLOW.group("undecided")
            ),
            today,
        )
        if row["decision_overdue"]
    ]
    if not to_sign and not to_post and not undecided:
        return None
    return {"to_sign": to_sign, "to_post": to_post, "undecided": undecided}


def _menu_visible(viewer: Viewer) -> bool:
    return viewer.servant is not None or viewer.is_hr or viewer.is_apparatus_head


def register() -> None:
    """The "Calibration" menu entry and the dashboard panels (from CalibrationConfig.ready)."""
    register_nav(
        NavItem(
            key="calibration",
            label=gettext_lazy("Calibration"),
            url_name="calibration:index",
            visible=_menu_visible,
            order=40,
        )
    )
    register_panel(
        Panel(
            key="calibration_decide",
            template="calibration/partials/panel_decide.html",
            context=_panel_head,
            order=40,
        )
    )
    register_panel(
        Panel(
            key="calibration_vote",
            template="calibration/partials/panel_vote.html",
            context=_panel_participant,
            order=41,
        )
    )
    register_panel(
        Panel(
            key="calibration_evaluator",
            template="calibration/partials/panel_evaluator.html",
            context=_panel_evaluator,
            order=42,
        )
    )
    register_panel(
        Panel(
            key="calibration_hr",
            template="calibration/partials/panel_hr.html",
            context=_panel_hr,
            order=43,
        )
    )
