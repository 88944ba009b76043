"""What the calibration services share: dates as the documents print them, the edition's rules,
notifying each recipient, locking a session for whom may act on it, reading a chosen person (seed
002 p.37-42; SPEC §4.7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.calibration.access import session_get_for
from bagalau.calibration.models import Session
from bagalau.calibration.selectors import rules_for
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation
from bagalau.methodology import MethodologyError
from bagalau.methodology.sjc2023 import Sjc2023Rules
from bagalau.notifications.services import notify

if TYPE_CHECKING:
    from bagalau.core.types import User


def _moment(value: dt.datetime) -> str:
    return f"{timezone.localtime(value):%d.%m.%Y %H:%M}"


def _rules(evaluation: Evaluation) -> Sjc2023Rules:
    try:
        return rules_for(evaluation)
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "evaluation") from error


def _notify_each(
    users: Iterable[Any], *, kind: str, params: dict[str, Any], url: str, key: str
) -> None:
    for user in users:
        notify(recipient=user, kind=kind, params=params, url=url, dedupe_key=key)


def _case(evaluation: Evaluation) -> dict[str, Any]:
    return {"servant": evaluation.servant.full_name, "period": evaluation.period}


def _session_notice(evaluation: Evaluation, session: Session) -> dict[str, Any]:
    """What a notice of the scheduled session says: the case, when and where it sits."""
    return {**_case(evaluation), "when": _moment(session.scheduled_for), "place": session.place}


def _call_to_vote(
    users: Iterable[Any], session: Session, evaluation: Evaluation, *, kind: str
) -> None:
    """Tell `users` that round `session.round` awaits their votes (SPEC §4.7): the participants
    after the presentation and at each new round, a newcomer who joins a round under way; one
    notice per round."""
    _notify_each(
        users,
        kind=kind,
        params={**_case(evaluation), "round": session.round},
        url=reverse("calibration:session", args=[session.pk]),
        key=f"calibration-vote-{session.pk}-{session.round}",
    )


def _lock_session(session_id: int) -> Session:
    return Session.objects.select_for_update(of=("self",)).get(pk=session_id)


def _session_locked_for(
    actor: User,
    session_id: int,
    allowed: Callable[[User, Evaluation], bool],
    refusal: str,
) -> tuple[Session, Evaluation]:
    """The session locked for the rest of the transaction, and its evaluation, for an actor
    `allowed(actor, evaluation)` admits: Http404 when the actor cannot see the session,
    PermissionDenied(`refusal`) when they can but the step is not theirs."""
    visible = session_get_for(user=actor, id=session_id)
    evaluation = visible.application.evaluation
    if not allowed(actor, evaluation):
        raise PermissionDenied(refusal)
    return _lock_session(session_id), evaluation


def _user_id(value: Any, field: str) -> int:
    try:
        return int(getattr(value, "pk", value))
    except (TypeError, ValueError) as error:
        raise DomainError(field, N_("Choose a person from the list.")) from error
