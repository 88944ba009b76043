"""Seed 002 p.16: "Бағалау рәсіміне байланысты келіспеушіліктерді барлық мүдделі адамдар мен
тараптардың жәрдемдесуімен Сектор қарастырады." A servant records a disagreement about the
procedure; the HR service (the Sector) records how it considered it and its answer; the servant
is told; HR lists the open ones. Only the servant, HR of the same organisation and the head of
HR see it; every other access is refused with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import DomainError
from bagalau.disagreements.models import Disagreement, DisagreementStatus
from bagalau.disagreements.selectors import disagreements_for_hr
from bagalau.disagreements.services import disagreement_answer, disagreement_raise
from bagalau.notifications.models import Notification
from bagalau.org.models import Role
from tests.calibration.conftest import make_evaluation
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

API = "/api/v1/disagreements"
TEXT = "Бағалау парағы маған ақпараттық жүйе арқылы жіберілмеді."


def _state() -> dict:
    return {
        "rows": list(Disagreement.objects.order_by("pk").values()),
        "notifications": Notification.objects.count(),
        "writes": list(
            AuditEntry.objects.exclude(action__startswith="view").values_list("action", "object_id")
        ),
    }


@pytest.fixture
def other_hr(world):
    """The HR officer of another organisation."""
    user = UserFactory(username="other_hr")
    RoleAssignmentFactory(user=user, organisation=OrganisationFactory(), role=Role.HR)
    return user


@pytest.fixture
def raised(world, clock):
    clock(dt.date(2026, 4, 14))
    return disagreement_raise(actor=world.a_staff1_user, text=TEXT)


def test_the_flow_raise_consider_answer_tell(world, clock, raised):
    assert (raised.status, raised.servant, raised.organisation, raised.raised_on) == (
        DisagreementStatus.OPEN,
        world.a_staff1,
        world.org,
        dt.date(2026, 4, 14),
    )
    told = set(
        Notification.objects.filter(kind="disagreement_raised").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"hr_head", "hr_staff"}
    assert list(disagreements_for_hr(world.hr_staff_user, open_only=True)) == [raised]
    clock(dt.date(2026, 4, 16))
    answered = disagreement_answer(
        actor=world.hr_staff_user,
        disagreement_id=raised.pk,
        consideration="Бағалаушымен және ақпараттық жүйе әкімшісімен сөйлестік.",
        answer="Парақ қайта жіберілді; танысу мерзімі жаңа күннен басталады.",
    )
    assert answered.status == DisagreementStatus.ANSWERED
    assert answered.answered_by == world.hr_staff_user
    assert list(disagreements_for_hr(world.hr_staff_user, open_only=True)) == []
    note = Notification.objects.get(kind="disagreement_answered")
    assert note.recipient == world.a_staff1_user
    entry = AuditEntry.objects.get(action="answer")
    assert entry.changes["status"] == ["open", "answered"]
    before = _state()
    with pytest.raises(DomainError, match="already answered on 16.04.2026"):
        disagreement_answer(
            actor=world.hr_head_user, disagreement_id=raised.pk, consideration="x", answer="y"
        )
    assert _state() == before


def test_what_is_required(world, clock, raised):
    before = _state()
    with pytest.raises(DomainError) as caught:
        disagreement_raise(actor=world.a_staff1_user, text="  ")
    assert caught.value.field == "text"
    for field, values in (
        ("consideration", {"consideration": " ", "answer": "Жауап."}),
        ("answer", {"consideration": "Қаралды.", "answer": ""}),
    ):
        with pytest.raises(DomainError) as caught:
            disagreement_answer(actor=world.hr_staff_user, disagreement_id=raised.pk, **values)
        assert caught.value.field == field
    # Only one's own evaluation can be named.
    evaluation = make_evaluation(world)
    with pytest.raises(DomainError) as caught:
        disagreement_raise(actor=world.a_staff2_user, text=TEXT, evaluation_id=evaluation.pk)
    assert caught.value.field == "evaluation"
    assert _state() == before
    own = disagreement_raise(actor=world.a_staff1_user, text=TEXT, evaluation_id=evaluation.pk)
    assert own.evaluation == evaluation


def test_who_may_see_and_answer(world, clock, raised, other_hr):
    before = _state()
    for user in (world.a_staff2_user, world.a_head_user, world.head_user, world.deputy_user):
        with pytest.raises(Http404):
            disagreement_answer(
                actor=user, disagreement_id=raised.pk, consideration="x", answer="y"
            )
    for user in (other_hr, world.outsider_user):
        with pytest.raises(Http404):
            disagreement_answer(
                actor=user, disagreement_id=raised.pk, consideration="x", answer="y"
            )
    with pytest.raises(PermissionDenied):
        disagreement_answer(
            actor=world.a_staff1_user, disagreement_id=raised.pk, consideration="x", answer="y"
        )
    with pytest.raises(PermissionDenied):
        disagreement_raise(actor=world.outsider_user, text=TEXT)  # no servant record
    assert _state() == before


def test_the_pages(client, world, clock, raised, other_hr):
    url = reverse("disagreements:detail", args=[raised.pk])
    for user in (world.a_staff2_user, world.a_head_user, world.head_user, other_hr):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"consideration": "x", "answer": "y"}).status_code == 404
        assert TEXT not in client.get(reverse("disagreements:index")).content.decode()
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(world.a_staff1_user)
    page = client.get(url).content.decode()
    assert TEXT in page
    assert "Record the answer" not in page
    assert client.post(url, {"consideration": "x", "answer": "y"}).status_code == 403
    client.force_login(world.hr_head_user)
    assert TEXT in client.get(url).content.decode()
    client.force_login(world.hr_staff_user)
    assert (
        "Disagreements about the procedure to answer"
        in client.get(reverse("home")).content.decode()
    )
    response = client.post(url, {"consideration": "Қаралды.", "answer": ""})
    assert 'class="field-error"' in response.content.decode()
    response = client.post(url, {"consideration": "Қаралды.", "answer": "Жауап."})
    assert response.status_code == 302
    raised.refresh_from_db()
    assert raised.status == DisagreementStatus.ANSWERED
    client.force_login(world.a_staff1_user)
    response = client.post(reverse("disagreements:index"), {"text": "Екінші келіспеушілік."})
    assert response.status_code == 302
    assert Disagreement.objects.count() == 2


def test_the_api(client, world, clock, other_hr):
    clock(dt.date(2026, 4, 14))
    client.force_login(world.a_staff1_user)
    response = client.post(API + "/", {"text": " "}, content_type="application/json")
    assert (response.status_code, response.json()["error"]["field"]) == (400, "text")
    response = client.post(API + "/", {"text": TEXT}, content_type="application/json")
    assert response.status_code == 201
    item = response.json()
    assert (item["status"], item["raised_on"]) == ("open", "2026-04-14")
    answer_url = f"{API}/{item['id']}/answer/"
    body = {"consideration": "Қаралды.", "answer": "Жауап."}
    assert client.post(answer_url, body, content_type="application/json").status_code == 403
    before = _state()
    for user in (world.a_staff2_user, world.head_user, other_hr):
        client.force_login(user)
        assert client.get(f"{API}/{item['id']}/").status_code == 404
        assert client.post(answer_url, body, content_type="application/json").status_code == 404
        assert client.get(API + "/").json() == []
    client.logout()
    assert client.get(API + "/").status_code == 403
    assert _state() == before
    client.force_login(world.hr_head_user)
    assert [row["id"] for row in client.get(API + "/").json()] == [item["id"]]
    response = client.post(answer_url, body, content_type="application/json")
    assert (response.status_code, response.json()["status"]) == (200, "answered")
    client.force_login(world.a_staff1_user)
    assert client.get(f"{API}/{item['id']}/").json()["answer"] == "Жауап."


def test_text_over_its_bound_is_refused_on_the_field(client, world, clock):
    clock(dt.date(2026, 4, 14))
    client.force_login(world.a_staff1_user)
    before = _state()
    response = client.post(API + "/", {"text": "Ж" * 5000}, content_type="application/json")
    assert (response.status_code, response.json()["error"]["field"]) == (400, "text")
    response = client.post(reverse("disagreements:index"), {"text": "Ж" * 5000})
    assert 'class="field-error"' in response.content.decode()
    response = client.post(
        API + "/", {"text": TEXT, "evaluation_id": "٤"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["error"]["field"]) == (400, "evaluation_id")
    assert _state() == before
