"""The register of decisions a result grounds (seed 002 p.8): each entry cites a final KPI,
differentiation or annual result of the servant whose rating permits the decision (edition data,
decisions.yaml, our reading of p.8 with p.7), who decided and the order. Only the HR service of
the organisation records and reads it; a servant reads the entries about themselves; the rating
shows only to those p.20 lets know it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bagalau.audit.models import AuditEntry
from bagalau.consequences.models import Decision
from bagalau.consequences.services import decision_record
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import EvaluationStatus, Method
from bagalau.methodology import get_edition
from bagalau.methodology.decisions import decision_rules
from tests.factories import (
    EvaluationFactory,
    OrganisationFactory,
    PeriodFactory,
    RoleAssignmentFactory,
    ScheduleFactory,
    UserFactory,
)

TODAY = dt.date(2026, 6, 15)
FINAL_ON = dt.datetime(2026, 5, 4, 12, 0, tzinfo=timezone.get_fixed_timezone(300))
HEAD = "Аппарат басшысы Ә. Сабыров"


@pytest.fixture
def reg(world, clock):
    clock(TODAY)
    schedule = ScheduleFactory(organisation=world.org, drafted_by=world.hr_staff_user)
    q1 = PeriodFactory(schedule=schedule, number=1)

    def result(servant, assignment, score, rating, method=Method.DIFFERENTIATION, **extra):
        values = {
            "period": q1,
            "servant": servant,
            "assignment": assignment,
            "evaluator": world.a_head,
            "method": method,
            "status": EvaluationStatus.FINAL,
            "score": D(score),
            "rating": rating,
            "completed_at": FINAL_ON,
        }
        values.update(extra)
        return EvaluationFactory(**values)

    world.weak = result(world.a_staff1, world.a_staff1_assignment, "1.50", "unsatisfactory")
    world.strong = result(world.a_staff2, world.a_staff2_assignment, "4.50", "effective")
    world.period = q1
    world.result = result
    return world


def record(w, evaluation, kind, *, actor=None, **overrides):
    values = {
        "decided_by": HEAD,
        "order_number": "1-9/21",
        "order_date": dt.date(2026, 6, 1),
    }
    values.update(overrides)
    return decision_record(
        actor=actor or w.hr_staff_user,
        organisation=w.org,
        evaluation_id=evaluation.pk,
        kind=kind,
        **values,
    )


def state():
    return (
        Decision.objects.count(),
        AuditEntry.objects.filter(object_type__startswith="consequences").count(),
    )


# --- the edition data ------------------------------------------------------------------------


def test_which_ratings_permit_which_decision_is_edition_data():
    rules = decision_rules(get_edition("sjc-2023"))
    assert {k.code: k.ratings for k in rules.kinds} == {
        "encouragement": ("effective", "proper"),
        "rotation": ("effective", "proper", "satisfactory", "unsatisfactory"),
        "demotion": ("unsatisfactory",),
        "dismissal": ("unsatisfactory",),
    }
    assert all(k.source.startswith("p.8") for k in rules.kinds)
    assert rules.bases == ("kpi", "differentiation", "annual")
    assert "p.8" in rules.decisions_source
    assert [g.code for g in rules.change_grounds] == ["functions", "structure"]


# --- recording -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "kind"),
    [
        ("weak", "demotion"),
        ("weak", "dismissal"),
        ("weak", "rotation"),
        ("strong", "encouragement"),
        ("strong", "rotation"),
    ],
)
def test_a_decision_the_rating_permits_is_recorded(reg, which, kind):
    evaluation = getattr(reg, which)
    decision = record(reg, evaluation, kind)
    assert (decision.servant, decision.evaluation, decision.kind) == (
        evaluation.servant,
        evaluation,
        kind,
    )
    assert (decision.rating, decision.basis) == (evaluation.rating, "Q1 2026 — Differentiation")
    assert (decision.decided_by, decision.order_number) == (HEAD, "1-9/21")
    entry = AuditEntry.objects.get(object_type="consequences.decision")
    assert entry.changes["kind"] == [None, kind]
    assert "rating" not in entry.changes


@pytest.mark.parametrize(
    ("which", "kind"),
    [("strong", "demotion"), ("strong", "dismissal"), ("weak", "encouragement")],
)
def test_a_decision_the_rating_does_not_permit_is_refused(reg, which, kind):
    before = state()
    with pytest.raises(DomainError) as caught:
        record(reg, getattr(reg, which), kind)
    assert caught.value.field == "evaluation"
    assert "p.8" in caught.value.message
    assert state() == before


def test_a_proper_result_permits_encouragement_not_demotion(reg):
    proper = reg.result(reg.b_staff1, reg.b_staff1_assignment, "3.20", "proper")
    record(reg, proper, "encouragement")
    with pytest.raises(DomainError):
        record(reg, proper, "demotion")
    satisfactory = reg.result(
        reg.hr_staff, reg.hr_staff_assignment, "2.40", "satisfactory", evaluator=reg.hr_head
    )
    for kind in ("encouragement", "demotion", "dismissal"):
        with pytest.raises(DomainError):
            record(reg, satisfactory, kind)
    assert Decision.objects.count() == 1


def test_the_calibrated_rating_stands(reg):
    calibrated = reg.result(
        reg.b_staff1,
        reg.b_staff1_assignment,
        "1.80",
        "unsatisfactory",
        final_score=D("3.10"),
        final_rating="proper",
    )
    with pytest.raises(DomainError):
        record(reg, calibrated, "dismissal")
    assert record(reg, calibrated, "encouragement").rating == "proper"


@pytest.mark.parametrize(
    "status",
    [
        EvaluationStatus.SIGNED,
        EvaluationStatus.ACKNOWLEDGED,
        EvaluationStatus.CALIBRATION,
        EvaluationStatus.PROVISIONAL,
        EvaluationStatus.PENDING,
    ],
)
def test_only_a_final_result_grounds_a_decision(reg, status):
    reg.weak.status = status
    reg.weak.save()
    before = state()
    with pytest.raises(DomainError) as caught:
        record(reg, reg.weak, "dismissal")
    assert caught.value.field == "evaluation"
    assert state() == before


def test_a_result_of_another_organisation_is_refused(reg):
    other = OrganisationFactory()
    elsewhere = EvaluationFactory(
        period=PeriodFactory(schedule=ScheduleFactory(organisation=other)),
        status=EvaluationStatus.FINAL,
        score=D("1.00"),
        rating="unsatisfactory",
        completed_at=FINAL_ON,
    )
    with pytest.raises(DomainError) as caught:
        record(reg, elsewhere, "dismissal")
    assert caught.value.field == "evaluation"
    assert not Decision.objects.exists()


@pytest.mark.parametrize("kind", ["", "bonus", "training", "reprimand"])
def test_an_unknown_decision_is_refused(reg, kind):
    with pytest.raises(DomainError) as caught:
        record(reg, reg.weak, kind)
    assert caught.value.field == "kind"
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("decided_by", ""),
        ("decided_by", "ә" * 301),
        ("order_number", "  "),
        ("order_number", "1" * 51),
        ("order_date", dt.date(2026, 5, 3)),  # before the result became final (4 May)
        ("order_date", dt.date(2026, 6, 16)),  # tomorrow
    ],
)
def test_who_decided_and_the_order_are_required_and_bounded(reg, field, value):
    before = state()
    with pytest.raises(DomainError) as caught:
        record(reg, reg.weak, "dismissal", **{field: value})
    assert caught.value.field == field
    assert state() == before


def test_the_order_may_be_dated_the_day_the_result_became_final_or_today(reg):
    record(reg, reg.weak, "rotation", order_date=dt.date(2026, 5, 4))
    record(reg, reg.weak, "demotion", order_date=TODAY)
    assert Decision.objects.count() == 2


@pytest.mark.parametrize("who", ["hr_staff_user", "hr_head_user"])
def test_the_hr_service_records(reg, who):
    assert record(reg, reg.weak, "dismissal", actor=getattr(reg, who)).pk


@pytest.mark.parametrize(
    "who",
    ["a_staff1_user", "a_head_user", "deputy_user", "head_user", "admin_user", "outsider_user"],
)
def test_nobody_else_records(reg, who):
    before = state()
    with pytest.raises(PermissionDenied):
        record(reg, reg.weak, "dismissal", actor=getattr(reg, who))
    assert state() == before


def test_hr_of_another_organisation_cannot_record_here(reg):
    stranger = UserFactory()
    RoleAssignmentFactory(user=stranger, organisation=OrganisationFactory(), role="hr_head")
    with pytest.raises(PermissionDenied):
        record(reg, reg.weak, "dismissal", actor=stranger)
    assert not Decision.objects.exists()


# --- the pages ---------------------------------------------------------------------------------


@pytest.fixture
def entries(reg):
    record(reg, reg.weak, "dismissal")
    record(reg, reg.strong, "encouragement")
    return reg


def page(client, user):
    client.force_login(user)
    return client.get(reverse("consequences:list"))


def test_the_hr_service_sees_the_whole_register_hr_staff_without_ratings(client, entries):
    html = page(client, entries.hr_staff_user).content.decode()
    assert "Бекова Айгүл" in html
    assert "Жанов Нұрлан" in html
    assert "1-9/21" in html
    assert HEAD in html
    assert 'data-testid="decision-rating"' not in html
    assert 'data-testid="decision-new"' in html

    html = page(client, entries.hr_head_user).content.decode()
    assert html.count('data-testid="decision-rating"') == 2


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "kk",
            (
                "Көтермелеу",
                "Функционалдық міндеттерін тиімді атқарады",
                "Функционалдық міндеттерін тиісті түрде атқарады",
            ),
        ),
        (
            "ru",
            (
                "Поощрение",
                "Функциональные обязанности исполняет эффективно",
                "Функциональные обязанности исполняет надлежащим образом",
            ),
        ),
    ],
)
def test_which_results_permit_which_decision_reads_in_the_readers_language(
    client, reg, lang, words
):
    """HR reads the p.8 register's permissions as the edition words the p.7 ratings, never
    their codes."""
    client.cookies["bagalau_language"] = lang
    html = page(client, reg.hr_staff_user).content.decode()
    listed = html.split('data-testid="permitted-kinds"', 1)[1].split("</details>", 1)[0]
    kind, *ratings = words
    first = listed.split("</ul>", 1)[0]
    assert first.lstrip(">\n ").startswith(f'<li>{kind} <span class="muted">')
    assert [f"<li>{rating}</li>" in first for rating in ratings] == [True, True]
    assert "effective" not in listed
    assert "unsatisfactory" not in listed
    assert {"kk": "(8-тармақ &quot;", "ru": "(п. 8 &quot;"}[lang] in listed
    assert "p.8" not in listed


def test_a_servant_sees_only_their_own_entries_with_the_rating(client, entries):
    html = page(client, entries.a_staff1_user).content.decode()
    assert "Бекова Айгүл" in html
    assert "Жанов Нұрлан" not in html
    assert html.count('data-testid="decision-rating"') == 1
    assert 'data-testid="decision-new"' not in html


@pytest.mark.parametrize("who", ["a_head_user", "deputy_user", "head_user", "outsider_user"])
def test_others_see_no_entry(client, entries, who):
    html = page(client, getattr(entries, who)).content.decode()
    assert "Бекова Айгүл" not in html
    assert "Жанов Нұрлан" not in html


def test_anonymous_goes_to_the_login(client, entries):
    response = client.get(reverse("consequences:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_form_records_and_shows_errors_on_the_fields(client, reg):
    client.force_login(reg.hr_staff_user)
    url = reverse("consequences:new")
    form = client.get(url).content.decode()
    assert f'value="{reg.weak.pk}"' in form
    assert "1.50" not in form  # no score in the choice of results
    response = client.post(
        url,
        {
            "evaluation": reg.strong.pk,
            "kind": "dismissal",
            "decided_by": HEAD,
            "order_number": "1-9/21",
            "order_date": "2026-06-01",
        },
    )
    assert response.status_code == 400
    assert 'data-testid="error-evaluation"' in response.content.decode()
    assert not Decision.objects.exists()
    response = client.post(
        url,
        {
            "evaluation": reg.weak.pk,
            "kind": "dismissal",
            "decided_by": HEAD,
            "order_number": "1-9/21",
            "order_date": "2026-06-01",
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get().kind == "dismissal"


@pytest.mark.parametrize(
    "who", ["a_staff1_user", "a_head_user", "deputy_user", "head_user", "outsider_user"]
)
def test_the_form_is_refused_to_others(client, reg, who):
    client.force_login(getattr(reg, who))
    url = reverse("consequences:new")
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "evaluation": reg.weak.pk,
            "kind": "dismissal",
            "decided_by": HEAD,
            "order_number": "1",
            "order_date": "2026-06-01",
        },
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


# --- the API -----------------------------------------------------------------------------------


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


BODY = {
    "kind": "dismissal",
    "decided_by": HEAD,
    "order_number": "1-9/21",
    "order_date": "2026-06-01",
}


def test_the_api_records_and_lists(reg):
    response = api(reg.hr_head_user).post(
        "/api/v1/consequences/", {**BODY, "evaluation": reg.weak.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["kind"], response.json()["rating"]) == ("dismissal", "unsatisfactory")
    listed = api(reg.hr_staff_user).get("/api/v1/consequences/").json()
    assert [(d["servant"], d["rating"]) for d in listed] == [("Бекова Айгүл", "")]
    mine = api(reg.a_staff1_user).get("/api/v1/consequences/").json()
    assert [d["rating"] for d in mine] == ["unsatisfactory"]
    assert api(reg.a_staff2_user).get("/api/v1/consequences/").json() == []
    decision_id = response.json()["id"]
    assert api(reg.a_staff2_user).get(f"/api/v1/consequences/{decision_id}/").status_code == 404
    assert api(reg.a_staff1_user).get(f"/api/v1/consequences/{decision_id}/").status_code == 200


def test_the_api_refuses_with_the_field(reg):
    response = api(reg.hr_staff_user).post(
        "/api/v1/consequences/", {**BODY, "evaluation": reg.strong.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "evaluation"
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 403), ("a_staff1_user", 403), ("a_head_user", 403), ("head_user", 403)],
)
def test_the_api_refuses_others(reg, who, status):
    user = getattr(reg, who) if who else None
    response = api(user).post(
        "/api/v1/consequences/", {**BODY, "evaluation": reg.weak.pk}, format="json"
    )
    assert response.status_code == status
    assert set(response.json()) == {"error"}
    assert not Decision.objects.exists()
