"""The life cycles of the 360 survey (seed 002 p.33-36), each declared once beside the models.

- The campaign (`CAMPAIGN_FLOW`): HR drafts the lists, opens the survey, moves the deadline until
  it closes, closes it (p.35-36). Respondents answer while it is open (p.33).
- An evaluatee of the campaign (`TARGET_FLOW`): the target has no status of its own; what HR may
  do with it follows its campaign's status. Respondents are set while the campaign is a draft or
  open, but only added once it is open (removing one could reveal whether they answered);
  paper questionnaires are recorded while it is open (p.33); feedback after it closed (p.36).
- A questionnaire (`QUESTIONNAIRE_FLOW`, about a colleague or the self-assessment): due, then
  answered once (p.35), while the survey is open and its deadline has not passed.

`bagalau.surveys.access` answers `campaign_actions`, `target_actions` and
`questionnaire_actions` from these tables; the services refuse what they refuse.
"""

from __future__ import annotations

import datetime as dt

from bagalau.core.workflow import Step, Workflow
from bagalau.surveys.models import Campaign, CampaignStatus

DRAFT, OPEN, CLOSED = CampaignStatus.DRAFT, CampaignStatus.OPEN, CampaignStatus.CLOSED

CAMPAIGN_FLOW = Workflow(
    "survey360_campaign",
    {
        "deadline": Step((DRAFT, OPEN), None, "hr"),
        "open": Step((DRAFT,), OPEN, "hr"),
        "close": Step((OPEN,), CLOSED, "hr"),
        "answer": Step((OPEN,), None, "respondent"),
    },
    groups={
        # Where the HR panel shows the campaign, and where progress is counted.
        "active": frozenset({DRAFT, OPEN}),
        "started": frozenset({OPEN, CLOSED}),
    },
)

TARGET_FLOW = Workflow(
    "survey360_target",
    {
        "respondents": Step((DRAFT, OPEN), None, "hr"),
        "unlist": Step((DRAFT,), None, "hr"),
        "remove": Step((DRAFT,), None, "hr"),
        "print_paper": Step((DRAFT, OPEN), None, "hr"),
        "paper": Step((OPEN,), None, "hr"),
        "feedback": Step((CLOSED,), None, "hr"),
    },
)

DUE, ANSWERED = "due", "answered"

QUESTIONNAIRE_FLOW = Workflow(
    "survey360_questionnaire",
    {
        "answer": Step((DUE,), ANSWERED, "respondent"),
    },
)


def answering_open(campaign: Campaign, today: dt.date) -> bool:
    """Whether the campaign takes answers today: open (the table) and the deadline not passed."""
    return CAMPAIGN_FLOW.is_open("answer", campaign.status) and today <= campaign.deadline


def questionnaire_status(done_on: dt.date | None) -> str:
    """A questionnaire is due until it is answered (a date, never a time)."""
    return DUE if done_on is None else ANSWERED
