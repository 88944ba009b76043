"""The annual result (seed 002 p.4): the mean of the quarterly results.

"НМИ және саралау бойынша қорытынды баға "Б" корпусы қызметшісінің есепті тоқсандардағы орташа
бағасынан құралады." The year's result is the mean of the quarters' standing results
(selectors.annual): a quarter counts from its signature, with the calibrated score once a session
changed it. The annual result

- stays `provisional`, naming the quarters it waits for, while a quarter the servant is evaluated
  for is not final (Q4 is usually signed or under calibration on 10 January, the deadline of both);
  a provisional result grounds no p.8 decision and is not shown for familiarisation;
- becomes `signed` once every such quarter is final, and then follows p.11-12 like any result;
- is recomputed whenever a quarter's result changes or becomes final (`annual_recompute`, called
  by `evaluation_finalize`, hence by every finalisation: the calibration protocol, the end of
  the calibration window, in absentia), the change audited and the
  servant and the head of the HR service told (never the score: p.15, p.20).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, audit_log_many
from bagalau.core import clock
from bagalau.core.bulk import bulk_change, few_collections
from bagalau.core.errors import DomainError
from bagalau.core.links import pk_links
from bagalau.core.types import account
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
    RefusalAct,
    ServiceRecordEntry,
)
from bagalau.evaluations.rules import rules_for_edition
from bagalau.evaluations.selectors.annual import (
    ANNUAL,
    QUARTERS,
    SCORED,
    SCORES,
    STATUSES,
    AnnualStanding,
    Forecast,
    QuarterState,
    annual_standing,
    as_whole,
    latest_posts,
    quarter_names,
    quarter_periods,
    row_quarters,
    year_rows,
)
from bagalau.evaluations.selectors.sheets import period_for
from bagalau.jobs.progress import Progress
from bagalau.methodology import MethodologyError
from bagalau.methodology.sjc2023 import (
    AnnualScores,
    ScoreResult,
    Sjc2023Rules,
    familiarisation_due,
)
from bagalau.notifications.services import Note, notify_many
from bagalau.org.models import Role, Servant
from bagalau.org.selectors import users_with_role, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import Account, User


#: New annual results are inserted in batches of this many.
BATCH = 500

#: Annual results a change of the quarters reopens (the servant is shown the new result).
SHOWN = (
    EvaluationStatus.SIGNED,
    EvaluationStatus.ACKNOWLEDGED,
    EvaluationStatus.REFUSED,
    EvaluationStatus.FINAL,
)


@dataclass(frozen=True)
class AnnualSummary:
    """What computing the annual results did (counts only: HR staff see no score)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def _result(scores: AnnualScores, standing: AnnualStanding) -> ScoreResult:
    try:
        return scores(standing.scores)
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "quarters") from error


def _ready_note(annual: Evaluation, link: Callable[[int], str] | None = None) -> Note | None:
    """Every quarter is final: the servant is shown the annual result to acknowledge (p.11);
    `link`: the sheets' `pk_links`, when many are told."""
    if annual.familiarisation_due is None:
        return None
    return Note(
        recipient=annual.servant,
        kind="result_to_acknowledge",
        params={"period": annual.period, "due": annual.familiarisation_due.strftime("%d.%m.%Y")},
        url=(link or pk_links("evaluations:sheet"))(annual.pk),
        dedupe_key=f"result_to_acknowledge:{annual.pk}:{annual.version}",
    )


def _recomputed_notes(annual: Evaluation, hr_heads: list[Account]) -> list[Note]:
    """The servant and the head of the HR service learn that the annual result changed (the
    score is read on the result's page)."""
    url = reverse("evaluations:sheet", args=[annual.pk])
    key = f"annual_recomputed:{annual.pk}:{annual.version}"
    notes = [
        Note(
            recipient=annual.servant,
            kind="annual_recomputed",
            params={"period": annual.period},
            url=url,
            dedupe_key=key,
        )
    ]
    notes.extend(
        Note(
            recipient=user,
            kind="annual_recomputed_hr",
            params={"servant": annual.servant.full_name, "period": annual.period},
            url=url,
            dedupe_key=key,
        )
        for user in hr_heads
    )
    return notes


@dataclass
class _Writing:
    """What one refresh shares: the rules, the day's familiarisation due date (one calendar read),
    and the annual results it creates, written together at the end."""

    rules: Sjc2023Rules
    ready_due: dt.date
    created: list[tuple[Evaluation, AnnualStanding]]


