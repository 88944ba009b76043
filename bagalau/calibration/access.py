"""Who may see and do what in calibration (seed 002 p.12, p.20, p.37-42).

Two levels:
- the workflow (the application text, the session's date, place and participants, due dates):
  the servant, the evaluator, the participants, the head of the apparatus and HR of the
  organisation;
- the results (the evaluator's score, the presentation, the votes, the adopted score, the protocol,
  the feedback meeting): only whom `bagalau.evaluations.access` allows — the servant, the
  evaluator, the head of HR and this session's participants — read through `evaluation_get_for`,
  which audits the read.
Everybody else gets 404: existence is not revealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from bagalau.calibration.models import Application, Session
from bagalau.calibration.selectors import (
    APPLYING_STATUSES,
    HR_ROLES,
    application_due,
    applications_visible_to,
    organisation_of,
)
from bagalau.core import clock
from bagalau.evaluations.access import can_view, evaluation_get_for, is_evaluatee, is_evaluator
from bagalau.evaluations.models import Evaluation
from bagalau.org.models import Role
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User


def application_get_for(user: User, application_id: int) -> Application:
    """The application when the user follows its workflow, else Http404."""
    application = applications_visible_to(user).filter(pk=application_id).first()
    if application is None:
        raise Http404("No such calibration application.")
    return application


def session_get_for(user: User, session_id: int) -> Session:
    """The session when the user follows its workflow, else Http404 (no result is read)."""
    session = (
        Session.objects.select_related(
            "application__evaluation__servant",
            "application__evaluation__evaluator",
            "application__evaluation__period__schedule__organisation",
            "application__evaluation__assignment__position__unit",
        )
        .filter(application__in=applications_visible_to(user))
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404("No such calibration session.")
    return session


def can_see_results(user: User, evaluation: Evaluation) -> bool:
    """Whether the user may read the scores, votes, protocol and feedback (p.20); not audited —
    use it to decide what to show, then read with `session_results_get_for`."""
    return bool(user.is_authenticated and can_view(user, evaluation))


def session_results_get_for(user: User, session_id: int, *, purpose: str = "view") -> Session:
    """The session for a reader of its results, else Http404; the read is audited on the
    evaluation by `evaluation_get_for`."""
    session = session_get_for(user, session_id)
    evaluation_get_for(user=user, id=session.application.evaluation_id, purpose=purpose)
    return session


# --- who does what -------------------------------------------------------------------------------


def is_apparatus_head(user: User, evaluation: Evaluation) -> bool:
    """The head of the apparatus of the evaluation's organisation (decides, p.38)."""
    return has_role(user, organisation_of(evaluation), Role.APPARATUS_HEAD)


def is_hr(user: User, evaluation: Evaluation) -> bool:
    """HR service staff or its head in the evaluation's organisation (organises, p.40)."""
    return has_role(user, organisation_of(evaluation), *HR_ROLES)


def is_hr_head(user: User, evaluation: Evaluation) -> bool:
    """The head of the HR service (signs the protocol)."""
    return has_role(user, organisation_of(evaluation), Role.HR_HEAD)


def is_participant(user: User, session: Session) -> bool:
    """An approved participant of the session (votes)."""
    return bool(user.is_authenticated and session.participants.filter(pk=user.pk).exists())


def can_apply(user: User, evaluation: Evaluation) -> bool:
    """Whether the servant may apply for calibration today (for the result page's link)."""
    if not is_evaluatee(user, evaluation) or evaluation.status not in APPLYING_STATUSES:
        return False
    if Application.objects.filter(evaluation=evaluation).exists():
        return False
    try:
        due = application_due(evaluation)
    except ValueError:  # an edition without calibration sessions
        return False
    return due is not None and clock.today() <= due


__all__ = [
    "application_get_for",
    "can_apply",
    "can_see_results",
    "is_apparatus_head",
    "is_evaluatee",
    "is_evaluator",
    "is_hr",
    "is_hr_head",
    "is_participant",
    "session_get_for",
    "session_results_get_for",
]
