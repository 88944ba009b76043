"""The one step every `<thing>_get_for(user=, id=)` access choke point shares: the row among those
the user may see, else Http404, so that a row the user may not see and a missing row look alike.
The services that lock a row for a write (or look for one among an object's own rows) find it
the same way."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

_M = TypeVar("_M", bound=Model)


def visible_one(rows: QuerySet[_M], id: int, missing: str) -> _M:
    """The row `id` among `rows` (the ones a user may see, or locks), else Http404 saying
    `missing`. The rows' default order is dropped: one row needs none, and ordering by the
    joined columns of a model's `Meta.ordering` cost the planner more than the read (an
    evaluation's: 8.5 ms of planning at 10,000 servants)."""
    found = rows.filter(pk=id).order_by().first()
    if found is None:
        raise Http404(missing)
    return found
