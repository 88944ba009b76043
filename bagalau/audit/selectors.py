"""Reading the audit log: the head of the HR service of an organisation reads its entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.context import Viewer


def can_read_log(viewer: Viewer) -> bool:
    """Entries carry old and new results, so only who may see results org-wide reads them: the
    head of the HR service of the viewer's organisation (seed 002 p.20)."""
    return viewer.organisation is not None and viewer.is_hr_head


def audit_entries(
    viewer: Viewer,
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The entries of the viewer's organisation, newest first, filtered; Http404 for anyone
    else."""
    if not can_read_log(viewer):
        raise Http404("No audit log here.")
    entries = AuditEntry.objects.filter(organisation=viewer.organisation).select_related("actor")
    if "\x00" in actor + action + object_type + object_id:
        # No stored text holds a NUL (PostgreSQL cannot store one, and refuses it in a query).
        return entries.none()
    if actor:
        entries = entries.filter(actor__username=actor)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.order_by("-at", "-id")


#: The columns whose values the audit log page offers as filters (`present_values`).
FILTERED = ("action", "object_type", "actor_id")


def present_values(organisation_id: int, column: str) -> list[Any]:
    """The distinct values of `column` (one of FILTERED; never NULL) in the organisation's
    entries, smallest first: one index probe per value (a recursive query walks the
    (organisation, column) index from one value to the next), not a pass over the whole log,
    whose length grows with the organisation and the years (issue 12 item 3)."""
    if column not in FILTERED:
        raise ValueError(f"not a filtered column: {column!r}")
    quote = connection.ops.quote_name
    table, name = quote(AuditEntry._meta.db_table), quote(column)
    sql = (
        f"WITH RECURSIVE present(value) AS ("
        f"SELECT MIN({name}) FROM {table} WHERE organisation_id = %s "
        f"UNION ALL SELECT (SELECT MIN({name}) FROM {table} "
        f"WHERE organisation_id = %s AND {name} > present.value) "
        f"FROM present WHERE present.value IS NOT NULL) "
        f"SELECT value FROM present WHERE value IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [organisation_id, organisation_id])
        return [row[0] for row in cursor.fetchall()]
