"""schemathesis against the API's own OpenAPI schema, in-process through the WSGI application:
every operation, for four roles (HR, the head of the HR service, a servant, an evaluator), a
bounded number of generated requests each, valid and invalid. No answer may be a server error,
an undocumented status, a body that does not match the documented schema or an undocumented
content type."""

from __future__ import annotations

import base64
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bagalau.core import clock as clock_module

EXAMPLES = 2  # per operation, role and mode: 116 operations x 4 roles x 2 modes x 2 = ~1,900 calls
ROLES = {
    "hr": "hr_staff",  # role hr
    "hr_head": "hr_head",  # role hr_head
    "servant": "a_staff1",  # evaluated by differentiation
    "evaluator": "a_head",  # evaluates a_staff1 and a_staff2
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]


@pytest.fixture
def wsgi_app():
    """The WSGI application, called in-process inside the test's transaction: like Django's test
    client, keep the request signals from closing the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _basic(username: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:pass".encode()).decode()


@pytest.mark.parametrize("role", list(ROLES))
def test_api_answers_no_server_error_and_conforms_to_its_schema(role, world, clock, wsgi_app):
    import datetime as dt

    clock(dt.date(2026, 4, 14))
    headers = {"Authorization": _basic(ROLES[role]), "Accept-Language": "en"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app, headers=headers)
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 100
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _exercise(operation, mode, headers, failures, statuses)
    assert clock_module.today() == dt.date(2026, 4, 14)
    print(role, sorted(statuses.items()))
    assert failures == [], "\n".join(failures[:40])
    # the calls did reach the API: successes and refusals both
    assert sum(n for code, n in statuses.items() if code < 300) > 20
    assert statuses[400] > 20


def _exercise(
    operation: Any,
    mode: GenerationMode,
    headers: dict[str, str],
    failures: list[str],
    statuses: Counter[int],
) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 — all reported together
            failures.append(f"{operation.label} [{mode.value}] {response.status_code}: {error}")

    try:
        run()
    except Exception as error:  # noqa: BLE001 — a generation error is a failure too
        failures.append(f"{operation.label} [{mode.value}] could not run: {error}")
