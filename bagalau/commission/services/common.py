"""What the commission services share: checking texts, dates, people and the actor's part, moving a
session or an evaluation along its workflow, and a session's decided agenda read at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.commission.access import is_hr
from bagalau.commission.models import AgendaItem, CommissionSession, Motion
from bagalau.core import bounds, clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation
from bagalau.notifications.services import Note
from bagalau.org.models import Organisation, Servant
from bagalau.org.selectors import organisations_of

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.core.workflow import Workflow


def past_date(value: dt.date | None, field: str, *, message: str) -> dt.date:
    """A date given, within the stored bounds and not in the future (back-dating is allowed,
    EDITIONS.md §9 G-1)."""
    if value is None:
        raise DomainError(field, message)
    if not bounds.DATE_MIN <= value <= bounds.DATE_MAX:
        raise DomainError(field, N_("The date is outside the years the system keeps."))
    if value > clock.today():
        raise DomainError(field, N_("The date cannot be in the future."))
    return value


def require_not_before(field: str, day: dt.date, earlier: dt.date | None, message: str) -> None:
    """A DomainError on `field` when `day` comes before `earlier`, the day of the step it follows
    (`message` names that day as ``%(date)s``); nothing when there is no earlier day."""
    if earlier is not None and day < earlier:
        raise DomainError(field, message, date=day_text(earlier))


def lock_hr_organisation(actor: User, organisation_id: int) -> Organisation:
    """The organisation whose commission the actor manages as its working body, its row locked
    for the rest of the transaction: Http404 when the actor has no part in it, PermissionDenied
    when they do but are not HR."""
    organisation = organisations_of(actor).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation.")
    if not is_hr(actor, organisation):
        raise PermissionDenied("Only the working body manages the commission.")
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    return organisation


def servant_of_organisation(organisation: Organisation, servant_id: int, field: str) -> Servant:
    """A servant of the organisation, else a DomainError naming `field`."""
    servant = Servant.objects.filter(pk=servant_id, organisation=organisation).first()
    if servant is None:
        raise DomainError(field, N_("Choose a servant of this organisation."))
    return servant


def lock_session(session_id: int) -> CommissionSession:
    """The session row, locked for the rest of the transaction."""
    return CommissionSession.objects.select_for_update(of=("self",)).get(pk=session_id)


def status_move(
    actor: User, obj: CommissionSession | Evaluation, flow: Workflow, action: str
) -> None:
    """Move a session or an evaluation by `action` of `flow` (the caller has checked that it is
    open), saved with its audit row `action`."""
    old = obj.status
    obj.status = flow.target(action, old)
    obj.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action=action,
        obj=obj,
        changes={"status": (old, obj.status)},
    )


def adopted_items(session: CommissionSession) -> list[tuple[AgendaItem, Motion, Evaluation]]:
    """The session's agenda in its order, each item with its adopted motion and its evaluation
    locked (servant, period and organisation joined), read in three queries whatever the size of
    the agenda (issue 12 item 2). An item without exactly one adopted motion raises as
    ``item.motions.get(adopted=True)`` does."""
    items = list(
        session.agenda.prefetch_related(
            Prefetch("motions", queryset=Motion.objects.filter(adopted=True), to_attr="adopted")
        )
    )
    evaluations = {
        e.pk: e
        for e in Evaluation.objects.select_for_update(of=("self",))
        .filter(pk__in=[item.evaluation_id for item in items])
        .select_related("servant__user", "period__schedule__organisation")
        .order_by("pk")
    }
    found: list[tuple[AgendaItem, Motion, Evaluation]] = []
    for item in items:
        adopted = item.adopted
        motion = adopted[0] if len(adopted) == 1 else item.motions.get(adopted=True)
        found.append((item, motion, evaluations[item.evaluation_id]))
    return found


#: What a commission's result standing writes on the evaluation (`result_stands`); a moj-2017
#: decision also completes the evaluation (`completed_at`, `version`).
RESULT_FIELDS = [
    "status",
    "final_score",
    "final_rating",
    "familiarisation_due",
    "familiarised_on",
    "acknowledged_at",
    "updated_at",
]


def result_stands(
    evaluation: Evaluation,
    *,
    status: str,
    score: Decimal | None,
    rating: str,
    due: dt.date | None,
    completed_at: dt.datetime | None = None,
) -> dict[str, tuple[Any, Any]]:
    """The commission's result becomes the evaluation's (EDITIONS.md §2.2 G4, §5.3): its status,
    final score and rating, to be familiarised anew by `due` (seed 004 p.40, seed 001 p.36);
    with `completed_at` (moj-2017, p.35) the evaluation is completed and its version bumped.
    Set on the instance, not saved; the changes for the audit row are returned."""
    changes: dict[str, tuple[Any, Any]] = {
        "status": (evaluation.status, status),
        "final_score": (evaluation.final_score, score),
        "final_rating": (evaluation.final_rating, rating),
    }
    if completed_at is not None:
        changes["completed_at"] = (evaluation.completed_at, completed_at)
        evaluation.completed_at = completed_at
        evaluation.version += 1
    changes["familiarisation_due"] = (evaluation.familiarisation_due, due)
    evaluation.status = status
    evaluation.final_score, evaluation.final_rating = score, rating
    evaluation.familiarisation_due = due
    evaluation.familiarised_on = None
    evaluation.acknowledged_at = None
    evaluation.updated_at = timezone.now()
    return changes


def result_note(
    session: CommissionSession, evaluation: Evaluation, kind: str, day: dt.date, due: dt.date | None
) -> Note:
    """The notice to the servant that the commission's result on `day` stands, to be
    familiarised by `due`; one per session and evaluation."""
    return Note(
        recipient=evaluation.servant,
        kind=kind,
        params={"date": day_text(day), "due": day_text(due) if due is not None else "—"},
        url=reverse("commission:result", args=[evaluation.pk]),
        dedupe_key=f"commission-result-{session.pk}-{evaluation.pk}",
    )
