"""What a servant has to do in the 360 survey (seed 002 p.35): the questionnaires to answer about
colleagues and their own self-assessment, with the counts the pages and reminders show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bagalau.core import clock
from bagalau.methodology import sjc2023 as engine
from bagalau.org.models import Servant
from bagalau.org.selectors import work_calendar
from bagalau.surveys.models import (
    Campaign,
    CampaignStatus,
    Invitation,
    SelfAssessment,
)
from bagalau.surveys.workflow import answering_open


@dataclass(frozen=True)
class Task:
    """A questionnaire of the viewer: about a colleague (an invitation) or themselves."""

    kind: str  # "invitation" | "self"
    pk: int
    campaign: Campaign
    evaluatee: Servant
    position: str
    done_on: dt.date | None
    open: bool
    on_paper: bool = False
    #: The opaque reference in URLs (`refs.with_refs`), for a questionnaire about a colleague.
    ref: str = ""

    @property
    def done(self) -> bool:
        """Submitted."""
        return self.done_on is not None


def tasks_of(
    servant: Servant | None,
    *,
    only_open: bool = False,
    only_pending: bool = False,
    limit: int | None = None,
) -> list[Task]:
    """The servant's own questionnaires: newest campaign first, in each the self-assessment
    first, then colleagues by name. Answers are never read here. `only_pending` leaves the
    submitted ones out in the database (the dashboard: a respondent's answered questionnaires
    are not read); `limit`: the first ones only, read so (a manager asked about each of hundreds
    of subordinates, issue 12 item 3)."""
    if servant is None:
        return []
    today = clock.today()
    states = [CampaignStatus.OPEN] if only_open else [CampaignStatus.OPEN, CampaignStatus.CLOSED]
    tasks: list[Task] = []
    own = SelfAssessment.objects.filter(
        target__servant=servant, target__campaign__status__in=states
    ).select_related("target__campaign", "target__servant", "target__position")
    if only_pending:
        own = own.filter(submitted_on__isnull=True)
    for item in own:
        campaign = item.target.campaign
        tasks.append(
            Task(
                "self",
                item.target_id,
                campaign,
                servant,
                item.target.position.name,
                item.submitted_on,
                answering_open(campaign, today),
            )
        )
    invitations = (
        Invitation.objects.filter(respondent=servant, target__campaign__status__in=states)
        .select_related("target__campaign", "target__servant", "target__position")
        .only(
            "pk",
            "completed_on",
            "on_paper",
            "target__campaign",
            "target__servant",
            "target__position",
        )
        .order_by(
            "-target__campaign__year",
            "target__servant__last_name",
            "target__servant__first_name",
            "pk",
        )
    )
    if only_pending:
        invitations = invitations.filter(completed_on__isnull=True)
    if limit is not None:
        invitations = invitations[:limit]
    for invitation in invitations:
        campaign = invitation.target.campaign
        tasks.append(
            Task(
                "invitation",
                invitation.pk,
                campaign,
                invitation.target.servant,
                invitation.target.position.name,
                invitation.completed_on,
                answering_open(campaign, today),
                on_paper=invitation.on_paper,
            )
        )
    tasks.sort(key=lambda t: (-t.campaign.year, t.kind != "self"))
    return tasks if limit is None else tasks[:limit]


def pending_count(servant: Servant, campaign: Campaign | None = None) -> int:
    """The servant's unanswered questionnaires (self included) in a campaign, or in every
    campaign open now."""
    of_campaign = (
        {"target__campaign": campaign}
        if campaign is not None
        else {"target__campaign__status": CampaignStatus.OPEN}
    )
    invitations = Invitation.objects.filter(
        respondent=servant, completed=False, **of_campaign
    ).count()
    own = SelfAssessment.objects.filter(
        target__servant=servant, submitted_on__isnull=True, **of_campaign
    ).count()
    return invitations + own


def reminder_days(campaign: Campaign) -> tuple[dt.date, dt.date]:
    """The reminders go out 3 working days before the deadline and on the working day before."""
    calendar = work_calendar()
    return (
        calendar.add_working_days(campaign.deadline, -3),
        calendar.add_working_days(campaign.deadline, -1),
    )


def answered_count(answers: Mapping[str, Sequence[int | None]] | None) -> int:
    """How many statements a (draft) answer set answers."""
    if not answers:
        return 0
    return sum(1 for values in answers.values() for v in values if v is not None)


def statement_count(form: engine.SurveyForm) -> int:
    """How many statements the form asks."""
    return sum(len(c.statements) for c in form.competencies)
