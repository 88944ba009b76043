"""The 360 survey's reminders (a periodic job): respondents with unanswered questionnaires get a
count, never whom about; HR learns how many evaluatees are below the responses a report needs."""

from __future__ import annotations

from django.urls import reverse

from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.notifications.services import notify
from bagalau.org.models import Servant
from bagalau.org.selectors import hr_users
from bagalau.surveys.models import Campaign, CampaignStatus, Invitation, SelfAssessment
from bagalau.surveys.my_tasks import pending_count, reminder_days
from bagalau.surveys.selectors import (
    campaign_url,
    withheld,
)


def survey360_send_reminders() -> str:
    """3 working days before the deadline and on the working day before it: respondents with
    unanswered questionnaires (a count, never whom about) and HR (how many evaluatees are below
    3 responses). Dedupe keys make a repeated run send nothing twice."""
    today = clock.today()
    sent = 0
    for campaign in Campaign.objects.filter(status=CampaignStatus.OPEN).select_related(
        "organisation"
    ):
        if today > campaign.deadline:
            continue
        three_days, day_before = reminder_days(campaign)
        if today >= day_before:
            stage = "day_before"
        elif today >= three_days:
            stage = "three_days"
        else:
            continue
        due = day_text(campaign.deadline)
        people = set(
            Invitation.objects.filter(target__campaign=campaign, completed=False).values_list(
                "respondent_id", flat=True
            )
        ) | set(
            SelfAssessment.objects.filter(
                target__campaign=campaign, submitted_on__isnull=True
            ).values_list("target__servant_id", flat=True)
        )
        for servant in Servant.objects.filter(pk__in=people).select_related("user").order_by("pk"):
            count = pending_count(servant, campaign)
            if not count:
                continue
            note = notify(
                recipient=servant,
                kind="survey360_reminder",
                params={"year": campaign.year, "count": count, "due": due},
                url=reverse("surveys:index"),
                dedupe_key=f"survey360:{campaign.pk}:{stage}:{servant.pk}",
            )
            sent += note is not None
        at_risk = withheld(campaign)
        if at_risk:
            for user in hr_users(campaign.organisation):
                note = notify(
                    recipient=user,
                    kind="survey360_at_risk",
                    params={
                        "year": campaign.year,
                        "count": len(at_risk),
                        "min": at_risk[0].needed,
                        "due": due,
                    },
                    url=campaign_url(campaign),
                    dedupe_key=f"survey360:{campaign.pk}:at_risk:{stage}",
                )
                sent += note is not None
    return f"{sent} 360 reminders sent"
