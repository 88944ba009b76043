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

from bagalau.calibration.models import (
    APPLICATION_FLOW,
    SESSION_FLOW,
    Appeal,
    Application,
    FeedbackMeeting,
    Session,
)
from bagalau.calibration.selectors import (
    APPLYING_STATUSES,
    appeals_visible_to,
    application_due,
    applications_visible_to,
    organisation_of,
    sessions_visible_to,
)
from bagalau.core import clock
from bagalau.core.visible import visible_one
from bagalau.evaluations.access import can_view, evaluation_get_for, is_evaluatee, is_evaluator
from bagalau.evaluations.models import Evaluation
from bagalau.methodology.sjc2023 import round_quorum
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Role
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User


# --- lookups (the same 404 for "missing" and "not yours") ----------------------------------------


def application_get_for(*, user: User, id: int) -> Application:
    """The application when the user follows its workflow, else Http404."""
    return visible_one(applications_visible_to(user), id, "No such calibration application.")


def session_get_for(*, user: User, id: int) -> Session:
    """The session when the user follows its workflow, else Http404 (no result is read)."""
    return visible_one(sessions_visible_to(user), id, "No such calibration session.")


def appeal_get_for(*, user: User, id: int) -> Appeal:
    """The appeal when the user may follow it (`appeals_visible_to`), else Http404."""
    return visible_one(appeals_visible_to(user), id, "No such appeal.")


def evaluation_read(user: User, evaluation_id: int, *, purpose: str = "view") -> Evaluation:
    """The evaluation for a reader of its result, else Http404; the read is audited by
    `evaluations.access.evaluation_get_for` (the one place calibration calls it)."""
    return evaluation_get_for(user=user, id=evaluation_id, purpose=purpose)


def can_see_results(user: User, evaluation: Evaluation) -> bool:
    """Whether the user may read the scores, votes, protocol and feedback (p.20); not audited —
    use it to decide what to show, then read with `session_results_get_for`."""
    return bool(user.is_authenticated and can_view(user, evaluation))


def session_results_get_for(*, user: User, id: int, purpose: str = "view") -> Session:
    """The session for a reader of its results, else Http404; the read is audited on the
    evaluation by `evaluation_get_for`."""
    session = session_get_for(user=user, id=id)
    evaluation_read(user, session.application.evaluation_id, purpose=purpose)
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


def application_actions(*, user: User, obj: Application) -> frozenset[str]:
    """What the user may do with the application (`APPLICATION_FLOW`): the head of the
    apparatus decides a submitted one (p.38)."""
    parts = {"apparatus_head"} if is_apparatus_head(user, obj.evaluation) else set()
    return APPLICATION_FLOW.actions(status=obj.status, parts=parts)


def session_parts(user: User, session: Session) -> frozenset[str]:
    """The user's parts in the session's case (evaluator, participant, hr, hr_head,
    apparatus_head)."""
    evaluation = session.application.evaluation
    checks = {
        "evaluator": is_evaluator(user, evaluation),
        "participant": is_participant(user, session),
        "hr": is_hr(user, evaluation),
        "hr_head": is_hr_head(user, evaluation),
        "apparatus_head": is_apparatus_head(user, evaluation),
    }
    return frozenset(part for part, held in checks.items() if held)


def _quorate(session: Session) -> bool:
    """More than half of the participants voted in the round under way, not all (SPEC §4.7)."""
    total = session.participants.count()
    cast = session.votes.filter(round=session.round).count()
    return total > 0 and round_quorum(total) <= cast < total


def session_actions(*, user: User, obj: Session) -> frozenset[str]:
    """What the user may do in the session (`SESSION_FLOW`), narrowed by what was recorded: the
    presentation until the first vote, one vote a round, closing a round with its quorum, one
    posting, one feedback meeting."""
    actions = set(SESSION_FLOW.actions(status=obj.status, parts=session_parts(user, obj)))
    narrowing = {
        "present": lambda: not obj.votes.exists(),
        "vote": lambda: not obj.votes.filter(round=obj.round, voter=user.pk).exists(),
        "close_round": lambda: _quorate(obj),
        "post": lambda: obj.protocol_posted_at is None,
        "feedback": lambda: not FeedbackMeeting.objects.filter(session=obj).exists(),
    }
    return frozenset(a for a in actions if a not in narrowing or narrowing[a]())


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
    "appeal_get_for",
    "application_actions",
    "application_get_for",
    "can_apply",
    "can_see_results",
    "evaluation_read",
    "is_apparatus_head",
    "is_evaluatee",
    "is_evaluator",
    "is_hr",
    "is_hr_head",
    "is_participant",
    "session_actions",
    "session_get_for",
    "session_parts",
    "session_results_get_for",
]
