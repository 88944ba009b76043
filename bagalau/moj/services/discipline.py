"""Discipline records: the dated breaches of executive and labour discipline a quarter's sheet
is checked against (seed 001 p.20-24; EDITIONS.md §5.2 D1, §9.4 M-22)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.moj.access import recording_sources, servant_get_for
from bagalau.moj.common import rules_on
from bagalau.moj.models import SOURCES_OF_KIND, BreachSource, DisciplineRecord

if TYPE_CHECKING:
    from bagalau.core.types import User


def discipline_record_create(
    *,
    actor: User,
    servant_id: int,
    kind: str,
    source: str,
    day: dt.date | None,
    evidence: str,
) -> DisciplineRecord:
    """Record one breach (M-22: one fact, one record): its kind (the edition's
    ``quarter.breaches``: executive or labour discipline), its source (executive: the
    document-flow service or the direct manager, p.20; labour: HR or the direct manager, p.21),
    its date (required, not in the future, on a day the organisation evaluates under moj-2017)
    and its evidence (the document or the facts, p.20 "құжатпен расталған"). Who may record from
    which source: `access.recording_sources`."""
    evidence = (evidence or "").strip()
    if day is None:
        raise DomainError("day", N_("Give the date of the breach."))
    servant = servant_get_for(user=actor, id=servant_id, day=day)
    allowed = recording_sources(actor, servant, day)
    if not allowed:
        raise PermissionDenied("Only the HR service or the direct manager records breaches.")
    rules = rules_on(servant.organisation, day)
    kinds = [code for code, _ in rules.breaches]
    if kind not in kinds:
        raise DomainError(
            "kind", N_("Choose one of the kinds of breach: %(codes)s."), codes=", ".join(kinds)
        )
    sources = SOURCES_OF_KIND.get(kind, ())
    if source not in sources:
        raise DomainError(
            "source",
            N_("A breach of this kind is reported by: %(sources)s."),
            sources=", ".join(sources),
        )
    if source not in allowed:
        raise PermissionDenied("You do not record breaches reported by this source.")
    if day > clock.today():
        raise DomainError("day", N_("A breach cannot be dated in the future."))
    if not evidence:
        raise DomainError("evidence", N_("Say what documents the breach."))
    with transaction.atomic():
        record = DisciplineRecord.objects.create(
            servant=servant,
            kind=kind,
            source=BreachSource(source),
            day=day,
            evidence=evidence,
            recorded_by=account(actor),
        )
        audit_log(
            actor=actor,
            action="create",
            obj=record,
            changes={
                "kind": (None, kind),
                "source": (None, source),
                "day": (None, day),
                "evidence": (None, evidence),
            },
        )
    return record
