"""What the query counts of whole-organisation operations depend on besides the operation."""

from django.db import connection


def notice_ids() -> int:
    """The query `core.bulk.bulk_insert(..., ids=True)` runs on PostgreSQL before its COPY, once
    per batch of notices: their primary keys drawn from the sequence (SQLite's INSERT returns
    them). A count asserted "the same at any size" adds it where the operation notifies."""
    return 1 if connection.vendor == "postgresql" else 0


def bulk_change_extra() -> int:
    """The queries `core.bulk.bulk_change` runs on PostgreSQL besides its UPDATE (a temporary
    table made, filled by COPY, dropped); elsewhere it is `bulk_update`, one UPDATE a batch."""
    return 3 if connection.vendor == "postgresql" else 0
