"""The evaluations a commission edition's period opens from the engine's eligibility
(bagalau.methodology.eligibility; EDITIONS.md §2.1 for typical-2018, §5.1 for moj-2017):
evaluated, deferred or not evaluated with its reason and due date, the evaluator, and the audit
rows.

Opening a period is a whole-organisation operation (issue 12 item 2): the servants' absences are
read in one query (`ServantAbsences`), the posts in one `StructureIndex`, and the evaluations and
their audit rows are written in batches (`eligible_evaluations_create`), as the sjc-2023 quarter
is opened (`evaluations.services.schedule.period_open`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from bagalau.audit.services import audit_log_many
from bagalau.core.bulk import few_collections
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Period
from bagalau.evaluations.services.schedule_consent import period_mark_open
from bagalau.methodology import MethodologyError
from bagalau.methodology.eligibility import Absence, eligibility
from bagalau.org.models import Absence as AbsenceRow
from bagalau.org.models import AbsenceKind, Assignment
from bagalau.org.selectors import StructureIndex, servants_in_post

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.methodology.eligibility import Eligibility
    from bagalau.methodology.workflow import EligibilityRules
    from bagalau.workcalendar import WorkCalendar

#: The engine's eligibility status -> the evaluation's status.
STATUS_OF = {
    "evaluated": EvaluationStatus.PENDING,
    "deferred": EvaluationStatus.DEFERRED,
    "not_evaluated": EvaluationStatus.NOT_EVALUATED,
}
#: Evaluations per INSERT when a period is opened.
BATCH = 500


class ServantAbsences:
    """The absences of the servants in `assignments`, each from the start of their assignment
    on, read in one query (p.4: the absences on the evaluation date; the returns from social
    leave from which the months count again)."""

    def __init__(self, assignments: Iterable[Assignment]) -> None:
        starts = {a.servant_id: a.start for a in assignments}
        self.rows: dict[int, list[AbsenceRow]] = defaultdict(list)
        if not starts:
            return
        found = AbsenceRow.objects.filter(
            servant_id__in=list(starts), end__gte=min(starts.values())
        ).order_by("start", "pk")
        for row in found:
            if row.end >= starts[row.servant_id]:
                self.rows[row.servant_id].append(row)

    def of(self, servant_id: int) -> list[Absence]:
        """The servant's absences, as the engine takes them."""
        return [Absence(row.kind, row.start, row.end) for row in self.rows[servant_id]]

    def returns(self, servant_id: int) -> list[dt.date]:
        """The days the servant came back from social leave (p.4)."""
        return [
            row.end + dt.timedelta(days=1)
            for row in self.rows[servant_id]
            if row.kind == AbsenceKind.SOCIAL_LEAVE
        ]


def eligible_evaluations_create(
    *,
    actor: User,
    period: Period,
    assignments: Iterable[Assignment],
    method: str,
    day: dt.date,
    decide: Callable[[Assignment], Eligibility],
) -> list[Evaluation]:
    """One evaluation of `period` per assignment, as `decide` (the engine's eligibility) finds
    it: due on `day` or the deferral's date, evaluated by the post's manager on `day`; written
    with their audit rows in batches, in the caller's transaction. An error of the engine is
    refused naming ``absences``."""
    index = StructureIndex(period.schedule.organisation, day)
    created: list[Evaluation] = []
    reasons: dict[int, str] = {}
    for assignment in assignments:
        try:
            found = decide(assignment)
        except MethodologyError as error:
            raise DomainError.from_methodology(error, "absences") from error
        evaluation = Evaluation(
            period=period,
            servant=assignment.servant,
            assignment=assignment,
            method=method,
            edition=period.schedule.edition,
            evaluator=index.manager_of(assignment),
            status=STATUS_OF[found.status],
            reason=found.reason,
            due_date=found.due or day,
        )
        reasons[id(evaluation)] = ",".join(found.reasons)
        created.append(evaluation)
    for start in range(0, len(created), BATCH):
        batch = Evaluation.objects.bulk_create(created[start : start + BATCH])
        audit_log_many(
            actor=actor,
            action="create",
            organisation=period.schedule.organisation,
            items=(
                (
                    evaluation,
                    str(evaluation),
                    {
                        "status": (None, evaluation.status),
                        "method": (None, evaluation.method),
                        "reason": (None, reasons[id(evaluation)]),
                        "due_date": (None, evaluation.due_date),
                        "evaluator": (None, evaluation.evaluator),
                    },
                )
                for evaluation in batch
            ),
        )
    return created


@few_collections()
def period_eligible_open(
    *,
    actor: User,
    period: Period,
    method: str,
    day: dt.date,
    rules: EligibilityRules,
    calendar: WorkCalendar,
    count_returns: bool,
    changes: Mapping[str, tuple[object, object]] | None = None,
) -> list[Evaluation]:
    """Open the (locked, checked) commission-edition `period` on `day` (typical-2018: the
    evaluation date, T-1; moj-2017: the period's deadline, G-4): one evaluation (`method`) per
    servant in a "B" post on `day` not yet in it, as the engine's eligibility under `rules`
    finds it (the returns from social leave counted when `count_returns`, typical-2018 only,
    seed 004 p.4); the period marked open and the opening audited with `changes` added. In the
    caller's transaction; returns the evaluations created."""
    existing = set(Evaluation.objects.filter(period=period).values_list("servant_id", flat=True))
    posts = [
        a
        for a in servants_in_post(period.schedule.organisation, day)
        if a.servant_id not in existing
    ]
    absent = ServantAbsences(posts)
    created = eligible_evaluations_create(
        actor=actor,
        period=period,
        assignments=posts,
        method=method,
        day=day,
        decide=lambda assignment: eligibility(
            rules,
            calendar,
            evaluation_date=day,
            assignment_start=assignment.start,
            probation_end=assignment.probation_until,
            returns=absent.returns(assignment.servant_id) if count_returns else (),
            absences=absent.of(assignment.servant_id),
        ),
    )
    period_mark_open(period, actor=actor, had=len(existing), created=len(created), changes=changes)
    return created
