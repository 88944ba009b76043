"""The org REST API: the permission matrix of every endpoint (refusals change nothing), the data
it returns, and the JSON error shape ``{"error": {"field", "message"}}``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from bagalau.org.models import (
    Absence,
    CalendarTransfer,
    EditionAssignment,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
from tests.factories import AbsenceFactory, PositionFactory, ServantFactory
from tests.org.conftest import take_snapshot

D = dt.date
OK = "ok"


@pytest.fixture
def api():
    """An API client authenticated as `user` (anonymous for None), reading English."""

    def login(user: Any) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_authenticate(user)
        return client

    return login


def error_of(response: Any) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"field", "message"}
    assert body["error"]["message"]
    return body["error"]


# --- the permission matrix of the row endpoints ------------------------------------------------

ACTORS = [
    "anonymous",
    "outsider",
    "other_servant",
    "other_hr",
    "other_admin",
    "staff",
    "manager_elsewhere",
    "apparatus_head",
    "hr",
    "hr_head",
    "admin",
]
OUTSIDE = {"outsider": 404, "other_servant": 404, "other_hr": 404, "other_admin": 404}
INSIDE_NOT = {"staff": 403, "manager_elsewhere": 403, "apparatus_head": 403}
POLICIES: dict[str, dict[str, Any]] = {
    "member": {
        **OUTSIDE,
        **{k: OK for k in INSIDE_NOT},
        "hr": OK,
        "hr_head": OK,
        "admin": OK,
    },
    # a_staff1's personal data: the servant (not an actor here), the managers, HR, admin.
    "personal": {**OUTSIDE, **INSIDE_NOT, "hr": OK, "hr_head": OK, "admin": OK},
    "hr": {**OUTSIDE, **INSIDE_NOT, "hr": OK, "hr_head": OK, "admin": 403},
    "admin": {**OUTSIDE, **INSIDE_NOT, "hr": 403, "hr_head": 403, "admin": OK},
    "any_admin": {
        "outsider": 403,
        "other_servant": 403,
        "other_hr": 403,
        "other_admin": OK,
        **INSIDE_NOT,
        "hr": 403,
        "hr_head": 403,
        "admin": OK,
    },
}


@dataclass
class Case:
    """An endpoint on one of the world's rows."""

    name: str
    method: str
    url: Callable[[Any], str]
    policy: str
    success: int = 200
    data: Callable[[Any], dict[str, Any]] = lambda w: {}


def _vacancy(w: Any) -> Position:
    return PositionFactory(unit=w.unit_b, category="B-5")


def _absence(w: Any) -> Absence:
    return AbsenceFactory(servant=w.a_staff1, start=D(2026, 7, 1), end=D(2026, 7, 14))


def _url(name: str, *args: Any) -> str:
    return reverse(f"api:{name}", args=args)


