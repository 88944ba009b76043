"""The respondents' side of the 360 survey (seed 002 p.33-35): submitting a questionnaire about a
colleague, and the evaluatee's self-assessment.

A questionnaire about a colleague is written in two transactions that share nothing
(threat model: docs/threat-model-360.md):

1. the invitation is marked "completed" with the DATE (the respondent cannot answer twice);
2. the answers become a sealed ballot of the target (`ballots.add`): no respondent, no invitation,
   no time, and every ballot of the target rewritten with it.

The second never touches the invitation and the first never touches a ballot, so no row of one
carries the other's transaction id. Should the second fail, a third transaction takes the mark
back and the respondent may submit again; only a crash between the two loses the answers (the
respondent stays "completed"), which we prefer to the opposite order, where a crash would let
the same person be counted twice. Nothing here is written to the audit log (an audit row would
be a timestamped "who answered about whom").

There is no server-side draft: the respondent's unfinished answers stay in their browser
(`surveys/static/surveys/draft.js`). The self-assessment is the evaluatee's own and not
anonymous: its draft is kept on the server, its submission audited (without the answers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.surveys import ballots
from bagalau.surveys.access import invitation_get_for, own_target_get_for
from bagalau.surveys.answers import (
    check_answering,
    complete_answers,
    lock_campaign,
    parse_answers,
)
from bagalau.surveys.models import Invitation, RunningTally, SelfAssessment, Target
from bagalau.surveys.selectors import survey_form

if TYPE_CHECKING:
    from bagalau.core.types import User


def _already(invitation: Invitation) -> DomainError:
    return DomainError(
        "answers",
        N_("You already submitted this questionnaire on %(date)s."),
        date=day_text(invitation.completed_on),
    )


def invitation_submit(*, actor: User, invitation_id: int, answers: Any) -> Invitation:
    """The respondent submits once: every statement answered 1-5, the survey open, the deadline
    not passed. The invitation keeps "answered on <date>"; the answers become a sealed ballot of
    the target, in a separate transaction (see the module's docstring)."""
    found = invitation_get_for(user=actor, id=invitation_id)
    campaign = found.target.campaign
    today = clock.today()
    check_answering(campaign, today)
    if found.completed:
        raise _already(found)
    form = survey_form(campaign, found.target.form)
    checked = complete_answers(campaign, form, answers)  # refuse bad input before any write
    with transaction.atomic():  # 1: the completion mark
        campaign = lock_campaign(campaign.pk)
        check_answering(campaign, today)
        invitation = Invitation.objects.select_for_update().get(pk=found.pk)
        if invitation.completed:
            raise _already(invitation)
        Invitation.objects.filter(pk=invitation.pk).update(completed=True, completed_on=today)
        RunningTally.objects.filter(target_id=found.target_id).update(answered=F("answered") + 1)
    try:
        with transaction.atomic():  # 2: the sealed ballot, nothing about the invitation
            lock_campaign(campaign.pk)
            target = Target.objects.get(pk=found.target_id)
            ballots.add(target, [ballots.encode(form, checked, paper=False)])
    except BaseException:
        with transaction.atomic():  # 3: take the mark back, so the respondent can try again
            Invitation.objects.filter(pk=found.pk).update(completed=False, completed_on=None)
            RunningTally.objects.filter(target_id=found.target_id).update(
                answered=F("answered") - 1
            )
        raise
    found.completed, found.completed_on = True, today
    return found


# --- the self-assessment (the evaluatee) ---------------------------------------------------------


def _own(actor: User, target_id: int) -> tuple[Target, SelfAssessment]:
    target = own_target_get_for(user=actor, id=target_id)
    own = SelfAssessment.objects.select_for_update().filter(target=target).first()
    if own is None:  # the campaign is still a draft
        raise DomainError(
            "status",
            N_("The 360 survey for %(year)s is not open (it is %(status)s)."),
            year=target.campaign.year,
            status=target.campaign.get_status_display(),
        )
    return target, own


def self_save_draft(*, actor: User, target_id: int, answers: Any) -> SelfAssessment:
    """The evaluatee's unfinished self-assessment."""
    with transaction.atomic():
        target, own = _own(actor, target_id)
        campaign = target.campaign
        check_answering(campaign, clock.today())
        if own.submitted_on is not None:
            raise DomainError(
                "answers",
                N_("You already submitted your self-assessment on %(date)s."),
                date=day_text(own.submitted_on),
            )
        draft = parse_answers(campaign, survey_form(campaign, target.form), answers, partial=True)
        SelfAssessment.objects.filter(pk=own.pk).update(answers=draft)
        own.answers = draft
    return own


def self_submit(*, actor: User, target_id: int, answers: Any) -> SelfAssessment:
    """The evaluatee submits the self-assessment once (p.35: shown beside, never counted)."""
    with transaction.atomic():
        target = own_target_get_for(user=actor, id=target_id)
        campaign = lock_campaign(target.campaign_id)
        target, own = _own(actor, target_id)
        today = clock.today()
        check_answering(campaign, today)
        if own.submitted_on is not None:
            raise DomainError(
                "answers",
                N_("You already submitted your self-assessment on %(date)s."),
                date=day_text(own.submitted_on),
            )
        checked = complete_answers(campaign, survey_form(campaign, target.form), answers)
        _store_self(own, checked, today)
        audit_log(
            actor=actor,
            action="submit_self",
            obj=target,
            changes={"self_assessment": (None, "submitted")},
        )
    return own


def _store_self(own: SelfAssessment, answers: Mapping[str, Sequence[int]], day: dt.date) -> None:
    updated = SelfAssessment.objects.filter(pk=own.pk, submitted_on__isnull=True).update(
        answers={code: list(values) for code, values in answers.items()}, submitted_on=day
    )
    if updated != 1:
        raise DomainError("answers", N_("Your self-assessment was already submitted."))
    own.answers, own.submitted_on = dict(answers), day
