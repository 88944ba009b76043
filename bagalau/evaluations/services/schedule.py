"""The year's evaluation schedule and opening its quarters (seed 002 p.4-6, p.10, p.21-22, p.26,
p.28-30).

HR drafts the schedule (four quarters, the annual result, the 360 survey) with every legal
deadline computed by the engine; the head of the apparatus approves or returns it. Once a quarter
has ended HR opens it: one Evaluation per servant in a "B" post from the roster
(selectors.quarter_roster.computed_roster), with the evaluators, the servants and HR told what is
due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.models import AuditEntry
from bagalau.audit.services import audit_log, audit_log_many, audited_update
from bagalau.core import clock
from bagalau.core.bulk import bulk_insert, few_collections
from bagalau.core.days import day_text
from bagalau.core.errors import ConflictError, DomainError
from bagalau.core.links import pk_links
from bagalau.evaluations.hooks import schedule_drafter
from bagalau.evaluations.models import (
    Evaluation,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
    Schedule,
)
from bagalau.evaluations.selectors.quarter_roster import (
    REASON_STATUS,
    computed_roster,
    evaluator_by_structure,
    sheet_key,
)
from bagalau.evaluations.selectors.schedule import (
    can_approve_schedule,
    can_manage_schedule,
    is_member,
    rules_of,
)
from bagalau.evaluations.services.common import (
    evaluation_locked,
    kpi_sheets_follow_plans,
)
from bagalau.evaluations.services.quarters import (
    created_changes,
    opening_notify,
    roster_reapply,
    schedule_page_url,
)
from bagalau.evaluations.services.schedule_consent import (
    PeriodDraft,
    period_locked,
    period_mark_open,
    schedule_draft_write,
    schedule_locked,
)
from bagalau.evaluations.workflow import (
    CLOSABLE,
    EVALUATION_FLOW,
    OPEN,
    PERIOD_FLOW,
    SCHEDULE_FLOW,
)
from bagalau.jobs.progress import Progress
from bagalau.methodology import EvaluationModel, MethodologyError, sjc2023_rules
from bagalau.methodology import sjc2023 as engine
from bagalau.methodology.sjc2023_periods import quarter_prepare_from
from bagalau.notifications.services import notify
from bagalau.org.access import HR_ROLES
from bagalau.org.managers import refuse_own_post, refuse_self_appointment, tell_evaluator_changed
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import organisation_edition, users_with_role, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User


#: Years the working-day calendar can answer for, the Q4 deadline falling in the next year.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def _users_with(organisation: Organisation, *roles: str) -> list[Any]:
    """The users holding one of `roles` in the organisation, each once, in a stable order."""
    return list(users_with_role(organisation, *roles))


def _require_hr(actor: User, organisation: Organisation) -> None:
    if not can_manage_schedule(actor, organisation):
        raise PermissionDenied("Only the HR service runs the evaluation schedule.")


def _require_apparatus_head(actor: User, organisation: Organisation) -> None:
    if not can_approve_schedule(actor, organisation):
        raise PermissionDenied("Only the head of the apparatus approves the schedule.")


def _require_open(schedule: Schedule, action: str, message: str) -> None:
    """A DomainError on "status" saying `message` when SCHEDULE_FLOW does not open `action` in
    the schedule's status."""
    if not SCHEDULE_FLOW.is_open(action, schedule.status):
        raise DomainError("status", message, status=schedule.get_status_display())


def _set_status(schedule: Schedule, action: str, **fields: Any) -> None:
    """Move the (locked) schedule along SCHEDULE_FLOW's `action` from the status it was read in;
    a concurrent change is a conflict."""
    expected = schedule.status
    new = SCHEDULE_FLOW.target(action, expected)
    updated = Schedule.objects.filter(pk=schedule.pk, status=expected).update(
        status=new, updated_at=clock.now(), **fields
    )
    if updated == 0:
        raise ConflictError(
            "status", N_("Someone changed the schedule meanwhile; reload and try again.")
        )
    schedule.status = new
    for name, value in fields.items():
        setattr(schedule, name, value)


# --- the schedule ----------------------------------------------------------------------------


def _other_model_drafter(organisation: Organisation, year: int) -> Any:
    """The drafter another app registered for the model of the edition in force at the end of
    the year (a typical-2018 year is evaluated at its end, seed 004 p.18), or None."""
    try:
        edition = organisation_edition(organisation, dt.date(year, 12, 31))
    except MethodologyError:
        return None
    return schedule_drafter(edition.model)