CASES = [
    Case("unit_get", "get", lambda w: _url("org-unit", w.unit_a.pk), "member"),
    Case(
        "unit_patch",
        "patch",
        lambda w: _url("org-unit", w.unit_a.pk),
        "hr",
        data=lambda w: {"name_en": "Law department"},
    ),
    Case(
        "unit_delete",
        "delete",
        lambda w: _url(
            "org-unit", Unit.objects.create(organisation=w.org, parent=w.root, name_kk="Бос").pk
        ),
        "hr",
        success=204,
    ),
    Case(
        "position_get",
        "get",
        lambda w: _url("org-position", w.a_staff1_assignment.position_id),
        "member",
    ),
    Case(
        "position_patch",
        "patch",
        lambda w: _url("org-position", w.a_staff1_assignment.position_id),
        "hr",
        data=lambda w: {"category": "в-2"},
    ),
    Case(
        "position_delete",
        "delete",
        lambda w: _url("org-position", _vacancy(w).pk),
        "hr",
        success=204,
    ),
    Case("servant_get", "get", lambda w: _url("org-servant", w.a_staff1.pk), "personal"),
    Case(
        "servant_patch",
        "patch",
        lambda w: _url("org-servant", w.a_staff1.pk),
        "hr",
        data=lambda w: {"email": "aigul@example.kz"},
    ),
    Case(
        "servant_appoint",
        "post",
        lambda w: _url("org-servant-appoint", ServantFactory(organisation=w.org, user=None).pk),
        "hr",
        success=201,
        data=lambda w: {"position": _vacancy(w).pk, "start": "2026-05-11"},
    ),
    Case(
        "servant_transfer",
        "post",
        lambda w: _url("org-servant-transfer", w.a_staff1.pk),
        "hr",
        success=201,
        data=lambda w: {"position": _vacancy(w).pk, "start": "2026-06-01"},
    ),
    Case(
        "servant_dismiss",
        "post",
        lambda w: _url("org-servant-dismiss", w.a_staff1.pk),
        "hr",
        data=lambda w: {"end": "2026-06-30"},
    ),
    Case(
        "assignment_managers",
        "patch",
        lambda w: _url("org-assignment-managers", w.a_staff1_assignment.pk),
        "hr",
        data=lambda w: {"direct_manager": w.deputy.pk, "reason": "Бұйрық № 7"},
    ),
    Case(
        "absences_get",
        "get",
        lambda w: _url("org-servant-absences", w.a_staff1.pk),
        "personal",
    ),
    Case(
        "absences_post",
        "post",
        lambda w: _url("org-servant-absences", w.a_staff1.pk),
        "hr",
        success=201,
        data=lambda w: {"kind": "sick_leave", "start": "2026-05-04", "end": "2026-05-06"},
    ),
    Case("absence_get", "get", lambda w: _url("org-absence", _absence(w).pk), "personal"),
    Case(
        "absence_patch",
        "patch",
        lambda w: _url("org-absence", _absence(w).pk),
        "hr",
        data=lambda w: {"end": "2026-07-20"},
    ),
    Case(
        "absence_delete",
        "delete",
        lambda w: _url("org-absence", _absence(w).pk),
        "hr",
        success=204,
    ),
    Case(
        "role_delete",
        "delete",
        lambda w: _url("org-role", RoleAssignment.objects.get(user=w.hr_staff_user).pk),
        "admin",
        success=204,
    ),
    Case(
        "edition_delete",
        "delete",
        lambda w: _url(
            "org-edition",
            EditionAssignment.objects.create(
                organisation=w.org, edition="sjc-2023", valid_from=D(2027, 1, 1)
            ).pk,
        ),
        "admin",
        success=204,
    ),
    Case(
        "calendar_transfer_delete",
        "delete",
        lambda w: _url(
            "org-calendar-transfer", CalendarTransfer.objects.create(working_day=D(2026, 6, 6)).pk
        ),
        "any_admin",
        success=204,
    ),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix_of_the_row_endpoints(world, actors, api, case, actor):
    url, data = case.url(world), case.data(world)
    expected = 403 if actor == "anonymous" else POLICIES[case.policy][actor]
    before = take_snapshot()
    response = getattr(api(actors[actor]), case.method)(url, data, format="json")
    if expected == OK:
        assert response.status_code == case.success, response.content
        assert (take_snapshot() != before) is (case.method != "get")
        return
    assert response.status_code == expected, response.content
    error_of(response)
    assert take_snapshot() == before


@pytest.mark.parametrize(
    ("user", "expected"),
    [("a_staff1_user", 200), ("a_head_user", 200), ("deputy_user", 200), ("a_staff2_user", 403)],
)
def test_the_servant_and_their_managers_read_the_personal_data(world, api, user, expected):
    response = api(getattr(world, user)).get(_url("org-servant", world.a_staff1.pk))
    assert response.status_code == expected


def test_the_servant_cannot_change_their_own_record(world, api):
    before = take_snapshot()
    client = api(world.a_staff1_user)
    response = client.patch(_url("org-servant", world.a_staff1.pk), {"last_name": "X"})
    assert response.status_code == 403
    error_of(response)
    absences = _url("org-servant-absences", world.a_staff1.pk)
    response = client.post(
        absences, {"kind": "training", "start": "2026-05-04", "end": "2026-05-04"}
    )
    assert response.status_code == 403
    assert take_snapshot() == before


# --- the permission matrix of the organisation endpoints ---------------------------------------

LISTS = [
    ("org-units", "member"),
    ("org-positions", "member"),
    ("org-servants", "member"),
    ("org-editions", "member"),
    ("org-roles", "admin"),
    ("org-calendar-transfers", "anyone"),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("name", "policy"), LISTS, ids=[n for n, _ in LISTS])
def test_permission_matrix_of_the_lists(world, actors, api, name, policy, actor):
    before = take_snapshot()
    response = api(actors[actor]).get(_url(name))
    if actor == "anonymous":
        expected = 403
    elif policy == "anyone":
        expected = 200
    elif actor == "outsider":
        expected = 404
    elif policy == "admin":
        expected = 200 if actor in {"admin", "other_admin"} else 403
    else:
        expected = 200
    assert response.status_code == expected
    if expected != 200:
        error_of(response)
    assert take_snapshot() == before


def test_lists_show_only_the_callers_organisation(world, other, api):
    names = [u["name_kk"] for u in api(other.user).get(_url("org-units")).json()]
    assert names == ["Басқа бөлім"]
    servants = api(other.user).get(_url("org-servants")).json()
    assert [s["id"] for s in servants] == [other.servant.pk]
    response = api(other.user).get(_url("org-units"), {"organisation": world.org.pk})
    assert response.status_code == 404
    error_of(response)


CREATES = [
    ("org-units", "hr", lambda w: {"name_kk": "Жаңа бөлім", "parent": w.root.pk}),
    (
        "org-positions",
        "hr",
        lambda w: {"unit": w.unit_b.pk, "name_kk": "Жаңа лауазым", "category": "C-0-1"},
    ),
    ("org-servants", "hr", lambda w: {"last_name": "Жаңаев", "first_name": "Ерік"}),
    ("org-roles", "admin", lambda w: {"user": w.a_staff1_user.pk, "role": "hr"}),
    ("org-editions", "admin", lambda w: {"edition": "sjc-2023", "valid_from": "2027-01-01"}),
    ("org-calendar-transfers", "any_admin", lambda w: {"working_day": "2026-06-06"}),
]


@pytest.mark.parametrize(
    "actor", ["anonymous", "outsider", "other_servant", "staff", "hr", "hr_head", "admin"]
)
@pytest.mark.parametrize(("name", "policy", "data"), CREATES, ids=[n for n, _, _ in CREATES])
def test_permission_matrix_of_the_creations(world, actors, api, name, policy, data, actor):
    body = data(world)
    before = take_snapshot()
    response = api(actors[actor]).post(_url(name), body, format="json")
    allowed = {
        "hr": {"hr", "hr_head"},
        "admin": {"admin"},
        "any_admin": {"admin"},
    }[policy]
    if actor in allowed:
        assert response.status_code == 201, response.content
        assert take_snapshot() != before
        return
    if actor == "anonymous":
        expected = 403
    elif actor == "outsider":
        expected = 403 if policy == "any_admin" else 404
    elif actor == "other_servant" and name == "org-positions":
        expected = 404  # the unit named is in an organisation they do not belong to
    else:
        # Units, servants, roles and editions would go to their own organisation, where they
        # are neither HR nor the administrator.
        expected = 403
    assert response.status_code == expected, response.content
    error_of(response)
    assert take_snapshot() == before


# --- data --------------------------------------------------------------------------------------


def test_units_come_as_a_tree(world, api):
    units = api(world.a_staff1_user).get(_url("org-units")).json()
    assert [(u["name_en"], u["depth"], u["parent"]) for u in units] == [
        ("Apparatus", 0, None),
        ("Legal department", 1, world.root.pk),
        ("Analytics department", 1, world.root.pk),
        ("HR sector", 1, world.root.pk),
    ]
    assert units[1]["name"] == "Legal department"


def test_positions_show_their_holder_or_a_vacancy(world, api):
    vacancy = PositionFactory(unit=world.unit_b, category="B-5")
    rows = api(world.a_staff1_user).get(_url("org-positions"), {"unit": world.unit_b.pk}).json()
    by_id = {row["id"]: row for row in rows}
    assert by_id[vacancy.pk]["holder"] is None
    held = by_id[world.b_staff1_assignment.position_id]
    assert held["holder"] == {"id": world.b_staff1.pk, "full_name": world.b_staff1.full_name}
    assert held["category"] == "B-4"
    assert held["is_manager"] is False


def test_servants_come_with_their_post_and_managers(world, api):
    rows = api(world.a_staff2_user).get(_url("org-servants"), {"q": "әлиев"}).json()
    assert [r["id"] for r in rows] == [world.a_head.pk]
    row = rows[0]
    assert row["current_assignment"]["position"] == world.a_head_assignment.position_id
    assert row["current_assignment"]["unit_name"]
    assert row["direct_manager"] == {"id": world.deputy.pk, "full_name": world.deputy.full_name}
    assert row["direct_manager_overridden"] is True
    assert row["superior_manager"]["id"] == world.head.pk
    assert row["superior_manager_overridden"] is False
    assert "assignments" not in row
    assert "absences" not in row


def test_the_personal_record_has_history_probation_and_absences(world, api):
    world.a_staff1_assignment.probation_until = D(2026, 6, 30)
    world.a_staff1_assignment.save()
    AbsenceFactory(servant=world.a_staff1, start=D(2026, 3, 2), end=D(2026, 3, 6))
    body = api(world.a_head_user).get(_url("org-servant", world.a_staff1.pk)).json()
    assert body["on_probation_until"] == "2026-06-30"
    assert body["username"] == "a_staff1"
    assert [a["kind"] for a in body["assignments"]] == ["appointment"]
    assert body["absences"][0]["start"] == "2026-03-02"
    assert body["direct_manager"]["id"] == world.a_head.pk


def test_hr_manages_a_servant_through_the_api(world, api):
    client = api(world.hr_staff_user)
    created = client.post(
        _url("org-servants"),
        {
            "last_name": "Жаңаев",
            "first_name": "Ерік",
            "username": "zhanayev",
            "password": "Kazakh-Steppe-2026",
        },
        format="json",
    )
    assert created.status_code == 201
    servant_id = created.json()["id"]
    assert created.json()["username"] == "zhanayev"
    assert "password" not in created.json()
    vacancy = PositionFactory(unit=world.unit_b, category="B-5")
    appointed = client.post(
        _url("org-servant-appoint", servant_id),
        {"position": vacancy.pk, "start": "2026-05-11", "probation_until": "2026-08-10"},
        format="json",
    )
    assert appointed.status_code == 201
    assert appointed.json()["probation_until"] == "2026-08-10"
    other_post = PositionFactory(unit=world.unit_a, category="B-5")
    transferred = client.post(
        _url("org-servant-transfer", servant_id),
        {"position": other_post.pk, "start": "2026-07-01"},
        format="json",
    )
    assert transferred.json()["kind"] == "transfer"
    dismissed = client.post(
        _url("org-servant-dismiss", servant_id), {"end": "2026-09-30"}, format="json"
    )
    assert dismissed.json()["end_reason"] == "dismissal"
    history = client.get(_url("org-servant", servant_id)).json()["assignments"]
    assert [(a["start"], a["end"], a["end_reason"]) for a in history] == [
        ("2026-07-01", "2026-09-30", "dismissal"),
        ("2026-05-11", "2026-06-30", "transfer"),
    ]


def test_patch_keeps_the_fields_left_out(world, api):
    client = api(world.hr_staff_user)
    response = client.patch(
        _url("org-position", world.a_head_assignment.position_id),
        {"provides_services": True},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (
        body["category"],
        body["heads_unit"],
        body["is_manager"],
        body["provides_services"],
    ) == (
        "B-1",
        True,
        True,
        True,
    )
    managers = client.patch(
        _url("org-assignment-managers", world.a_head_assignment.pk), {}, format="json"
    )
    assert managers.json()["direct_manager_override"] == world.deputy.pk
    cleared = client.patch(
        _url("org-assignment-managers", world.a_head_assignment.pk),
        {"direct_manager": None},
        format="json",
    )
    assert cleared.json()["direct_manager_override"] is None


# --- errors ------------------------------------------------------------------------------------


def test_a_domain_error_is_400_naming_the_field(world, api):
    before = take_snapshot()
    response = api(world.hr_staff_user).post(
        _url("org-positions"),
        {"unit": world.unit_b.pk, "name_kk": "X", "category": "B-9"},
        format="json",
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["field"] == "category"
    assert "B-9" in error["message"]
    assert take_snapshot() == before


def test_an_overlapping_absence_is_400_at_start(world, api):
    AbsenceFactory(servant=world.a_staff1, start=D(2026, 5, 1), end=D(2026, 5, 10))
    before = take_snapshot()
    response = api(world.hr_staff_user).post(
        _url("org-servant-absences", world.a_staff1.pk),
        {"kind": "training", "start": "2026-05-10", "end": "2026-05-12"},
        format="json",
    )
    assert response.status_code == 400
    assert error_of(response)["field"] == "start"
    assert take_snapshot() == before


def test_a_malformed_body_is_400_naming_the_field(world, api):
    response = api(world.hr_staff_user).post(
        _url("org-servant-dismiss", world.a_staff1.pk), {"end": "31.02.2026"}, format="json"
    )
    assert response.status_code == 400
    assert error_of(response)["field"] == "end"
    response = api(world.hr_staff_user).post(_url("org-units"), {}, format="json")
    assert response.status_code == 400
    assert error_of(response)["field"] == "name_kk"


def test_a_stale_version_is_409(world, api):
    client = api(world.hr_staff_user)
    stale = world.unit_a.version
    assert (
        client.patch(
            _url("org-unit", world.unit_a.pk), {"order": 9, "version": stale}, format="json"
        ).status_code
        == 200
    )
    before = take_snapshot()
    response = client.patch(
        _url("org-unit", world.unit_a.pk), {"order": 3, "version": stale}, format="json"
    )
    assert response.status_code == 409
    assert error_of(response)["field"] == "version"
    assert take_snapshot() == before


def test_not_found_and_forbidden_bodies(world, api):
    missing = api(world.hr_staff_user).get(_url("org-servant", 999999))
    assert missing.status_code == 404
    assert error_of(missing)["field"] == "$"
    anonymous = api(None).get(_url("org-units"))
    assert anonymous.status_code == 403
    assert error_of(anonymous)["field"] == "$"


def test_a_refused_cycle_and_a_refused_delete(world, api):
    client = api(world.hr_staff_user)
    before = take_snapshot()
    cycle = client.patch(
        _url("org-unit", world.root.pk), {"parent": world.unit_a.pk}, format="json"
    )
    assert cycle.status_code == 400
    assert error_of(cycle)["field"] == "parent"
    held = client.delete(_url("org-position", world.a_staff1_assignment.position_id))
    assert held.status_code == 400
    assert error_of(held)["field"] == "position"
    assert take_snapshot() == before


def test_admin_endpoints(world, api):
    client = api(world.admin_user)
    roles = client.get(_url("org-roles")).json()
    assert {(r["username"], r["role"]) for r in roles} >= {("hr_staff", "hr"), ("admin", "admin")}
    only_admin = RoleAssignment.objects.get(organisation=world.org, role=Role.ADMIN)
    last = client.delete(_url("org-role", only_admin.pk))
    assert last.status_code == 400
    assert error_of(last)["field"] == "role"
    weekday = client.post(
        _url("org-calendar-transfers"), {"working_day": "2026-06-10"}, format="json"
    )
    assert weekday.status_code == 400
    assert error_of(weekday)["field"] == "working_day"
    editions = client.get(_url("org-editions")).json()
    assert [(e["edition"], e["valid_from"]) for e in editions] == [("sjc-2023", "2023-03-14")]
    unknown = client.post(
        _url("org-editions"), {"edition": "nope", "valid_from": "2027-01-01"}, format="json"
    )
    assert unknown.status_code == 400
    assert error_of(unknown)["field"] == "edition"


def test_the_servant_record_count_is_untouched_by_reads(world, api):
    before = Servant.objects.count()
    api(world.hr_staff_user).get(_url("org-servants"))
    assert Servant.objects.count() == before


def test_the_openapi_schema_of_the_org_endpoints_is_valid(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        "--urlconf",
        "tests.org.api_urls",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(target),
    )
    schema = target.read_text()
    for path in ("/api/v1/org/units/", "/api/v1/org/servants/{servant_id}/appoint/"):
        assert path in schema