def _new(
    writing: _Writing,
    period: Period,
    servant_id: int,
    standing: AnnualStanding,
    result: ScoreResult,
    actor: User | None,
) -> Evaluation:
    """An annual result, unsaved (written with the others by `_create_all`, which names its
    post)."""
    ready = not standing.provisional
    return Evaluation(
        period=period,
        servant_id=servant_id,
        method=Method.ANNUAL,
        edition=period.schedule.edition,
        evaluator=None,
        status=EvaluationStatus.SIGNED if ready else EvaluationStatus.PROVISIONAL,
        due_date=period.deadline,
        score=result.score,
        rating=result.rating.code,
        signed_by=account(actor) if ready else None,
        signed_at=clock.now() if ready else None,
        familiarisation_due=writing.ready_due if ready else None,
    )


def _create_all(
    writing: _Writing, period: Period, actor: User | None, posts: dict[int, int]
) -> None:
    """Insert the new annual results, each in the post of the servant's latest quarter, in
    batches, audit them and tell the servants whose result is ready (a constant number of
    queries per batch, issue 12 item 2)."""
    annuals = [annual for annual, _standing in writing.created]
    servants = Servant.objects.select_related("user").in_bulk([a.servant_id for a in annuals])
    for annual in annuals:  # their names and logins for the audit rows and the notices
        annual.servant = servants[annual.servant_id]
        annual.assignment_id = posts[annual.servant_id]
    Evaluation.objects.bulk_create(annuals, batch_size=BATCH)
    audit_log_many(
        actor=actor,
        action="create",
        organisation=period.schedule.organisation,
        items=(
            (
                annual,
                f"{annual}: annual result",
                {
                    "score": (None, annual.score),
                    "rating": (None, annual.rating),
                    "status": (None, annual.status),
                    "quarters": (None, standing.scores),
                    "waiting": (None, list(standing.waiting)),
                },
            )
            for annual, standing in writing.created
        ),
    )
    link = pk_links("evaluations:sheet")
    notify_many(note for annual in annuals if (note := _ready_note(annual, link)) is not None)


def _outcome(status: str, changed: bool, provisional: bool) -> str:
    """What recomputing an annual result does: "updated", "unchanged" or "skipped" (under
    calibration: the session decides on it); `changed`: its score or rating differs from the
    mean's."""
    if status == EvaluationStatus.PROVISIONAL:
        if not changed and provisional:
            return "unchanged"
    elif status in SHOWN:
        if not changed and not provisional:
            return "unchanged"
    else:
        return "skipped"
    return "updated"


#: The columns recomputing an annual result writes.
_RECOMPUTED = (
    "score",
    "rating",
    "status",
    "final_score",
    "final_rating",
    "completed_at",
    "acknowledged_at",
    "calibration_due",
    "signed_by",
    "signed_at",
    "familiarisation_due",
    "version",
    "updated_at",
)


