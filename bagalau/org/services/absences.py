"""Writes of the absences (SPEC §2): leave, sick leave, business trips and training, which move when
an open KPI evaluation is due (seed 002 p.5)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.org import signals
from bagalau.org.models import (
    Absence,
    AbsenceKind,
    Servant,
)
from bagalau.org.services.common import (
    _created,
    _locked,
    _log,
    _removed,
    _servant_for_hr,
    _update,
    check_version,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def _absence_values(
    servant: Servant,
    kind: str,
    start: dt.date,
    end: dt.date,
    note: str,
    absence: Absence | None = None,
) -> dict[str, Any]:
    if kind not in AbsenceKind.values:
        raise DomainError("kind", N_("Choose a kind of absence."))
    if end < start:
        raise DomainError("end", N_("The absence cannot end before it starts."))
    overlapping = servant.absences.filter(start__lte=end, end__gte=start)
    if absence is not None:
        overlapping = overlapping.exclude(pk=absence.pk)
    other = overlapping.order_by("start").first()
    if other is not None:
        raise DomainError(
            "start",
            N_("%(servant)s is already absent (%(kind)s) from %(from)s to %(to)s."),
            servant=servant.full_name,
            kind=other.get_kind_display(),
            to=day_text(other.end),
            **{"from": day_text(other.start)},
        )
    return {"kind": kind, "start": start, "end": end, "note": note.strip()}


def absence_create(
    *,
    actor: User,
    servant_id: int,
    kind: str,
    start: dt.date,
    end: dt.date,
    note: str = "",
) -> Absence:
    """Record a leave, sick leave, business trip, internship, retraining or training."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        values = _absence_values(servant, kind, start, end, note)
        absence = Absence.objects.create(servant=servant, **values)
        _log(actor, absence, "create", _created(values))
        _refresh_deferrals(actor, servant.pk)
        return absence


def _refresh_deferrals(actor: User, servant_id: int) -> None:
    """An absence changes when an open KPI evaluation is due (seed 002 p.5): the evaluations app
    listens (`org.signals.absence_changed`)."""
    signals.absence_changed.send(sender=Absence, actor=actor, servant_id=servant_id)


def _absence_for_hr(actor: User, absence_id: int) -> tuple[Absence, Servant]:
    absence = _locked(Absence, absence_id, "No such absence.")
    servant = _servant_for_hr(actor, absence.servant_id)
    return absence, servant


def absence_update(
    *,
    actor: User,
    absence_id: int,
    kind: str,
    start: dt.date,
    end: dt.date,
    note: str = "",
    version: int | None = None,
) -> Absence:
    """Correct an absence's kind, dates or note."""
    with transaction.atomic():
        absence, servant = _absence_for_hr(actor, absence_id)
        check_version(absence, version)
        if _update(actor, absence, _absence_values(servant, kind, start, end, note, absence)):
            _refresh_deferrals(actor, servant.pk)
        return absence


def absence_delete(*, actor: User, absence_id: int) -> None:
    """Remove an absence entered by mistake."""
    with transaction.atomic():
        absence, _servant = _absence_for_hr(actor, absence_id)
        held = {"kind": absence.kind, "start": absence.start, "end": absence.end}
        _log(actor, absence, "delete", _removed(held))
        servant_id = absence.servant_id
        absence.delete()
        _refresh_deferrals(actor, servant_id)
