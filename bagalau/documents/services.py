"""Writes of the documents app: disposing of evaluation documents past their retention (p.14).

The result itself stays in the servant's service record (ServiceRecordEntry, whose evaluation
becomes empty by design); what goes are the evaluation and the documents around it: the sheet
rows, the refusal act, the scan of a sheet held on paper (its file removed once the disposal is
committed) and the whole calibration case (application, session and its protocol, votes,
feedback meeting, score changes, appeals). A Disposal row lists each case removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.calibration.models import (
    Appeal,
    Application,
    FeedbackMeeting,
    ScoreChange,
    Session,
    Vote,
)
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.documents.models import Disposal
from bagalau.documents.retention import CONTENT_KEYS, DueDocuments, documents_due_for_disposal
from bagalau.documents.selectors import period_text
from bagalau.evaluations.models import (
    Evaluation,
    KpiResult,
    PaperEntry,
    ParameterScore,
    RefusalAct,
)
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User


def _item(due: DueDocuments) -> dict[str, Any]:
    """How the Disposal lists one case: who, which period, how evaluated, when completed, and
    how many rows of each kind were removed. Written in Kazakh, the language of the record."""
    evaluation = due.evaluation
    period = evaluation.period
    label = period_text(period, "kk")
    return {
        "evaluation_id": evaluation.pk,
        "servant": evaluation.servant.full_name,
        "servant_id": evaluation.servant_id,
        "period": label,
        "year": period.schedule.year,
        "period_kind": period.kind,
        "quarter": period.number,
        "method": evaluation.method,
        "completed": due.completed_on.isoformat(),
        "kept_until": due.kept_until.isoformat(),
        "final_score": str(evaluation.final_score) if evaluation.final_score is not None else "",
        "final_rating": evaluation.final_rating,
        "removed": {**{key: due.contents.get(key, 0) for key in CONTENT_KEYS}, "evaluation": 1},
    }


def _remove(evaluation_ids: list[int]) -> None:
    """Delete the cases' rows, children before the rows they protect."""
    sessions = Session.objects.filter(application__evaluation_id__in=evaluation_ids)
    Appeal.objects.filter(evaluation_id__in=evaluation_ids).delete()
    ScoreChange.objects.filter(evaluation_id__in=evaluation_ids).delete()
    ScoreChange.objects.filter(session__in=sessions).delete()
    Vote.objects.filter(session__in=sessions).delete()
    FeedbackMeeting.objects.filter(session__in=sessions).delete()
    sessions.delete()
    Application.objects.filter(evaluation_id__in=evaluation_ids).delete()
    KpiResult.objects.filter(evaluation_id__in=evaluation_ids).delete()
    ParameterScore.objects.filter(evaluation_id__in=evaluation_ids).delete()
    RefusalAct.objects.filter(evaluation_id__in=evaluation_ids).delete()
    papers = PaperEntry.objects.filter(evaluation_id__in=evaluation_ids)
    for entry in papers:
        # The file goes only once the rows are gone for good (a rolled-back disposal keeps it).
        transaction.on_commit(partial(entry.scan.storage.delete, entry.scan.name))
    papers.delete()
    # The service record entry keeps the result; its link becomes NULL (on_delete=SET_NULL).
    Evaluation.objects.filter(pk__in=evaluation_ids).delete()


def documents_dispose(
    *,
    actor: User,
    organisation: Organisation,
    evaluation_ids: Iterable[int],
    note: str = "",
) -> Disposal:
    """Dispose of the documents of these evaluations, every one of them past its retention.

    Only the head of the HR service of the organisation may; anything not yet due (or not the
    organisation's, or already gone) refuses the whole request and nothing changes.
    """
    if not has_role(actor, organisation, Role.HR_HEAD):
        raise PermissionDenied("Only the head of the HR service disposes of documents.")
    wanted = sorted({int(pk) for pk in evaluation_ids})
    if not wanted:
        raise DomainError("evaluations", N_("Choose the documents to dispose of."))
    with transaction.atomic():
        locked = list(
            Evaluation.objects.select_for_update()
            .filter(pk__in=wanted)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        due = {
            item.evaluation.pk: item
            for item in documents_due_for_disposal(organisation, clock.today())
            if item.evaluation.pk in locked
        }
        not_due = [pk for pk in wanted if pk not in due]
        if not_due:
            raise DomainError(
                "evaluations",
                N_("These documents are not due for disposal: %(ids)s."),
                ids=", ".join(str(pk) for pk in not_due),
            )
        chosen = [due[pk] for pk in wanted]
        chosen.sort(key=lambda d: (d.completed_on, d.evaluation.servant.full_name, d.evaluation.pk))
        items = [_item(item) for item in chosen]
        for item in chosen:
            audit_log(
                actor=actor,
                action="dispose",
                obj=item.evaluation,
                summary=f"{item.evaluation.servant.full_name}: {item.evaluation.period}",
                changes={"removed": (item.contents, None)},
            )
        try:
            _remove(wanted)
        except (ProtectedError, RestrictedError) as error:
            raise DomainError(
                "evaluations",
                N_("Other records still refer to these documents (%(what)s); nothing was removed."),
                what=", ".join(sorted({str(o._meta.verbose_name) for o in error.args[1]})),
            ) from error
        disposal = Disposal.objects.create(
            disposed_by=account(actor),
            organisation=organisation,
            completed_before=max(item.cutoff for item in chosen),
            items=items,
            note=note.strip(),
        )
        audit_log(
            actor=actor,
            action="dispose",
            obj=disposal,
            summary=f"{len(items)} evaluation(s) disposed of (p.14)",
            changes={"evaluations": (wanted, None)},
        )
    return disposal