def schedule_draft(*, actor: User, organisation: Organisation, year: int) -> Schedule:
    """HR drafts the year's schedule (p.10): Q1-Q4 with the legal deadline of p.4 as the planned
    date, the annual result (by the Q4 deadline) and the 360 survey (p.4). One per year."""
    if not is_member(actor, organisation):
        raise Http404("No such organisation.")
    _require_hr(actor, organisation)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            "year", N_("Enter a year from %(first)s to %(last)s."), first=FIRST_YEAR, last=LAST_YEAR
        )
    drafter = _other_model_drafter(organisation, year)
    if drafter is not None:
        return drafter(actor=actor, organisation=organisation, year=year)  # type: ignore[no-any-return]
    try:
        edition = organisation_edition(organisation, dt.date(year, 1, 1))
    except MethodologyError as error:
        raise DomainError(
            "year",
            N_("No methodology edition was in force in the organisation on 1 January %(year)s."),
            year=year,
        ) from error
    if edition.model != EvaluationModel.SJC2023:
        raise DomainError(
            "year",
            N_(
                "On 1 January %(year)s the organisation evaluates under %(edition)s; only "
                "sjc-2023-model schedules can be drafted here."
            ),
            year=year,
            edition=edition.code,
        )
    rules = sjc2023_rules(edition)
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    periods = [
        PeriodDraft(
            PeriodKind.QUARTER,
            *engine.quarter_bounds(year, quarter),
            engine.quarter_deadline(rules, year, quarter),
            number=quarter,
        )
        for quarter in range(1, 5)
    ]
    periods.append(
        PeriodDraft(
            PeriodKind.ANNUAL, year_start, year_end, engine.quarter_deadline(rules, year, 4)
        )
    )
    periods.append(
        PeriodDraft(
            PeriodKind.SURVEY360, year_start, year_end, engine.survey360_deadline(rules, year)
        )
    )
    with transaction.atomic():
        if Schedule.objects.filter(organisation=organisation, year=year).exists():
            raise DomainError(
                "year", N_("There is already an evaluation schedule for %(year)s."), year=year
            )
        return schedule_draft_write(
            actor=actor,
            organisation=organisation,
            year=year,
            edition=edition.code,
            periods=periods,
        )


def period_set_planned_date(
    *,
    actor: User,
    period_id: int,
    planned_date: dt.date,
    expected: dt.date | None = None,
) -> Period:
    """HR sets the date it plans to hold a period's evaluation, while the schedule is a draft:
    after the period ends (the evaluation is of a finished period) and by the legal deadline.
    `expected` is the planned date the form showed; another value in the row is a conflict."""
    with transaction.atomic():
        period = period_locked(actor, period_id, with_schedule=True)
        schedule = period.schedule
        _require_hr(actor, schedule.organisation)
        _require_open(
            schedule,
            "set_dates",
            N_("Planned dates change only while the schedule is a draft (it is %(status)s)."),
        )
        if expected is not None and period.planned_date != expected:
            raise ConflictError(
                "planned_date",
                N_("Someone changed the planned date meanwhile (it is now %(current)s)."),
                current=day_text(period.planned_date),
            )
        if planned_date > period.deadline:
            raise DomainError(
                "planned_date",
                N_("The planned date cannot be after the legal deadline, %(deadline)s."),
                deadline=day_text(period.deadline),
            )
        if planned_date <= period.ends:
            raise DomainError(
                "planned_date",
                N_(
                    "The planned date must come after the evaluated period ends "
                    "(%(ends)s): the evaluation is of a finished period."
                ),
                ends=day_text(period.ends),
            )
        audited_update(actor=actor, obj=period, planned_date=planned_date)
    return period


def _ordinal(schedule: Schedule, action: str) -> int:
    """How many times `action` was done to the schedule (a fresh dedupe key per submission)."""
    return AuditEntry.objects.filter(
        object_type=schedule._meta.label_lower, object_id=str(schedule.pk), action=action
    ).count()


