"""The demo's 360 survey: a CLOSED campaign for a year, built with the surveys services.

`load_survey360_demo(organisation, year)` drafts the campaign on 1 December of `year` for every
servant in a "B" post, completes the respondent lists HR would complete (3 to 7, p.35), opens it,
lets the respondents answer through December with realistic, varied answers (a seeded
random.Random, so every run gives the same numbers), has most servants assess themselves, closes
it the day after the deadline and records the feedback for a few. Every report is released except
exactly one, which keeps only 2 responses and stays withheld.

Every demo servant has a login, so each answer goes through the same submission services the
questionnaire page calls (`invitation_submit`, `self_submit`), as the respondent, on a day of
December: only anonymous totals and the completion date are stored. Call it for a year whose
deadline (10 January of the next year) has passed, or the campaign's dates lie in the future.
Idempotent: does nothing when the organisation already has a campaign for that year.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from bagalau.demo.clock import clock_at, moment_of
from bagalau.methodology import sjc2023 as engine
from bagalau.org.models import Organisation, Role, RoleAssignment, Servant
from bagalau.org.selectors import direct_manager
from bagalau.surveys import reports, selectors
from bagalau.surveys.models import Campaign, Invitation, Target
from bagalau.surveys.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    invitation_submit,
    self_submit,
    target_record_feedback,
    target_set_respondents,
)

NO_MANAGER_REASON = "Құрылымда тікелей басшы жоқ (лауазым бос)."

FEEDBACK_NOTES = (
    "Жеке әңгіме өтті: күшті жақтары мен дамыту бағыттары талқыланды.",
    "Кері байланыс берілді; біліктілікті арттыру курсы ұсынылды.",
    "Нәтижелер талқыланды, жеке даму жоспары келісілді.",
)

if TYPE_CHECKING:
    from bagalau.core.types import Account


def _login(servant: Servant) -> Account:
    """Every demo servant has a login."""
    assert servant.user is not None
    return servant.user


def _hr_user(organisation: Organisation) -> Account:
    for role in (Role.HR, Role.HR_HEAD):
        found = (
            RoleAssignment.objects.filter(organisation=organisation, role=role)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if found is not None:
            return found.user
    raise ValueError("the demo organisation has no HR user")


def _answers(
    rng: random.Random, form: engine.SurveyForm, levels: dict[str, float], offset: float
) -> dict[str, list[int]]:
    """One respondent's answers around the servant's level per competency."""
    return {
        competency.code: [
            max(1, min(5, round(rng.gauss(levels[competency.code] + offset, 0.6))))
            for _ in competency.statements
        ]
        for competency in form.competencies
    }


def _complete_lists(campaign: Campaign, actor: Account, day: dt.date) -> None:
    """Give every evaluatee the respondents HR would choose: at least one more than the 3 p.35
    requires (a list of exactly 3 lets two respondents work out the third's answers), colleagues
    of the same unit first, then of the parent unit, then anyone in post; the direct manager is
    on every list the structure gives one (p.35 1)), and a reason is written where it gives
    none."""
    low = selectors.rules_for(campaign).survey.min_respondents + 1
    choices = selectors.respondent_choices(campaign.organisation, day)
    everyone = [servant for _unit, people in choices for servant, _position in people]
    by_unit = {unit.pk: [s for s, _p in people] for unit, people in choices}
    for target in campaign.targets.select_related("unit").order_by("pk"):
        current = list(target.invitations.order_by("pk").values_list("respondent_id", flat=True))
        manager = direct_manager(target.servant, day)
        reason = "" if manager is not None else NO_MANAGER_REASON
        if manager is not None and manager.pk not in current:
            current.insert(0, manager.pk)
        if len(current) >= low and not reason and manager is not None:
            target_set_respondents(actor=actor, target_id=target.pk, respondent_ids=current)
            continue
        pool = (
            by_unit.get(target.unit_id, [])
            + by_unit.get(target.unit.parent_id or -1, [])
            + everyone
        )
        for person in pool:
            if len(current) >= low:
                break
            if person.pk != target.servant_id and person.pk not in current:
                current.append(person.pk)
        target_set_respondents(
            actor=actor,
            target_id=target.pk,
            respondent_ids=current[: selectors.rules_for(campaign).survey.max_respondents],
            no_manager_reason=reason or None,
        )


def _withheld_choice(targets: Sequence[Target]) -> Target:
    """The one report kept withheld: a staff member without a login, from the last unit."""
    candidates = [t for t in targets if t.form == "staff" and t.servant.user_id is None]
    pool = candidates or list(targets)
    return sorted(pool, key=lambda t: (-(t.unit.order or 0), -t.unit_id, t.servant.last_name))[0]


def load_survey360_demo(organisation: Organisation, year: int) -> str:
    """Create the closed 360 campaign of `year` (see the module's docstring); a summary line."""
    if Campaign.objects.filter(organisation=organisation, year=year).exists():
        return f"360 survey {year}: already loaded"
    rng = random.Random(f"bagalau-360-{year}")
    actor = _hr_user(organisation)
    opening = dt.date(year, 12, 1)
    with transaction.atomic():
        with clock_at(moment_of(opening, 9)):
            campaign = campaign_create(actor=actor, organisation=organisation, year=year)
            _complete_lists(campaign, actor, opening)
            campaign = campaign_open(actor=actor, campaign_id=campaign.pk)
        targets = list(
            campaign.targets.select_related("servant", "unit").order_by(
                "servant__last_name", "servant__first_name", "pk"
            )
        )
        withheld = _withheld_choice(targets)
        span = max(1, (campaign.deadline - opening).days)
        answer_days = [opening + dt.timedelta(days=offset) for offset in range(1, span + 1)]
        leniency: dict[int, float] = {}
        for target in targets:
            form = selectors.survey_form(campaign, target.form)
            rules = selectors.rules_for(campaign)
            levels = {c.code: rng.uniform(2.8, 4.7) for c in form.competencies}
            invitations = list(target.invitations.select_related("respondent").order_by("pk"))
            if target.pk == withheld.pk:
                answering = invitations[:2]
            else:
                answering = list(invitations)
                if len(answering) > rules.survey.min_respondents and rng.random() < 0.35:
                    answering.pop(rng.randrange(len(answering)))  # someone never answered
            for invitation in answering:
                offset = leniency.setdefault(invitation.respondent_id, rng.uniform(-0.5, 0.4))
                given = _answers(rng, form, levels, offset)
                with clock_at(moment_of(rng.choice(answer_days), 11)):
                    invitation_submit(
                        actor=_login(invitation.respondent),
                        invitation_id=invitation.pk,
                        answers=given,
                    )
            if rng.random() < 0.85:
                given = _answers(rng, form, levels, 0.4)
                with clock_at(moment_of(rng.choice(answer_days), 16)):
                    self_submit(actor=_login(target.servant), target_id=target.pk, answers=given)
        closing = campaign.deadline + dt.timedelta(days=1)
        with clock_at(moment_of(closing, 10)):
            campaign = campaign_close(actor=actor, campaign_id=campaign.pk)
        released = selectors.released_targets(campaign)
        feedback_for = [t for t in targets if t.pk in released][:3]
        with clock_at(moment_of(closing + dt.timedelta(days=7), 16)):
            for index, target in enumerate(feedback_for):
                target_record_feedback(
                    actor=actor,
                    target_id=target.pk,
                    given_on=closing + dt.timedelta(days=2 + 2 * index),
                    note=FEEDBACK_NOTES[index % len(FEEDBACK_NOTES)],
                )
    answered = Invitation.objects.filter(target__campaign=campaign, completed=True).count()
    due = Invitation.objects.filter(target__campaign=campaign).count()
    return (
        f"360 survey {year}: {len(targets)} servants, {answered}/{due} questionnaires answered, "
        f"{len(released)} reports released, 1 withheld ({withheld.servant.full_name}: "
        f"{reports.tallies_for(withheld)} responses), feedback recorded for {len(feedback_for)}"
    )
