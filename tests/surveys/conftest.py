"""The 360 survey on the `world` apparatus (tests/world.py), in December 2026.

Evaluatees (every "B" post): deputy, a_head, b_head, hr_head (App. 5, managers) and a_staff1,
a_staff2, b_staff1, hr_staff (App. 6, staff). The lists HR completes (LISTS) give everyone 3 to 7
respondents; the focal case is a_staff1 (evaluator a_head), answered about by a_head, a_staff2
and b_staff1, who all have logins.
"""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.surveys import respondents
from bagalau.surveys.models import Campaign, Invitation, Target
from bagalau.surveys.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    invitation_submit,
    self_submit,
    target_set_respondents,
)
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory

TODAY = dt.date(2026, 12, 1)
DEADLINE = dt.date(2027, 1, 8)
AFTER = dt.date(2027, 1, 11)

#: Who answers about whom once HR has adjusted the proposals (keys of the world).
LISTS = {
    "deputy": ["head", "a_head", "b_head"],
    "a_head": ["deputy", "a_staff1", "a_staff2", "b_head", "hr_head"],
    "a_staff1": ["a_head", "a_staff2", "b_staff1"],
    "a_staff2": ["a_head", "a_staff1", "b_staff1"],
    "b_head": ["head", "b_staff1", "a_head", "hr_head"],
    "b_staff1": ["b_head", "a_staff1", "a_staff2"],
    "hr_head": ["head", "hr_staff", "a_head", "b_head"],
    "hr_staff": ["hr_head", "b_staff1", "a_staff2"],
}
KEYS = tuple(LISTS)


def rules():
    return sjc2023_rules(get_edition("sjc-2023"))


def form_codes(form: str) -> tuple[str, ...]:
    return rules().survey.forms[form].codes


def answers(form: str, values=None, *, seed: int | None = None) -> dict[str, list[int]]:
    """A complete answer set: `values` per competency (a list of 3, or one int for all), or
    random ones from `seed`."""
    rng = random.Random(seed)
    result = {}
    for index, code in enumerate(form_codes(form)):
        if seed is not None:
            result[code] = [rng.randint(1, 5) for _ in range(3)]
        elif isinstance(values, int):
            result[code] = [values] * 3
        elif values is None:
            result[code] = [(index % 5) + 1, 4, 5]
        else:
            result[code] = list(values)
    return result


def questionnaire_url(client, invitation, *, api: bool = False, suffix: str = "") -> str:
    """The URL of a questionnaire for this client's session (an opaque reference, refs.py)."""
    from django.urls import reverse

    from bagalau.surveys.refs import ref_for

    if not client.session.session_key:
        client.session.save()
    ref = ref_for(client.session.session_key, invitation.respondent.user_id, invitation.pk)
    if api:
        return f"/api/v1/surveys/questionnaires/{ref}/{suffix}"
    return reverse("surveys:questionnaire", args=[ref])


def sealed_ballots(target: Target) -> list[dict[str, list[int]]]:
    """The target's ballots opened with the server's key (what an administrator could read),
    sorted: the tests check contents, never an order."""
    from bagalau.surveys import ballots
    from bagalau.surveys.models import Ballot
    from bagalau.surveys.selectors import survey_form

    form = survey_form(target.campaign, target.form)
    opened = [
        ballots.decode(form, ballots.unseal(target.campaign_id, target.pk, sealed)).answers
        for sealed in Ballot.objects.filter(target=target).values_list("sealed", flat=True)
    ]
    return sorted(opened, key=lambda a: sorted(a.items()))


def target_of(campaign: Campaign, servant) -> Target:
    return Target.objects.get(campaign=campaign, servant=servant)


def invitation_of(campaign: Campaign, respondent, evaluatee) -> Invitation:
    return Invitation.objects.get(
        target__campaign=campaign, target__servant=evaluatee, respondent=respondent
    )