def _schedule_step(
    *,
    actor: User,
    schedule_id: int,
    action: str,
    require: Callable[[User, Organisation], None],
    refused: str,
    tell: tuple[str, ...],
    kind: str,
    once: str = "",
    comment: str | None = None,
    **fields: Any,
) -> Schedule:
    """Move the locked schedule along SCHEDULE_FLOW's `action` (p.10) for an actor `require`
    lets, `refused` saying why not in another status (and a `comment`, when one is taken,
    required); audited, and the users with a role in `tell` notified (`kind`), once per schedule
    under the key `once`, else once per round of the action."""
    with transaction.atomic():
        schedule = schedule_locked(actor, schedule_id)
        require(actor, schedule.organisation)
        _require_open(schedule, action, refused)
        if comment == "":
            raise DomainError("comment", N_("Say why the schedule is returned."))
        old = schedule.status
        _set_status(schedule, action, **fields)
        key = once or f"{action}:{_ordinal(schedule, action) + 1}"
        changes: dict[str, tuple[object, object]] = {"status": (old, schedule.status)}
        params: dict[str, object] = {"year": schedule.year}
        if comment is not None:
            changes["comment"] = ("", comment)
            params["comment"] = comment
        audit_log(actor=actor, action=action, obj=schedule, changes=changes)
        for user in _users_with(schedule.organisation, *tell):
            notify(
                recipient=user,
                kind=kind,
                params=params,
                url=schedule_page_url(schedule),
                dedupe_key=f"schedule{schedule.pk}:{key}",
            )
    return schedule


def schedule_submit(*, actor: User, schedule_id: int) -> Schedule:
    """HR submits the draft to the head of the apparatus (p.10), who is notified."""
    return _schedule_step(
        actor=actor,
        schedule_id=schedule_id,
        action="submit",
        require=_require_hr,
        refused=N_("Only a draft schedule can be submitted (it is %(status)s)."),
        tell=(Role.APPARATUS_HEAD,),
        kind="schedule_to_approve",
    )


def schedule_approve(*, actor: User, schedule_id: int) -> Schedule:
    """The head of the apparatus approves the submitted schedule (p.10); HR is notified."""
    return _schedule_step(
        actor=actor,
        schedule_id=schedule_id,
        action="approve",
        require=_require_apparatus_head,
        refused=N_("Only a submitted schedule can be approved (it is %(status)s)."),
        tell=HR_ROLES,
        kind="schedule_approved",
        once="approved",
        approved_by=actor,
        approved_at=clock.now(),
    )


def schedule_return(*, actor: User, schedule_id: int, comment: str) -> Schedule:
    """The head of the apparatus returns the submitted schedule to HR with the reason; it is a
    draft again."""
    return _schedule_step(
        actor=actor,
        schedule_id=schedule_id,
        action="return",
        require=_require_apparatus_head,
        refused=N_("Only a submitted schedule can be returned (it is %(status)s)."),
        tell=HR_ROLES,
        kind="schedule_returned",
        comment=(comment or "").strip(),
    )


# --- opening and closing a quarter -----------------------------------------------------------


@dataclass(frozen=True)
class PeriodOpened:
    """The opened period and the evaluations this opening created (none when nothing new)."""

    period: Period
    created: list[Evaluation]


def period_open_check(*, actor: User, period: Period) -> None:
    """What refuses opening a quarter (HR of the organisation; a quarter of an approved schedule,
    not closed, from the first day of its last month): checked when HR asks and again when the
    job opens it."""
    schedule = period.schedule
    _require_hr(actor, schedule.organisation)
    if period.kind != PeriodKind.QUARTER or period.number is None:
        raise DomainError(
            "kind",
            N_("Only a quarter is opened; the annual result and the 360 survey are not."),
        )
    if schedule.status not in SCHEDULE_FLOW.group("in_force"):
        raise DomainError(
            "schedule",
            N_("The schedule for %(year)s is not approved yet (it is %(status)s)."),
            year=schedule.year,
            status=schedule.get_status_display(),
        )
    if not PERIOD_FLOW.is_open("open", period.status):
        raise DomainError("status", N_("The period is closed."))
    prepare_from = quarter_prepare_from(schedule.year, period.number)
    if clock.today() < prepare_from:
        raise DomainError(
            "date",
            N_(
                "The quarter ends on %(ends)s; it can be prepared from %(prepare)s and is "
                "evaluated once it has ended."
            ),
            ends=day_text(period.ends),
            prepare=day_text(prepare_from),
        )


#: Evaluations per INSERT when a quarter is opened.
BATCH = 500


