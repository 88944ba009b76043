"""What the database holds, to show that reading wrote nothing (issue 9 item 1: no GET request
writes): every table's rows, as a count and a digest of their values in key order."""

from __future__ import annotations

import hashlib

from django.apps import apps

#: Rows a read may write: who read a result is audited, a login keeps its session (and Django
#: notes its time on the account), django-axes logs the access.
READ_TRAIL = {"audit.auditentry", "sessions.session", "axes.accesslog"}
NOT_COMPARED = {"auth.user": {"last_login"}}


def stored_rows() -> dict[str, tuple[int, str]]:
    """Each table's (row count, digest of the rows), the read trail left out."""
    found = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in READ_TRAIL:
            continue
        skipped = NOT_COMPARED.get(label, set())
        columns = [f.attname for f in model._meta.concrete_fields if f.name not in skipped]
        rows = list(model.objects.order_by("pk").values_list(*columns))
        found[label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return found


def tables_changed(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list:
    """The tables whose rows differ, with their counts before and after."""
    return [
        f"{label}: {before[label][0]} rows, then {after[label][0]}"
        for label in before
        if before[label] != after[label]
    ]
