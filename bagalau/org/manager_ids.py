"""`StructureIndex` over the whole organisation read as plain values: who manages whom among
100,000 servants without a model instance per post (issue 12 item 3). The rules are the
index's own methods (seed 002 p.2, p.29): only the rows differ, records with the attributes
those methods read, and every servant they answer is a `Known` (an id). `managers_today`
remembers its answers for every servant while `structure_stamp` is unchanged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from bagalau.core.memo import StampedMemo, rows_stamp
from bagalau.org.models import Assignment, Organisation, Position, Servant, Unit
from bagalau.org.selectors import StructureIndex, apparatus_heads, held_on, structure_rules


@dataclass(frozen=True, slots=True)
class Known:
    """A servant known by id only."""

    pk: int


@dataclass(frozen=True, slots=True)
class _Post:
    unit_id: int
    heads_unit: bool
    category: str


@dataclass(frozen=True, slots=True)
class _Held:
    servant_id: int
    servant: Known
    position: _Post
    direct_manager: Known | None
    superior_manager: Known | None


@dataclass(frozen=True, slots=True)
class _Unit:
    pk: int
    parent_id: int | None


class ManagerIds(StructureIndex):
    """The organisation's posts on `day` as values: ask it `manager_id_of(servant_id)`, or
    `superior_manager`, `unit_head`, `may_manage` and read `.pk` of the answer (never a
    servant's other fields)."""

    def __init__(self, organisation: Organisation, day: dt.date) -> None:  # noqa: PLW0231
        self.day = day
        self.rules = structure_rules(organisation, day)
        self.units = cast(
            dict[int, Unit],
            {
                pk: _Unit(pk, parent)
                for pk, parent in organisation.units.values_list("pk", "parent_id")
            },
        )
        known: dict[int, Known] = {}

        def servant(pk: int | None) -> Known | None:
            return None if pk is None else known.setdefault(pk, Known(pk))

        rows = held_on(Assignment.objects.all(), day).filter(
            position__unit__organisation=organisation
        )
        held = [
            _Held(
                servant_id,
                Known(servant_id),
                _Post(unit_id, heads, category),
                servant(direct),
                servant(superior),
            )
            for servant_id, unit_id, heads, category, direct, superior in rows.values_list(
                "servant_id",
                "position__unit_id",
                "position__heads_unit",
                "position__category",
                "direct_manager_id",
                "superior_manager_id",
            )
        ]
        self._index(organisation, cast(list[Assignment], held))


def structure_stamp(organisation: Organisation, day: dt.date) -> tuple[object, ...]:
    """What `ManagerIds(organisation, day)` answers from, in five small reads: the day, the
    edition's rules, who heads the apparatus, and a stamp of the units, posts and assignments
    (`core.memo.rows_stamp`). Equal stamps, equal answers."""
    return (
        day,
        structure_rules(organisation, day),
        apparatus_heads(organisation),
        rows_stamp(Unit.objects.filter(organisation=organisation), changed_at=True),
        rows_stamp(Position.objects.filter(unit__organisation=organisation), changed_at=True),
        rows_stamp(
            Assignment.objects.filter(position__unit__organisation=organisation), changed_at=True
        ),
    )


_MANAGERS: StampedMemo[dict[int, int | None]] = StampedMemo(size=4, shared="org.managers_today")


def managers_today(
    organisation: Organisation, day: dt.date, *, stamp: tuple[object, ...] | None = None
) -> dict[int, int | None]:
    """The direct manager (id, None where the structure names none) of every servant in post on
    `day`, by servant id, worked out once while the structure is unchanged (a second at
    100,000 servants; the stamp a tenth of that; `stamp`: the caller's fresh
    `structure_stamp`). Read it, never change it."""

    def work() -> dict[int, int | None]:
        index = ManagerIds(organisation, day)
        return {servant_id: index.manager_id_of(servant_id) for servant_id in index.assignment}

    stamp = stamp if stamp is not None else structure_stamp(organisation, day)
    return _MANAGERS.get_or_work(organisation.pk, stamp, work)


def reports_today(manager: Servant, day: dt.date) -> list[Servant]:
    """The servants whose direct manager `manager` is on `day` (`StructureIndex.subordinates`,
    by name), found in the remembered managers of the whole structure (`managers_today`): a
    page's list, not a decision (the services ask the structure themselves)."""
    managers = managers_today(manager.organisation, day)
    ids = [pk for pk, boss in managers.items() if boss == manager.pk and pk != manager.pk]
    return list(Servant.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))
