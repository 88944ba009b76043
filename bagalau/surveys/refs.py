"""Opaque references to a respondent's questionnaires (issue 8 item 3: "no invitation id in URLs
that reach the logs").

A questionnaire's URL carries `questionnaire_ref`: an HMAC under the server's SECRET_KEY of the
session key, the user and the invitation. It differs from one session to the next and cannot be
turned back into an invitation without the secret, so an access log line (path, time) names no
questionnaire; the server finds the invitation by comparing the refs of the user's own
questionnaires. Without a session (HTTP basic auth on the API) the ref is per user.

`draft_key` names the browser's localStorage entry holding a respondent's draft: stable for the
user and questionnaire (a draft survives logging out and in), and meaningless to anyone else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac

from bagalau.core.types import account
from bagalau.surveys.access import invitation_get_for
from bagalau.surveys.models import Invitation
from bagalau.surveys.my_tasks import Task

if TYPE_CHECKING:
    from bagalau.core.types import User

REF_LENGTH = 32


def _session_key(request: HttpRequest | Any) -> str:
    session = getattr(request, "session", None)
    return (getattr(session, "session_key", None) or "") if session is not None else ""


def ref_for(session_key: str, user_id: int, invitation_id: int) -> str:
    """The opaque reference of a questionnaire for a user in a session."""
    value = f"{session_key}:{user_id}:{invitation_id}"
    return salted_hmac("bagalau.surveys.questionnaire", value, algorithm="sha256").hexdigest()[
        :REF_LENGTH
    ]


def questionnaire_ref(request: HttpRequest | Any, invitation_id: int) -> str:
    """The reference of the user's questionnaire in this request's session."""
    return ref_for(_session_key(request), account(request.user).pk, invitation_id)


def invitation_by_ref(request: HttpRequest | Any, ref: str) -> Invitation:
    """The user's own questionnaire behind `ref`, else Http404."""
    user: User = request.user
    if not user.is_authenticated or len(ref) != REF_LENGTH:
        raise Http404("No such questionnaire.")
    key = _session_key(request)
    for pk in Invitation.objects.filter(respondent__user_id=user.pk).values_list("pk", flat=True):
        if constant_time_compare(ref_for(key, int(user.pk), pk), ref):
            return invitation_get_for(user=user, id=pk)
    raise Http404("No such questionnaire.")


def draft_key(user: User, invitation_id: int) -> str:
    """The name of the respondent's draft in their browser's localStorage."""
    value = f"{user.pk}:{invitation_id}"
    digest = salted_hmac("bagalau.surveys.draft", value, algorithm="sha256").hexdigest()
    return f"bagalau-360-draft-{digest[:REF_LENGTH]}"


def with_refs(request: HttpRequest | Any, tasks: Iterable[Task]) -> list[Task]:
    """The tasks, each questionnaire about a colleague with its opaque reference."""
    return [
        dataclasses.replace(task, ref=questionnaire_ref(request, task.pk))
        if task.kind == "invitation"
        else task
        for task in tasks
    ]
