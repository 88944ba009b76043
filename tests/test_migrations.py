"""The models and the migrations agree: a model changed without its migration would leave a
database that `migrate` builds unlike the code that reads it (docs/deployment.md: a release runs
`migrate`)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:  # --check exits 1 when a migration is missing
        pytest.fail(f"migrations missing (run makemigrations):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
