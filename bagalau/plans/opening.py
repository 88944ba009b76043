"""Opening a year's work plans, for one post or for a whole organisation at once (seed 002 p.22;
seed 004 p.9; issue 12 item 2).

The edition's service (`plans.services._draft_for`, `plans.typical.typical_draft_for`) checks a
post and builds its plan unsaved, a `Draft` with its audit changes and its notifications, from
an `Opening`: the organisation with its editions, the work calendar and the structure on each
day asked, each read once. One post (`plan_for`, `draft_save`): the plan inserted, its audit row,
its notifications. A whole organisation (`drafts_save_all`): the organisation locked so two
openings do not cross, the existing plans read in one query, the new ones inserted in batches,
their audit rows and notifications written in bulk — never a look-up per post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log, audit_log_many
from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.notifications.services import notify_many
from bagalau.org.models import Assignment, Organisation, Servant
from bagalau.org.selectors import StructureIndex, work_calendar
from bagalau.plans.common import plan_note, tell
from bagalau.plans.models import WorkPlan
from bagalau.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.plans.services import InitiationReport

#: Plans per INSERT.
BATCH = 500


@dataclass
class Opening:
    """What opening plans reads once: the organisation (its editions prefetched), the work
    calendar and the structure on each day asked."""

    organisation: Organisation
    calendar: WorkCalendar
    _structures: dict[dt.date, StructureIndex] = field(default_factory=dict)

    @classmethod
    def of(cls, organisation: Organisation) -> Opening:
        """The opening of `organisation`, its editions read now."""
        loaded = Organisation.objects.prefetch_related("editions").get(pk=organisation.pk)
        return cls(organisation=loaded, calendar=work_calendar())

    def managers(self, assignment: Assignment, period_start: dt.date) -> tuple[Servant, Servant]:
        """Who draws up the plan of the post and who approves it: the direct manager, and the
        superior manager, or the direct manager himself when he is the first head and nobody is
        above him (seed 004 p.11); those of today, unless the plan is set up ahead of its period
        or the post is no longer held (then those of the period's start). DomainError when the
        post has no direct manager."""
        day = min(max(period_start, clock.today()), dt.date(period_start.year, 12, 31))
        if not assignment.covers(day):
            day = period_start
        servant = assignment.servant
        if day not in self._structures:
            self._structures[day] = StructureIndex(self.organisation, day)
        index = self._structures[day]
        evaluator = index.direct_manager(servant)
        if evaluator is None:
            raise DomainError(
                "evaluator",
                N_("%(servant)s has no direct manager on %(day)s: complete the structure first."),
                servant=servant.full_name,
                day=day_text(day),
            )
        return evaluator, index.superior_manager(servant) or evaluator

    def draft(
        self,
        assignment: Assignment,
        year: int,
        *,
        edition: str,
        period_start: dt.date,
        draft_due: dt.date,
        audited: Iterable[str],
    ) -> Draft:
        """The unsaved plan of `assignment` for `year` under `edition`, drawn up by the direct
        manager and approved by the superior manager (`managers`) by `draft_due`; its audit row
        records the `audited` fields as set, and the evaluator is told to draft it."""
        evaluator, approver = self.managers(assignment, period_start)
        plan = WorkPlan(
            organisation=self.organisation,
            servant=assignment.servant,
            assignment=assignment,
            year=year,
            edition=edition,
            evaluator=evaluator,
            approver=approver,
            period_start=period_start,
            draft_due=draft_due,
        )
        changes = {name: (None, getattr(plan, name)) for name in audited}
        return Draft(plan, changes, [(evaluator, "plan_to_draft", {"due": day_text(draft_due)})])


@dataclass
class Draft:
    """A plan to insert, the changes its audit row records, and who is told what
    (recipient, notification kind, parameters beside the servant and the year)."""

    plan: WorkPlan
    changes: dict[str, tuple[Any, Any]]
    notes: list[tuple[Servant, str, dict[str, Any]]]


DraftFor = Callable[[Assignment, int, Opening], Draft]


def draft_save(actor: User, draft: Draft) -> tuple[WorkPlan, bool]:
    """Insert one drafted plan with its audit row and notifications; the plan someone created
    at the same moment when there is one (theirs stands), with False."""
    plan = draft.plan
    try:
        with transaction.atomic():
            plan.save(force_insert=True)
    except IntegrityError:
        return WorkPlan.objects.get(
            servant=plan.servant, year=plan.year, assignment=plan.assignment
        ), False
    audit_log(actor=actor, action="create", obj=plan, changes=draft.changes)
    for recipient, kind, params in draft.notes:
        tell(actor, recipient, kind, plan, **params)
    return plan, True


def check_held(assignment: Assignment, year: int) -> None:
    """DomainError unless the post was held at some point in `year`."""
    if assignment.start > dt.date(year, 12, 31) or (
        assignment.end is not None and assignment.end < dt.date(year, 1, 1)
    ):
        raise DomainError(
            "year",
            N_("%(servant)s did not hold this post in %(year)s."),
            servant=assignment.servant.full_name,
            year=year,
        )


def plan_for(
    actor: User,
    assignment: Assignment,
    year: int,
    draft_for: DraftFor,
    opening: Opening | None = None,
) -> tuple[WorkPlan, bool]:
    """The plan of `assignment` for `year` with False, or the one `draft_for` checks and
    builds from `opening` (read now when not given), saved (`draft_save`); DomainError when
    none is due."""
    existing = WorkPlan.objects.filter(
        servant=assignment.servant, year=year, assignment=assignment
    ).first()
    if existing is not None:
        return existing, False
    opening = opening or Opening.of(assignment.servant.organisation)
    return draft_save(actor, draft_for(assignment, year, opening))


def drafts_save_all(
    *,
    actor: User,
    organisation: Organisation,
    year: int,
    assignments: Iterable[Assignment],
    draft_for: DraftFor,
    report: InitiationReport,
) -> InitiationReport:
    """Open the year's plan of every post of `assignments` that has none (`draft_for` checks and
    builds each), reporting the plans created, those that existed and the posts skipped with
    why; inside the caller's transaction."""
    from bagalau.plans.services import Skipped

    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    opening = Opening.of(organisation)
    existing = {
        plan.assignment_id: plan
        for plan in WorkPlan.objects.filter(
            year=year, assignment__servant__organisation=organisation
        ).select_related("servant")
    }
    drafts: list[Draft] = []
    for assignment in assignments:
        assignment.servant.organisation = opening.organisation
        if assignment.pk in existing:
            report.existing.append(existing[assignment.pk])
            continue
        try:
            drafts.append(draft_for(assignment, year, opening))
        except DomainError as error:
            report.skipped.append(Skipped(assignment=assignment, error=error))
    saved: list[Draft] = []
    for start in range(0, len(drafts), BATCH):
        batch = drafts[start : start + BATCH]
        try:
            with transaction.atomic():
                WorkPlan.objects.bulk_create([draft.plan for draft in batch])
        except IntegrityError:
            # A plan of the batch was opened at the same moment: each on its own (theirs stands).
            for draft in batch:
                plan, created = draft_save(actor, draft)
                (report.created if created else report.existing).append(plan)
            continue
        saved += batch
    audit_log_many(
        actor=actor,
        action="create",
        organisation=organisation,
        items=((draft.plan, str(draft.plan), draft.changes) for draft in saved),
    )
    _with_users(saved)
    notify_many(
        note
        for draft in saved
        for recipient, kind, params in draft.notes
        if (note := plan_note(actor, recipient, kind, draft.plan, **params)) is not None
    )
    report.created += [draft.plan for draft in saved]
    return report


def _with_users(drafts: list[Draft]) -> None:
    """The accounts of everyone the drafts tell, read in one query and set on their servants."""
    recipients = [recipient for draft in drafts for recipient, _kind, _params in draft.notes]
    users = get_user_model().objects.in_bulk({r.user_id for r in recipients if r.user_id})
    for recipient in recipients:
        recipient.user = users.get(recipient.user_id) if recipient.user_id else None
