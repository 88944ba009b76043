"""Every printed form (documents.printed) is downloadable on the web and through the API at the
same path, and the API schema names each one; a form added to the table cannot miss either."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bagalau.documents.printed import FORMS

IDS = re.compile(r"<int:(\w+)>")


def _args(route: str) -> list[int]:
    return [7] * len(IDS.findall(route))


@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
def test_the_web_and_the_api_serve_the_form_at_the_same_path(form):
    web = reverse(f"documents:{form.name}", args=_args(form.route))
    api = reverse(f"api:documents_{form.name}", args=_args(form.route))
    assert web.endswith(api.removeprefix("/api/v1/documents/"))
    assert web != api


def test_the_forms_have_distinct_routes_names_and_operations():
    for key in ("route", "name", "api_operation"):
        values = [getattr(form, key) for form in FORMS]
        assert len(values) == len(set(values)), key


@pytest.mark.django_db
def test_the_schema_lists_every_form_with_its_readers(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pass"))
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operations = {
        operation["operationId"]: operation
        for item in schema["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for form in FORMS:
        assert operations[form.api_operation]["description"] == form.readers


@pytest.mark.django_db
@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
def test_an_anonymous_caller_gets_the_json_refusal(form, client):
    response = client.get(reverse(f"api:documents_{form.name}", args=_args(form.route)))
    assert response.status_code in (401, 403)
    assert response.json()["error"]