@few_collections()
def period_open(*, actor: User, period_id: int, progress: Progress | None = None) -> PeriodOpened:
    """HR opens a quarter of the approved schedule: one Evaluation per servant of the roster
    (p.4-6, p.21, p.28), KPI rows from the approved work plan, and the notices: HR (actual KPI
    values, p.22) and, once the quarter has ended, evaluators (the sheet) and servants (p.26:
    managers by the 5th, p.30: staff by the 10th). From the first day of its last month a quarter
    may be prepared before it ends (p.22 ¶6 falls inside Q4; services.quarters). Opening again
    adds only servants not yet in the period and, once it has ended, applies the roster again to
    the unsigned evaluations; nobody is notified twice. Run as a background job from the page
    (`evaluations.jobs`), `progress` counts the evaluations created. Rows, audit entries and
    notices are written in batches (issue 12 item 2)."""
    progress = progress or Progress(None)
    with transaction.atomic():
        period = period_locked(actor, period_id, with_schedule=True)
        schedule = period.schedule
        period_open_check(actor=actor, period=period)
        today = clock.today()
        ended = today > period.ends
        rules, calendar = rules_of(schedule), work_calendar()
        existing = set(
            Evaluation.objects.filter(period=period).values_list("servant_id", flat=True)
        )
        created = [
            Evaluation(
                period=period,
                servant=row.servant,
                assignment=row.assignment,
                method=row.method,
                edition=schedule.edition,
                evaluator=row.evaluator,
                status=REASON_STATUS[row.reason],
                reason=row.reason,
                due_date=row.due,
            )
            for row in computed_roster(period)
            if row.servant.pk not in existing
        ]
        progress.stage("writing", total=len(created))
        for start in range(0, len(created), BATCH):
            batch = created[start : start + BATCH]
            bulk_insert(batch, ids=True)
            audit_log_many(
                actor=actor,
                action="create",
                organisation=schedule.organisation,
                items=((e, str(e), created_changes(e)) for e in batch),
            )
            progress.advance(len(batch))
        reapplied = roster_reapply(period, actor=actor) if ended and existing else []
        kpi_sheets_follow_plans(period=period)  # the new sheets' rows too (p.22)
        opening_notify(
            period, rules, calendar, ended=ended, evaluations=None if existing else created
        )
        period_mark_open(
            period,
            actor=actor,
            had=len(existing),
            created=len(created),
            changes={
                "prepared_before_the_end": (None, not ended),
                "reapplied": (None, len(reapplied)),
            },
        )
    return PeriodOpened(period=period, created=created)


def evaluation_evaluator_refresh(*, actor: User, evaluation_id: int) -> Evaluation:
    """HR gives an unsigned evaluation to the evaluator the structure names today, when the one
    named at the opening has left, been transferred or replaced (an override on the post): the
    new evaluator is told and fills in the sheet; the former one no longer sees it; the servant
    and the head of the HR service are told who evaluates now. Nobody gives an evaluation to
    themselves or chooses the evaluator of their own (org.managers). The scores
    drafted so far stay for the new evaluator to review; the version moves on, so a sheet open
    in the former evaluator's browser cannot be saved over it."""
    with transaction.atomic():
        evaluation = evaluation_locked(evaluation_id)
        if not is_member(actor, evaluation.period.schedule.organisation):
            raise Http404("No such evaluation.")
        _require_hr(actor, evaluation.period.schedule.organisation)
        if not EVALUATION_FLOW.is_open("reassign", evaluation.status):
            raise DomainError(
                "status",
                N_("The evaluator can no longer change: the evaluation is %(status)s."),
                status=evaluation.get_status_display(),
            )
        today = clock.today()
        evaluator = evaluator_by_structure(evaluation, today)
        if evaluator is None or evaluator.pk == evaluation.servant_id:
            raise DomainError(
                "evaluator",
                N_("The structure names no manager for %(servant)s: complete it first."),
                servant=evaluation.servant.full_name,
            )
        if evaluator.pk == evaluation.evaluator_id:
            raise DomainError(
                "evaluator",
                N_("%(evaluator)s is already the evaluator the structure names."),
                evaluator=evaluator.full_name,
            )
        organisation = evaluation.period.schedule.organisation
        refuse_own_post("evaluator", actor, organisation, evaluation.servant)
        refuse_self_appointment("evaluator", actor, organisation, [evaluator])
        before = evaluation.evaluator
        Evaluation.objects.filter(pk=evaluation.pk).update(
            evaluator=evaluator, version=F("version") + 1, updated_at=clock.now()
        )
        evaluation.refresh_from_db()
        entry = audit_log(
            actor=actor,
            action="evaluator",
            obj=evaluation,
            changes={"evaluator": (before, evaluator)},
        )
        period = evaluation.period
        roster_url = reverse("evaluations:schedule_roster", args=[period.pk])
        tell_evaluator_changed(
            actor=actor,
            organisation=organisation,
            servant=evaluation.servant,
            before=before,
            after=evaluator,
            kind="evaluator_changed",
            params={"period": period},
            url=reverse("evaluations:schedule"),
            dedupe_key=f"evaluation{evaluation.pk}:evaluator:{entry.pk}",
        )
        notify(
            recipient=evaluator,
            kind="sheet_to_fill",
            params={
                "servant": evaluation.servant.full_name,
                "period": period,
                "due": day_text(evaluation.due_date),
            },
            url=pk_links("evaluations:sheet", fallback=roster_url)(evaluation.pk),
            dedupe_key=sheet_key(period, evaluation.servant_id),
        )
    return evaluation