def _update_all(
    writing: _Writing,
    period: Period,
    updates: dict[int, tuple[AnnualStanding, ScoreResult]],
    actor: User | None,
    cause: Evaluation | None,
) -> None:
    """Bring the annual results `updates` names (pk -> standing, result) in line with their
    quarters, in batches: their refusal acts and service record entries read and removed with
    one query each, the rows written with bulk_update, audited and told together (issue 12
    item 4); each row as the one-by-one recomputation wrote it."""
    annuals = list(
        Evaluation.objects.select_related("period__schedule", "servant__user")
        .filter(pk__in=list(updates))
        .order_by("servant_id")
    )
    acts: dict[int, list[int]] = {}
    refusals = RefusalAct.objects.filter(evaluation_id__in=list(updates))
    for evaluation_id, act in refusals.values_list("evaluation_id", "pk"):
        acts.setdefault(evaluation_id, []).append(act)
    entries = dict(
        ServiceRecordEntry.objects.filter(evaluation_id__in=list(updates)).values_list(
            "evaluation_id", "pk"
        )
    )
    now = clock.now()
    audited: list[tuple[Evaluation, str, dict[str, tuple[Any, Any]]]] = []
    notes: list[Note] = []
    hr_heads: list[Account] = list(users_with_role(period.schedule.organisation, Role.HR_HEAD))
    link = pk_links("evaluations:sheet")
    for annual in annuals:
        standing, result = updates[annual.pk]
        changed = (annual.score, annual.rating) != (result.score, result.rating.code)
        status = EvaluationStatus.PROVISIONAL if standing.provisional else EvaluationStatus.SIGNED
        changes: dict[str, tuple[Any, Any]] = {
            "score": (annual.score, result.score),
            "rating": (annual.rating, result.rating.code),
            "status": (annual.status, status),
            "quarters": (None, standing.scores),
            "waiting": (None, list(standing.waiting)),
            "version": (annual.version, annual.version + 1),
        }
        if cause is not None:
            changes["cause"] = (None, str(cause.period))
        if annual.pk in acts:
            changes["refusal_act"] = (acts[annual.pk][-1], None)
        if annual.pk in entries:  # a final result that no longer stands leaves the record
            changes["service_record_entry"] = (entries[annual.pk], None)
        annual.score, annual.rating, annual.status = result.score, result.rating.code, status
        annual.final_score, annual.final_rating, annual.completed_at = None, "", None
        annual.acknowledged_at = annual.calibration_due = None
        if status == EvaluationStatus.SIGNED:
            signer = account(actor)
            if signer is not None:  # the job keeps the signer of record
                annual.signed_by = signer
            annual.signed_at = now
            annual.familiarisation_due = writing.ready_due
        else:
            annual.signed_at, annual.familiarisation_due = None, None
        annual.version += 1
        annual.updated_at = now
        summary = f"{annual}: annual result recomputed"
        if standing.waiting:
            summary += f" (waiting for {quarter_names(standing.waiting)})"
        audited.append((annual, summary, changes))
        if changed:
            notes.extend(_recomputed_notes(annual, hr_heads))
        if (note := _ready_note(annual, link)) is not None:
            notes.append(note)
    RefusalAct.objects.filter(evaluation_id__in=list(acts)).delete()
    ServiceRecordEntry.objects.filter(pk__in=list(entries.values())).delete()
    bulk_change(annuals, _RECOMPUTED)
    audit_log_many(
        actor=actor,
        action="recompute",
        organisation=period.schedule.organisation,
        items=audited,
    )
    notify_many(notes)


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a year's quarters give, shared by every year of the same shape (`_Years`): the
    quarters it waits for, and the mean's result with its score as a whole number of hundredths
    (None without a scored quarter)."""

    provisional: bool
    result: ScoreResult | None
    whole: int | None


class _Years:
    """The standing and the result of each year of a period. The mean depends only on how many
    quarters are scored and their total once each score passed the methodology's check
    (`AnnualScores`), and what the year waits for only on the quarters' statuses and, for a
    quarter without a result, on whether the servant will be evaluated for it (p.4, p.5): a year
    of a shape already seen takes its answer; any other, and any score not checked yet, goes
    through `annual_standing` and the methodology."""

    def __init__(self, rules: Sjc2023Rules, periods: dict[int, Period], forecast: Forecast):
        self.periods, self.forecast = periods, forecast
        self.scores = AnnualScores(rules)
        self.known: dict[tuple[int, str, Decimal | None], QuarterState] = {}
        self.checked: set[int] = set()
        self.shapes: dict[tuple[Any, ...], _Shape] = {}

    def standing(self, row: tuple[Any, ...]) -> AnnualStanding:
        """The four quarters of a `year_rows` row."""
        return annual_standing(row[0], row_quarters(row), self.periods, self.forecast, self.known)

    def shape(self, row: tuple[Any, ...]) -> _Shape:
        """The answer for a `year_rows` row's year."""
        statuses = row[STATUSES]
        scored = [
            whole
            for status, whole in zip(statuses, row[SCORES], strict=True)
            if whole is not None and status in SCORED
        ]
        expected = () if all(statuses) else self._expected(row[0], statuses)
        key = (statuses, expected, len(scored), sum(scored))
        found = self.shapes.get(key)
        if found is not None and self.checked.issuperset(scored):
            return found
        standing = self.standing(row)
        result = _result(self.scores, standing) if standing.has_score else None
        self.checked.update(scored)
        whole = None if result is None else as_whole(result.score)
        found = self.shapes[key] = _Shape(standing.provisional, result, whole)
        return found

    def _expected(self, servant_id: int, statuses: tuple[str | None, ...]) -> tuple[bool, ...]:
        """For each quarter without a result: whether the servant will be evaluated for it."""
        return tuple(
            (period := self.periods.get(number)) is not None
            and period.status == PeriodStatus.SCHEDULED
            and self.forecast.expects(period, servant_id)
            for number, status in zip(QUARTERS, statuses, strict=True)
            if status is None
        )


