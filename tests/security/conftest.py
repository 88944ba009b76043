"""Shared by the security tests: API clients, the whole database as a comparable snapshot."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from rest_framework.test import APIClient

# Rows a refused request may leave: sessions, the lock-out bookkeeping, the audited reads.
IGNORED = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def db_state() -> dict[str, Any]:
    """Every row of every table (audit: only the entries that record a change)."""
    state: dict[str, Any] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in IGNORED or model._meta.proxy:
            continue
        rows = model._default_manager.all()
        if label == "audit.auditentry":
            rows = rows.exclude(action__startswith="view")
        state[label] = list(rows.order_by("pk").values())
    return state


@pytest.fixture
def api():
    """An API client authenticated as `user` (anonymous for None), reading English."""

    def login(user: Any) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_authenticate(user)
        return client

    return login
