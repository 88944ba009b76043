"""Loading the demo in tests (tests/demo): the day it is loaded as of, the load itself and a
snapshot of the database to compare before and after a second load."""

from __future__ import annotations

import datetime as dt
import io

from django.apps import apps
from django.core.management import call_command

from bagalau.evaluations.models import Evaluation

DEMO_DAY = dt.date(2026, 11, 24)


def load(out: io.StringIO | None = None) -> str:
    out = out or io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, object]:
    """Every table's row count and every evaluation's state."""
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    states = list(Evaluation.objects.order_by("pk").values_list("pk", "status", "version"))
    return {"counts": counts, "evaluations": states}