def _refresh(
    period: Period,
    actor: User | None,
    *,
    servant_ids: list[int] | None = None,
    create: bool = True,
    cause: Evaluation | None = None,
    progress: Progress | None = None,
    dry: bool = False,
) -> AnnualSummary:
    """Create (with `create`) or recompute the annual results of the period's servants (all, or
    `servant_ids`) from where their quarters stand: the quarters and the existing annual
    results (locked) read with one query each, every mean computed by the methodology once per
    shape of year (`_Years`), the new and the changed results written together (issue 12 item
    4). `dry`: only count what would change, nothing locked or written."""
    rules = rules_for_edition(period.schedule.edition)
    schedule = period.schedule
    if not dry:
        locked = Evaluation.objects.select_for_update(of=("self",)).filter(period=period)
        if servant_ids is not None:
            locked = locked.filter(servant_id__in=list(servant_ids))
        list(locked.order_by().values_list("pk", flat=True))
    years = _Years(rules, quarter_periods(schedule), Forecast(schedule))
    rows = year_rows(period, years.periods, servant_ids)
    writing = _Writing(rules, familiarisation_due(rules, work_calendar(), clock.today()), [])
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    updates: dict[int, tuple[AnnualStanding, ScoreResult]] = {}
    progress = progress or Progress(None)
    progress.stage("writing", total=len(rows))
    for row in rows:
        progress.advance()
        shape = years.shape(row)
        pk, status, whole, rating = row[ANNUAL]
        if shape.result is None:
            if pk is not None:
                counts["skipped"] += 1
            continue
        if pk is None:
            if create:
                standing = years.standing(row)
                new = _new(writing, period, row[0], standing, shape.result, actor)
                writing.created.append((new, standing))
                counts["created"] += 1
            continue
        changed = (whole, rating) != (shape.whole, shape.result.rating.code)
        outcome = _outcome(status, changed, shape.provisional)
        if outcome == "updated":
            updates[pk] = (years.standing(row), shape.result)
        counts[outcome] += 1
    if dry:
        return AnnualSummary(**counts)
    if updates:
        _update_all(writing, period, updates, actor, cause)
    if writing.created:
        _create_all(writing, period, actor, latest_posts(years.periods, servant_ids))
    return AnnualSummary(**counts)


def annual_results_check(*, actor: User, period_id: int) -> Period:
    """What refuses computing the annual results (the HR service; the annual period of a
    schedule): checked when HR asks and again when the job computes them."""
    period = period_for(actor, period_id, hr_head_only=False)
    if period.kind != PeriodKind.ANNUAL:
        raise DomainError(
            "period",
            N_("Annual results are computed for the annual period of a schedule."),
        )
    return period


@few_collections()
def annual_results_compute(
    *, actor: User, period_id: int, progress: Progress | None = None
) -> AnnualSummary:
    """The HR service computes the annual results of a schedule's annual period: for each servant
    with a signed quarter that year, the mean of the quarters' standing results (p.4) as an
    `annual` evaluation — provisional while a quarter is not final, otherwise signed and shown to
    the servant like the others. Run again, it brings every annual result in line with its
    quarters (one under calibration is left to its session)."""
    with transaction.atomic():
        period = annual_results_check(actor=actor, period_id=period_id)
        summary = _refresh(period, actor, progress=progress)
        audit_log(
            actor=actor,
            action="annual_compute",
            obj=period,
            changes={
                "created": (None, summary.created),
                "updated": (None, summary.updated),
                "skipped": (None, summary.skipped),
            },
        )
    return summary


def annual_recompute(
    *, actor: User | None, servant: Servant, year: int, cause: Evaluation | None = None
) -> Evaluation | None:
    """Bring the servant's annual result for `year` in line with the quarters after one of them
    changed or became final (`cause`): recomputed, provisional or shown for familiarisation,
    audited and told. A system step of the finalisation (no page or endpoint calls it, so it
    checks no permission): None when no annual result was computed for that year yet."""
    with transaction.atomic():
        period = (
            Period.objects.select_related("schedule__organisation")
            .filter(
                schedule__organisation_id=servant.organisation_id,
                schedule__year=year,
                kind=PeriodKind.ANNUAL,
            )
            .first()
        )
        if period is None or not Evaluation.objects.filter(period=period, servant=servant).exists():
            return None
        _refresh(period, actor, servant_ids=[servant.pk], create=False, cause=cause)
    return Evaluation.objects.get(period=period, servant=servant)


@few_collections()
def annual_results_refresh() -> str:
    """Periodic job: create and recompute the annual results of the periods where the HR service
    computed them, as the quarters change (a safety net: the finalisation recomputes at once).
    Each period is read first without locks; only one with something to write is read again
    with its annual results locked and written (a run that changes nothing locks nothing,
    issue 12 item 4)."""
    computed = Evaluation.objects.filter(period=OuterRef("pk"), method=Method.ANNUAL)
    periods = Period.objects.filter(Exists(computed), kind=PeriodKind.ANNUAL)
    updated = created = 0
    for period in periods.select_related("schedule__organisation"):
        seen = _refresh(period, None, dry=True)  # a period where nothing changed locks nothing
        if not (seen.created or seen.updated):
            continue
        with transaction.atomic():
            summary = _refresh(period, None)
        updated += summary.updated
        created += summary.created
    return f"{created} annual results created, {updated} recomputed"