class Survey:
    """A campaign of the world driven through the services."""

    def __init__(self, world, clock) -> None:
        self.w = world
        self.clock = clock
        self.campaign: Campaign | None = None

    def servant(self, key: str):
        return getattr(self.w, key)

    def user(self, key: str):
        return getattr(self.w, f"{key}_user")

    def draft(self, *, deadline: dt.date | None = DEADLINE) -> Campaign:
        self.clock(TODAY)
        self.campaign = campaign_create(
            actor=self.w.hr_staff_user, organisation=self.w.org, year=2026, deadline=deadline
        )
        return self.campaign

    def fix_lists(self) -> None:
        assert self.campaign is not None
        for key, people in LISTS.items():
            target = self.target(key)
            target_set_respondents(
                actor=self.w.hr_staff_user,
                target_id=target.pk,
                respondent_ids=[self.servant(p).pk for p in people],
            )

    def open(self) -> Campaign:
        if self.campaign is None:
            self.draft()
        self.fix_lists()
        assert self.campaign is not None
        self.campaign = campaign_open(actor=self.w.hr_staff_user, campaign_id=self.campaign.pk)
        return self.campaign

    def target(self, key: str) -> Target:
        assert self.campaign is not None
        return target_of(self.campaign, self.servant(key))

    def invitation(self, respondent: str, evaluatee: str) -> Invitation:
        assert self.campaign is not None
        return invitation_of(self.campaign, self.servant(respondent), self.servant(evaluatee))

    def submit(self, respondent: str, evaluatee: str, given=None, *, seed=None):
        target = self.target(evaluatee)
        data = given if isinstance(given, dict) else answers(target.form, given, seed=seed)
        return invitation_submit(
            actor=self.user(respondent),
            invitation_id=self.invitation(respondent, evaluatee).pk,
            answers=data,
        )

    def self_assess(self, key: str, given=None):
        target = self.target(key)
        data = given if isinstance(given, dict) else answers(target.form, given)
        return self_submit(actor=self.user(key), target_id=target.pk, answers=data)

    def answer_all(self, *, skip: set[tuple[str, str]] = frozenset(), seed: int = 7) -> None:
        """Every respondent with a login answers every questionnaire except `skip`."""
        rng = random.Random(seed)
        for evaluatee, people in LISTS.items():
            for respondent in people:
                if (respondent, evaluatee) in skip:
                    continue
                self.submit(respondent, evaluatee, seed=rng.randint(0, 10**6))

    def close(self) -> Campaign:
        assert self.campaign is not None
        self.clock(AFTER)
        self.campaign = campaign_close(actor=self.w.hr_staff_user, campaign_id=self.campaign.pk)
        return self.campaign


@pytest.fixture
def survey(world, clock) -> Survey:
    clock(TODAY)
    return Survey(world, clock)


@pytest.fixture
def closed(survey) -> SimpleNamespace:
    """A closed campaign: everybody answered except b_staff1 and a_staff2 about hr_staff (whose
    report is withheld, 1 response); a_staff1 and a_head assessed themselves."""
    survey.open()
    survey.answer_all(skip={("b_staff1", "hr_staff"), ("a_staff2", "hr_staff")})
    survey.self_assess("a_staff1", [4, 4, 3])
    survey.self_assess("a_head", 5)
    survey.close()
    return SimpleNamespace(survey=survey, campaign=survey.campaign, w=survey.w)


@pytest.fixture
def respondents_page(survey, world, monkeypatch):
    """a_staff1's respondents' page in a body taken as large (more than 3 servants in post),
    with a servant far from them (Алыстағы Қайрат, unit B) appointed after the draft."""
    monkeypatch.setattr(respondents, "LISTED_AT_MOST", 3)
    survey.draft()
    far = ServantFactory(organisation=world.org, last_name="Алыстағы", first_name="Қайрат")
    post = PositionFactory(unit=world.unit_b, category="B-4", name_kk="Алыс маман")
    AssignmentFactory(servant=far, position=post, start=TODAY.replace(year=TODAY.year - 2))
    target = survey.target("a_staff1")
    client = Client()
    client.force_login(world.hr_staff_user)
    return target, far, client, reverse("surveys:target_respondents", args=[target.pk])