def period_close(*, actor: User, period_id: int) -> Period:
    """HR closes an open quarter once every evaluation in it is final (or not evaluated)."""
    with transaction.atomic():
        period = period_locked(actor, period_id, with_schedule=True)
        _require_hr(actor, period.schedule.organisation)
        if not PERIOD_FLOW.is_open("close", period.status):
            raise DomainError(
                "status",
                N_("Only an open period can be closed (it is %(status)s)."),
                status=period.get_status_display(),
            )
        remaining = Evaluation.objects.filter(period=period).exclude(status__in=CLOSABLE).count()
        if remaining:
            raise DomainError(
                "status",
                N_("%(count)s evaluations of the period are not final yet."),
                count=remaining,
            )
        now = clock.now()
        Period.objects.filter(pk=period.pk).update(status=PeriodStatus.CLOSED, closed_at=now)
        audit_log(
            actor=actor,
            action="close",
            obj=period,
            changes={"status": (period.status, PeriodStatus.CLOSED)},
        )
        period.status, period.closed_at = PeriodStatus.CLOSED, now
    return period


# --- absences recorded after a quarter was opened (p.5) -------------------------------------------


def absence_changed_receiver(*, actor: User, servant_id: int, **_: object) -> None:
    """`org.signals.absence_changed`: re-apply p.5 to the servant's open evaluations."""
    evaluations_refresh_absence(actor=actor, servant_id=servant_id)


def evaluations_refresh_absence(*, actor: User, servant_id: int) -> list[Evaluation]:
    """Re-apply p.5 to the servant's open KPI evaluations after HR records, changes or removes an
    absence: away when the evaluation is due → deferred until 5 working days after the return;
    back → pending by the deadline. Signed sheets are never touched. Returns what changed. The
    roster is computed for that servant only (`computed_roster`'s `servant_ids`): one absence
    costs the same queries and time in an apparatus of any size."""
    changed: list[Evaluation] = []
    open_kpi = Evaluation.objects.select_for_update(of=("self",)).filter(
        servant_id=servant_id,
        method=Method.KPI,
        period__kind=PeriodKind.QUARTER,
        period__status=PeriodStatus.OPEN,
        status__in=OPEN,
        reason__in=["evaluated", "absent"],
    )
    with transaction.atomic():
        for evaluation in open_kpi.select_related("period__schedule", "assignment"):
            roster = computed_roster(evaluation.period, servant_ids=[servant_id])
            row = next((r for r in roster if r.servant.pk == servant_id), None)
            if row is None or row.reason not in ("evaluated", "absent"):
                continue
            status = REASON_STATUS[row.reason]
            if (evaluation.status, evaluation.due_date) == (status, row.due):
                continue
            before = {
                "status": evaluation.status,
                "reason": evaluation.reason,
                "due_date": evaluation.due_date,
            }
            evaluation.status, evaluation.reason, evaluation.due_date = status, row.reason, row.due
            evaluation.version += 1
            evaluation.save(update_fields=["status", "reason", "due_date", "version", "updated_at"])
            audit_log(
                actor=actor,
                action="update",
                obj=evaluation,
                summary=f"{evaluation}: absence (p.5)",
                changes={key: (value, getattr(evaluation, key)) for key, value in before.items()},
            )
            changed.append(evaluation)
    return changed
