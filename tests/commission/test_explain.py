"""Explain this decision (issue 14 item 5): how the commission's open vote decided, on the
session page and at /api/v1/commission/motions/<id>/explain/ (seed 004 p.30, p.33, p.34).

Hand-computed cases (almaty-2018, 5 voting members + the secretary; quorum 2/3 of 5 -> 4):
- everyone present, 4 for and 1 against -> quorate (5 of 5), adopted by the majority;
- a sixth member, everyone present, 3 for and 3 against with the chair against -> the tie is
  decided by the chair: not adopted;
- the chair absent, 2 for and 2 against -> a tie without the chair: not adopted.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.commission import services
from bagalau.commission.explain import motion_explanation
from bagalau.commission.models import Motion
from tests.commission.conftest import attend, extra_servants, form, schedule, seats_of, vote

pytestmark = pytest.mark.django_db


def _motion(world, evaluation):
    return services.motion_put(
        actor=world.hr_staff_user,
        session_id=world.session.pk,
        evaluation_id=evaluation.pk,
        kind="approve",
    )


def _codes(explanation) -> list[str]:
    return [step["code"] for step in explanation.steps]


def test_a_majority_adopts(held):
    motion = _motion(held, held.eval1)
    assert motion_explanation(motion, "en") is None  # before the vote
    vote(held, motion, deputy="for", a_head="for", b_head="for", hr_head="for", b_staff1="against")
    motion.refresh_from_db()
    explanation = motion_explanation(motion, "en")
    assert explanation is not None
    assert explanation.adopted is True
    assert _codes(explanation) == ["commission.quorum.yes", "commission.majority.adopted"]
    quorum, majority = explanation.steps
    assert "5 of 5 members present" in quorum["text"]
    assert "that is 4, are needed" in quorum["text"]
    assert majority["text"] == "Open vote: 4 for, 1 against; adopted by the majority"
    assert "p.33" in majority["source"]


def test_the_chair_decides_a_tie(case):
    (case.extra0,) = extra_servants(case, 1)
    form(case, seats=seats_of(case, members=("a_head", "b_head", "hr_head", "b_staff1", "extra0")))
    case.session = schedule(case)
    attend(case, case.session, ("deputy", "a_head", "b_head", "hr_head", "b_staff1", "extra0"))
    motion = _motion(case, case.eval1)
    vote(
        case,
        motion,
        deputy="against",
        a_head="for",
        b_head="for",
        hr_head="for",
        b_staff1="against",
        extra0="against",
    )
    motion.refresh_from_db()
    explanation = motion_explanation(motion, "ru")
    assert explanation is not None
    assert explanation.adopted is False
    assert _codes(explanation) == ["commission.quorum.yes", "commission.tie.against"]
    assert "решающий голос председателя «против»" in explanation.steps[1]["text"]


def test_a_tie_without_the_chair_fails(formed):
    formed.session = schedule(formed)
    attend(formed, formed.session, ("a_head", "b_head", "hr_head", "b_staff1", "hr_staff"))
    motion = _motion(formed, formed.eval1)
    vote(formed, motion, a_head="for", b_head="for", hr_head="against", b_staff1="against")
    motion.refresh_from_db()
    explanation = motion_explanation(motion, "kk")
    assert explanation is not None
    assert _codes(explanation) == ["commission.quorum.yes", "commission.tie.absent"]
    assert "төраға жоқ" in explanation.steps[1]["text"]


def test_a_stored_decision_that_does_not_follow_from_the_votes_is_not_explained(held):
    motion = _motion(held, held.eval1)
    vote(held, motion, deputy="for", a_head="for", b_head="for", hr_head="for", b_staff1="for")
    Motion.objects.filter(pk=motion.pk).update(adopted=False)
    assert motion_explanation(Motion.objects.get(pk=motion.pk), "en") is None


@pytest.fixture
def voted(held):
    held.motion = _motion(held, held.eval1)
    vote(held, held.motion, deputy="for", a_head="for", b_head="for", hr_head="for", b_staff1="for")
    return held


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("hr_staff", 200),
        ("head", 200),
        ("deputy", 200),
        ("a_staff1", 404),
        ("outsider", 404),
        ("other_hr", 404),
    ],
)
def test_the_api_explains_to_those_who_see_the_session(voted, user, status):
    url = f"/api/v1/commission/motions/{voted.motion.pk}/explain/"
    before = AuditEntry.objects.count()
    answer = _api(getattr(voted, f"{user}_user")).get(url, {"lang": "en"})
    assert answer.status_code == status
    if status == 200:
        body = answer.json()
        assert (body["motion"], body["session"], body["evaluation"], body["adopted"]) == (
            voted.motion.pk,
            voted.session.pk,
            voted.eval1.pk,
            True,
        )
        assert [step["code"] for step in body["steps"]] == [
            "commission.quorum.yes",
            "commission.majority.adopted",
        ]
        assert AuditEntry.objects.count() == before + 1
    else:
        assert AuditEntry.objects.count() == before


def test_the_api_refuses_an_unknown_language_and_a_motion_not_voted(held):
    motion = _motion(held, held.eval1)
    url = f"/api/v1/commission/motions/{motion.pk}/explain/"
    assert _api(held.hr_staff_user).get(url).status_code == 404
    assert _api(held.hr_staff_user).get(url, {"lang": "xx"}).status_code == 400
    assert (
        _api(held.hr_staff_user).get("/api/v1/commission/motions/999999/explain/").status_code
        == 404
    )


def test_the_session_page_shows_how_the_decision_was_reached(voted, client):
    client.force_login(voted.deputy_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    page = client.get(reverse("commission:session", args=[voted.session.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('data-testid="explain-step"') == 2
    assert "көпшілік дауыспен шешім қабылданды" in text
