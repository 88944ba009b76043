"""The API's errors are its JSON, whatever the attack (issue 8, item 5): an unknown URL, an id that
is not a number, a body nested 1,000 levels, a body over the limit, a query parameter that is not
a number, a text over its bound. Nothing is written."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory

from bagalau.api.errors import server_error
from bagalau.org.models import Unit
from tests.factories import EvaluationFactory, PeriodFactory, ScheduleFactory
from tests.security.conftest import db_state

UNITS = "/api/v1/org/units/"


def error(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/nothing/",
        "/api/v2/org/units/",
        "/api/v1/org/units/abc/",
        "/api/v1/org/units/%D9%A4/",  # "٤"
        "/api/v1/org/units/1.5/",
        "/api/v1/evaluations/-1/",
        "/api/v1/plans/%00/",
    ],
    ids=["unknown", "version", "letters", "arabic-digit", "decimal", "negative", "nul"],
)
@pytest.mark.parametrize("who", ["anonymous", "hr"])
def test_unknown_url_or_non_integer_id_is_a_json_404(world, api, url, who):
    client = api(None if who == "anonymous" else world.hr_staff_user)
    response = client.get(url)
    assert response.status_code == 404
    assert error(response) == {"field": "$", "message": "Not found."}


def test_body_nested_a_thousand_levels_is_a_400_not_a_recursion_error(world, api):
    before = db_state()
    body = "[" * 1000 + "]" * 1000
    response = api(world.hr_staff_user).post(UNITS, body, content_type="application/json")
    assert response.status_code == 400
    assert error(response)["field"] == "$"
    assert "nested too deeply" in error(response)["message"]
    assert db_state() == before


def test_nesting_just_over_the_limit_is_refused_and_at_the_limit_is_parsed(world, api):
    client = api(world.hr_staff_user)
    deep = {"name_kk": "Бөлім", "extra": json.loads("[" * 19 + "]" * 19)}  # 20 levels in all
    assert client.post(UNITS, deep, format="json").status_code == 201
    deeper = {"name_kk": "Бөлім", "extra": json.loads("[" * 20 + "]" * 20)}
    response = client.post(UNITS, deeper, format="json")
    assert response.status_code == 400
    assert "nested too deeply" in error(response)["message"]


def test_a_one_megabyte_justification_is_a_json_413_and_nothing_changes(world, api):
    before = db_state()
    body = json.dumps({"name_kk": "x" * (1024 * 1024)})
    response = api(world.hr_staff_user).post(UNITS, body, content_type="application/json")
    assert response.status_code == 413
    assert error(response)["field"] == "$"
    assert "at most 1048576 bytes" in error(response)["message"]
    assert db_state() == before


@pytest.mark.parametrize("kind", ["json", "form", "multipart"])
def test_a_body_over_the_limit_is_413_in_every_encoding(world, api, settings, kind):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    before = db_state()
    client = api(world.hr_staff_user)
    data = {"name_kk": "Бөлім " * 400}
    if kind == "json":
        response = client.post(UNITS, data, format="json")
    elif kind == "form":
        response = client.post(
            UNITS,
            "name_kk=" + "x" * 3000,
            content_type="application/x-www-form-urlencoded",
        )
    else:
        response = client.post(UNITS, data, format="multipart")
    assert response.status_code == 413
    assert error(response)["field"] == "$"
    assert db_state() == before


def test_a_string_over_the_long_text_bound_anywhere_in_json_is_refused_with_its_path(world, api):
    before = db_state()
    body = {"name_kk": "Бөлім", "extra": {"deep": ["ok", "x" * 4001]}}
    response = api(world.hr_staff_user).post(UNITS, body, format="json")
    assert response.status_code == 400
    assert error(response)["field"] == "extra.deep[1]"
    assert db_state() == before


@pytest.mark.parametrize(
    ("field", "value", "created"),
    [("name_kk", "Б" * 300, True), ("name_kk", "Б" * 301, False), ("name_ru", "Б" * 5000, False)],
    ids=["at-bound", "one-over", "far-over"],
)
def test_unit_names_are_bounded_by_their_column(world, api, field, value, created):
    body = {"name_kk": "Бөлім", field: value}
    response = api(world.hr_staff_user).post(UNITS, body, format="json")
    assert (response.status_code == 201) is created
    if not created:
        assert response.status_code == 400
        assert error(response)["field"] == field
        assert not Unit.objects.filter(name_kk=body["name_kk"]).exclude(pk=world.root.pk).exists()


@pytest.mark.parametrize("value", ["abc", "٤", "²", "1.0", "-1", "9" * 30], ids=str)
def test_a_query_parameter_that_is_not_a_whole_number_is_a_400_naming_it(world, api, value):
    response = api(world.hr_staff_user).get("/api/v1/org/positions/", {"unit": value})
    assert response.status_code == 400
    assert error(response)["field"] == "unit"


def test_a_whole_number_query_parameter_still_filters(world, api):
    response = api(world.hr_staff_user).get("/api/v1/org/positions/", {"unit": world.unit_b.pk})
    assert response.status_code == 200
    assert {row["unit"] for row in response.json()} == {world.unit_b.pk}


@pytest.mark.parametrize("value", ["2026-13-01", "٢٠٢٦-٠١-٠١", "1999-12-31", "2101-01-01", "x"])
def test_audit_dates_out_of_shape_or_range_are_a_400(world, api, value):
    response = api(world.hr_head_user).get("/api/v1/audit/entries/", {"since": value})
    assert response.status_code == 400
    assert error(response)["field"] == "since"


def test_the_audit_list_is_the_paginated_object_its_schema_documents(world, api):
    response = api(world.hr_head_user).get("/api/v1/audit/entries/")
    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}
    assert api(world.hr_head_user).get("/api/v1/audit/entries/", {"page": 99}).status_code == 404


def test_a_server_error_under_the_api_is_json():
    request = RequestFactory().get("/api/v1/org/units/")
    response = server_error(request)
    assert response.status_code == 500
    assert json.loads(response.content) == {
        "error": {"field": "$", "message": "A server error occurred."}
    }
    page = server_error(RequestFactory().get("/org/"))
    assert page["Content-Type"].startswith("text/html")


def test_api_answers_and_result_pages_are_not_stored(world, api, client):
    assert "no-store" in api(world.hr_staff_user).get(UNITS)["Cache-Control"]
    assert "no-store" in api(None).get(UNITS)["Cache-Control"]
    client.force_login(world.a_staff1_user)
    assert "no-store" in client.get("/evaluations/mine/", follow=True)["Cache-Control"]
    assert "no-store" in client.get("/")["Cache-Control"]


def test_pages_carry_the_content_security_policy(client, world):
    client.force_login(world.hr_staff_user)
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize(
    ("language", "not_found", "forbidden"),
    [
        ("kk", "Табылмады.", "Сізде бұл әрекетті орындауға рұқсат жоқ."),
        ("ru", "Не найдено.", "У вас нет прав на выполнение этого действия."),
        ("en", "Not found.", "You do not have permission to perform this action."),
    ],
)
def test_a_refusal_speaks_the_request_language_and_not_yours_reads_as_missing(
    world, api, language, not_found, forbidden
):
    """An evaluation that is not the caller's and one that does not exist answer the same 404,
    and a refusal the same 403, each in the request's language (the lookups' own reasons are
    English notes for the code's readers)."""
    others = EvaluationFactory(
        period=PeriodFactory(schedule=ScheduleFactory(organisation=world.org)),
        servant=world.a_staff1,
        assignment=world.a_staff1_assignment,
        evaluator=world.a_head,
    )
    client = api(world.b_staff1_user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    before = db_state()
    answers = [client.get(f"/api/v1/evaluations/{pk}/") for pk in (others.pk, others.pk + 1000)]
    assert [a.status_code for a in answers] == [404, 404]
    assert [error(a) for a in answers] == [{"field": "$", "message": not_found}] * 2
    refused = client.get(f"/api/v1/documents/retention/due/?organisation={world.org.pk}")
    assert refused.status_code == 403
    assert error(refused) == {"field": "$", "message": forbidden}
    assert db_state() == before
