"""Drafting the year's 360 survey (seed 002 p.5, p.33-36): who is evaluated, with which form,
by whom, and the respondents the structure proposes; with the checks the campaign's other
services share (HR only, the deadline of p.4). Re-exported by `bagalau.surveys.services`.

A campaign covers the whole organisation, so it is written in bulk (issue 12 item 2): the
structure and the posts held today are loaded once (`respondents.Proposal`), the positions'
starts in one query, the evaluatees and their respondents inserted in batches.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.bulk import few_collections
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import Period
from bagalau.jobs.progress import Progress
from bagalau.methodology import MethodologyError, sjc2023_rules
from bagalau.methodology import sjc2023 as engine
from bagalau.methodology.tenure import held_long_enough
from bagalau.org.models import Assignment, Organisation
from bagalau.org.selectors import organisation_edition, organisations_of, servants_in_post
from bagalau.surveys.access import is_hr
from bagalau.surveys.models import Campaign, CampaignStatus, Invitation, Target
from bagalau.surveys.respondents import Proposal, position_starts
from bagalau.surveys.selectors import form_for, survey_period

if TYPE_CHECKING:
    from bagalau.core.types import User


FIRST_YEAR, LAST_YEAR = 2023, 2099

#: Evaluatees per INSERT.
BATCH = 500


def require_hr(actor: User, organisation: Organisation) -> None:
    if not is_hr(actor, organisation):
        if organisations_of(actor).filter(pk=organisation.pk).exists():
            raise PermissionDenied("Only the HR service runs the 360 survey (p.36).")
        raise Http404("No such organisation.")


def check_deadline(year: int, legal: dt.date, deadline: dt.date, today: dt.date) -> None:
    if deadline > legal:
        raise DomainError(
            "deadline",
            N_(
                "The 360 survey for %(year)s ends by %(legal)s at the latest (by the 10th of "
                "the month after the reporting year, p.4)."
            ),
            year=year,
            legal=day_text(legal),
        )
    if deadline < today:
        raise DomainError(
            "deadline",
            N_("The deadline %(deadline)s has already passed."),
            deadline=day_text(deadline),
        )


@dataclass(frozen=True)
class CampaignDraft:
    """What a new campaign will be: the edition in force, its rules, the schedule's 360 line and
    the deadline."""

    edition: str
    rules: Any
    period: Period | None
    deadline: dt.date


def campaign_create_check(
    *, actor: User, organisation: Organisation, year: int, deadline: dt.date | None = None
) -> CampaignDraft:
    """Everything that refuses a new campaign before a row is written (HR only, the year, an
    edition with a 360 survey, one survey a year, the deadline within p.4): checked when HR asks
    and again when the job runs."""
    require_hr(actor, organisation)
    today = clock.today()
    if not FIRST_YEAR <= year <= today.year:
        raise DomainError(
            "year",
            N_("A 360 survey is held for a year from %(first)s to %(last)s."),
            first=FIRST_YEAR,
            last=today.year,
        )
    edition = organisation_edition(organisation, dt.date(year, 12, 31))
    try:
        rules = sjc2023_rules(edition)
    except MethodologyError as error:
        raise DomainError(
            "year",
            N_("The %(edition)s methodology in force in %(year)s has no 360 survey."),
            edition=edition.code,
            year=year,
        ) from error
    if Campaign.objects.filter(organisation=organisation, year=year).exists():
        raise DomainError("year", N_("There is already a 360 survey for %(year)s."), year=year)
    period = survey_period(organisation, year)
    legal = engine.survey360_deadline(rules, year)
    chosen = deadline or (period.planned_date if period is not None else legal)
    check_deadline(year, legal, chosen, today)
    return CampaignDraft(edition=edition.code, rules=rules, period=period, deadline=chosen)


@few_collections()
def campaign_create(
    *,
    actor: User,
    organisation: Organisation,
    year: int,
    deadline: dt.date | None = None,
    progress: Progress | None = None,
) -> Campaign:
    """HR drafts the year's 360 survey: one evaluatee per servant in a "B" post today who held
    that position at least 3 months within the year (p.5: the time in the position within the
    evaluated period), with the form (App. 5 for managers, App. 6 for staff), the evaluator (the
    direct manager) and the respondents the structure proposes (p.35), which HR then adjusts.
    Run as a background job from the page (`surveys.jobs`), `progress` counts the evaluatees;
    they and their respondents are written in batches of ``BATCH``."""
    progress = progress or Progress(None)
    with transaction.atomic():
        draft = campaign_create_check(
            actor=actor, organisation=organisation, year=year, deadline=deadline
        )
        rules, chosen, today = draft.rules, draft.deadline, clock.today()
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(
                    organisation=organisation,
                    year=year,
                    edition=draft.edition,
                    period=draft.period,
                    deadline=chosen,
                    created_by=account(actor),
                )
        except IntegrityError as error:
            raise DomainError(
                "year", N_("There is already a 360 survey for %(year)s."), year=year
            ) from error
        assignments: dict[int, Assignment] = {}
        for assignment in sorted(servants_in_post(organisation, today), key=lambda a: a.start):
            assignments[assignment.servant_id] = assignment  # the latest post wins
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        starts = position_starts(assignments.values())
        min_months = rules.deadlines.min_months_in_post
        too_short = [
            assignment
            for assignment in assignments.values()
            if not held_long_enough(
                starts[assignment.pk], assignment.end, first, last, min_months=min_months
            )
        ]
        for assignment in too_short:
            del assignments[assignment.servant_id]
        proposal = Proposal(organisation, today)
        evaluatees = list(assignments.values())
        progress.stage("writing", total=len(evaluatees))
        for start in range(0, len(evaluatees), BATCH):
            batch = evaluatees[start : start + BATCH]
            _write_targets(campaign, batch, proposal, rules, progress)
        audit_log(
            actor=actor,
            action="create",
            obj=campaign,
            changes={
                "status": (None, CampaignStatus.DRAFT),
                "year": (None, year),
                "deadline": (None, chosen),
                "evaluatees": (None, len(assignments)),
                "under_3_months": (None, len(too_short)),
            },
        )
    return campaign


def _write_targets(
    campaign: Campaign,
    batch: list[Assignment],
    proposal: Proposal,
    rules: Any,
    progress: Progress,
) -> None:
    """One batch of evaluatees and the respondents proposed to each (p.35): the proposals made
    one evaluatee at a time (the progress counts them), then written together."""
    at_least = rules.survey.min_respondents + 1
    proposed = []
    for assignment in batch:
        proposed.append(
            proposal.propose(assignment, limit=rules.survey.max_respondents, at_least=at_least)
        )
        progress.advance()
    targets = Target.objects.bulk_create(
        Target(
            campaign=campaign,
            servant=assignment.servant,
            position=assignment.position,
            unit=assignment.position.unit,
            form=form_for(assignment, proposal.index.rules),
            evaluator=proposal.manager(assignment.servant),
        )
        for assignment in batch
    )
    Invitation.objects.bulk_create(
        (
            Invitation(target=target, respondent=p.servant, relation=p.relation)
            for target, chosen in zip(targets, proposed, strict=True)
            for p in chosen
        ),
        batch_size=BATCH,
    )
