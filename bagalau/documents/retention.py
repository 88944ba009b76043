"""Reads of the documents app: which evaluation documents are past their retention (seed 002 p.14;
typical-2018 p.8) and what they comprise; the organisation's disposal records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Min, Model, Q, QuerySet
from django.utils import timezone

from bagalau.calibration.models import (
    Appeal,
    Application,
    FeedbackMeeting,
    ScoreChange,
    Session,
    Vote,
)
from bagalau.documents.models import Disposal
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    PaperEntry,
    ParameterScore,
    RefusalAct,
)
from bagalau.methodology import (
    MethodologyError,
    edition_codes,
    get_edition,
    sjc2023_rules,
    typical2018_rules,
)
from bagalau.org.models import Organisation

# --- retention (p.14) ----------------------------------------------------------------------------

#: What an evaluation's documents comprise, in the order they are listed: each kind of row, its
#: model and the path from the model to the evaluation's id.
CONTENTS: tuple[tuple[str, type[Model], str], ...] = (
    ("kpi_results", KpiResult, "evaluation_id"),
    ("parameter_scores", ParameterScore, "evaluation_id"),
    ("refusal_act", RefusalAct, "evaluation_id"),
    ("calibration_application", Application, "evaluation_id"),
    ("calibration_session", Session, "application__evaluation_id"),
    ("votes", Vote, "session__application__evaluation_id"),
    ("score_changes", ScoreChange, "evaluation_id"),
    ("feedback_meeting", FeedbackMeeting, "session__application__evaluation_id"),
    ("appeals", Appeal, "evaluation_id"),
    ("paper_scan", PaperEntry, "evaluation_id"),
)

#: The kinds of rows of CONTENTS, in their order.
CONTENT_KEYS = tuple(key for key, _model, _path in CONTENTS)


def retention_years(edition: str) -> int | None:
    """How many years the edition keeps evaluation documents after completion (sjc-2023 p.14;
    typical-2018 p.8); None when the edition says nothing, and they are then never due."""
    try:
        found = get_edition(edition)
    except MethodologyError:
        return None
    for rules_of in (sjc2023_rules, typical2018_rules):
        try:
            return rules_of(found).deadlines.retention_years
        except MethodologyError:
            continue
    return None


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (later when negative; 29 February becomes the
    28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def retention_cutoff(today: dt.date, years: int) -> dt.date:
    """Documents of evaluations completed before this day have been kept `years` full years."""
    return years_before(today, years)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class DueDocuments:
    """A final evaluation past its retention, with what its documents comprise."""

    evaluation: Evaluation
    completed_on: dt.date
    retention_years: int
    kept_until: dt.date
    cutoff: dt.date
    contents: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """How many rows the documents comprise, the evaluation itself included."""
        return sum(self.contents.values()) + 1


def document_contents(evaluation_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Per evaluation: how many rows of each kind its documents comprise (CONTENT_KEYS)."""
    contents: dict[int, dict[str, int]] = {
        pk: dict.fromkeys(CONTENT_KEYS, 0) for pk in evaluation_ids
    }
    ids = list(evaluation_ids)
    for key, model, path in CONTENTS:
        rows = model._default_manager.filter(**{f"{path}__in": ids}).values(path)
        for row in rows.annotate(n=Count("pk")).order_by():
            contents[row[path]][key] = row["n"]
    return contents


def documents_due_for_disposal(organisation: Organisation, today: dt.date) -> list[DueDocuments]:
    """The organisation's final evaluations completed more than their edition's retention
    (3 years, p.14) before `today`, oldest first, with what their documents comprise."""
    final = Evaluation.objects.filter(
        period__schedule__organisation=organisation,
        status=EvaluationStatus.FINAL,
        completed_at__isnull=False,
    )
    found: list[tuple[Evaluation, int, dt.date]] = []
    for edition in sorted(set(final.values_list("edition", flat=True))):
        years = retention_years(edition)
        if years is None:
            continue
        cutoff = retention_cutoff(today, years)
        for evaluation in final.filter(edition=edition, completed_at__lt=_start_of(cutoff)):
            found.append((evaluation, years, cutoff))
    if not found:
        return []
    evaluations = {
        e.pk: e
        for e in Evaluation.objects.filter(pk__in=[e.pk for e, _, _ in found]).select_related(
            "servant", "period__schedule", "assignment__position"
        )
    }
    contents = document_contents(list(evaluations))
    due = []
    for item, years, cutoff in found:
        evaluation = evaluations[item.pk]
        assert evaluation.completed_at is not None
        completed_on = timezone.localtime(evaluation.completed_at).date()
        due.append(
            DueDocuments(
                evaluation=evaluation,
                completed_on=completed_on,
                retention_years=years,
                kept_until=years_before(completed_on, -years),
                cutoff=cutoff,
                contents=contents[evaluation.pk],
            )
        )
    due.sort(key=lambda d: (d.completed_on, d.evaluation.servant.full_name, d.evaluation.pk))
    return due


def disposal_due_summary(organisation: Organisation, today: dt.date) -> tuple[int, dt.date | None]:
    """How many evaluations `documents_due_for_disposal` lists and the day the oldest was
    completed, counted in the database: the edition's retention read once per edition, for
    every edition there is (an edition no evaluation has adds nothing), so that the editions in
    use are not looked for among every final evaluation; the completion index finds those past
    their cutoff (issue 12 item 3)."""
    final = Evaluation.objects.filter(
        period__schedule__organisation=organisation,
        status=EvaluationStatus.FINAL,
        completed_at__isnull=False,
    )
    due = Q(pk__in=[])
    for edition in sorted(edition_codes()):
        years = retention_years(edition)
        if years is not None:
            cutoff = _start_of(retention_cutoff(today, years))
            due |= Q(edition=edition, completed_at__lt=cutoff)
    found = final.filter(due).aggregate(count=Count("pk"), oldest=Min("completed_at"))
    oldest = found["oldest"]
    return found["count"] or 0, None if oldest is None else timezone.localtime(oldest).date()


def disposals_of(organisation: Organisation) -> QuerySet[Disposal]:
    """The organisation's disposal records, newest first."""
    return (
        Disposal.objects.filter(organisation=organisation)
        .select_related("disposed_by")
        .order_by("-disposed_at", "-pk")
    )


def disposal_totals(disposal: Disposal) -> dict[str, int]:
    """How many rows of each kind a disposal removed."""
    totals: dict[str, int] = defaultdict(int)
    for item in disposal.items:
        for key, count in (item.get("removed") or {}).items():
            totals[key] += int(count)
    return dict(totals)
