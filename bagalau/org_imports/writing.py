"""Writing a checked plan: create what is new, update what differs, leave the rest untouched (so
importing the same file again changes nothing), with one audit entry per created or changed row.
Rows of the organisation that the file does not mention are kept as they are: the import never
deletes nor ends anything. Runs inside the caller's transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import models

from bagalau.audit.models import AuditEntry
from bagalau.audit.services import _plain
from bagalau.core import bounds, clock
from bagalau.core.bulk import bulk_change
from bagalau.core.types import account
from bagalau.org.models import Absence, Assignment, Organisation, Position, Servant, Unit
from bagalau.org_imports.checking import Existing, Plan
from bagalau.org_imports.models import ImportKey

if TYPE_CHECKING:
    from bagalau.core.types import User

NAMES = ("name_kk", "name_ru", "name_en")


class Writer:
    """Applies a plan for `actor` in `organisation`, counting what it created and updated."""

    def __init__(
        self,
        actor: User | None,
        organisation: Organisation,
        existing: Existing,
        on_row: Callable[[], None],
    ) -> None:
        self.actor, self.organisation, self.existing, self.on_row = (
            actor,
            organisation,
            existing,
            on_row,
        )
        self.account = account(actor) if actor is not None and actor.is_authenticated else None
        self.counts: dict[str, Counter[str]] = {}
        self.entries: list[AuditEntry] = []
        self.placed: set[int] = set()  # servants whose assignments were created or changed
        self.now = clock.now()

    def audit(self, action: str, obj: models.Model, changes: dict[str, tuple[Any, Any]]) -> None:
        """Queue the audit entry of a created or changed row."""
        self.entries.append(
            AuditEntry(
                actor=self.account,
                organisation=self.organisation,
                action=f"import_{action}",
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                summary=str(obj)[: bounds.TITLE],
                changes={f: [_plain(old), _plain(new)] for f, (old, new) in changes.items()},
            )
        )

    def _upsert(
        self,
        sheet: str,
        model: type[models.Model],
        found: Any,
        values: dict[str, Any],
        created: list[models.Model],
        changed: list[tuple[models.Model, dict[str, tuple[Any, Any]]]],
    ) -> Any:
        counts = self.counts.setdefault(sheet, Counter())
        self.on_row()
        if found is None:
            row = model(**values)
            created.append(row)
            counts["created"] += 1
            return row
        changes = {
            field: (getattr(found, field), value)
            for field, value in values.items()
            if getattr(found, field) != value
        }
        if changes:
            for field, (_old, new) in changes.items():
                setattr(found, field, new)
            changed.append((found, changes))
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        return found

    def _save(
        self,
        model: type[models.Model],
        created: list[models.Model],
        changed: list[tuple[models.Model, dict[str, tuple[Any, Any]]]],
        fields_of_new: Callable[[Any], dict[str, Any]],
    ) -> None:
        model._default_manager.bulk_create(created, batch_size=500)
        for row in created:
            self.audit("create", row, {k: (None, v) for k, v in fields_of_new(row).items()})
        fields = sorted({field for _row, changes in changed for field in changes})
        if changed:
            for row, _changes in changed:
                row.updated_at = self.now  # type: ignore[attr-defined]
                row.version += 1  # type: ignore[attr-defined]
            bulk_change([row for row, _ in changed], [*fields, "version", "updated_at"])
        for row, changes in changed:
            self.audit("update", row, changes)

    def run(self, plan: Plan) -> dict[str, dict[str, int]]:
        """Write the plan; returns created/updated/unchanged counts by sheet."""
        units = self.units(plan)
        positions = self.positions(plan, units)
        servants = self.servants(plan)
        self.assignments(plan, servants, positions)
        self.absences(plan, servants)
        AuditEntry.objects.bulk_create(self.entries, batch_size=500)
        return {sheet: dict(counts) for sheet, counts in self.counts.items() if counts}

    def units(self, plan: Plan) -> dict[str, Unit]:
        """Units by code: the new ones are made first, then every parent is set."""
        by_code = dict(self.existing.units)
        fresh_rows = [row for row in plan.units if row.values["code"] not in by_code]
        fresh = [
            Unit(
                organisation=self.organisation,
                order=row.values["order"],
                **{name: row.values[name] for name in NAMES},
            )
            for row in fresh_rows
        ]
        Unit.objects.bulk_create(fresh, batch_size=500)
        for row, unit in zip(fresh_rows, fresh, strict=True):
            by_code[row.values["code"]] = unit
        ImportKey.objects.bulk_create(
            [
                ImportKey(organisation=self.organisation, code=row.values["code"], unit=unit)
                for row, unit in zip(fresh_rows, fresh, strict=True)
            ],
            batch_size=500,
        )
        changed: list[Any] = []
        counts = self.counts.setdefault("units", Counter())
        for row in plan.units:
            v = row.values
            parent = by_code[v["parent_code"]] if v["parent_code"] else None
            values = {name: v[name] for name in NAMES} | {
                "order": v["order"],
                "parent_id": parent.pk if parent is not None else None,
            }
            found = self.existing.units.get(v["code"])
            if found is None:
                unit = by_code[v["code"]]
                unit.parent_id = values["parent_id"]
                counts["created"] += 1
                self.on_row()
                self.audit("create", unit, {k: (None, value) for k, value in values.items()})
            else:
                self._upsert("units", Unit, found, values, [], changed)
        if fresh:
            Unit.objects.bulk_update(fresh, ["parent"], batch_size=500)
        self._save(Unit, [], changed, lambda unit: {})
        return by_code

    def positions(self, plan: Plan, units: dict[str, Unit]) -> dict[str, Position]:
        """Positions by code."""
        by_code = dict(self.existing.positions)
        created: list[Any] = []
        changed: list[Any] = []
        fields = (
            "category",
            "heads_unit",
            "provides_services",
            "method_override",
            "method_override_reason",
            "order",
        )
        for row in plan.positions:
            v = row.values
            values = {name: v[name] for name in (*NAMES, *fields)}
            values["unit_id"] = units[v["unit_code"]].pk
            found = self.existing.positions.get(v["code"])
            by_code[v["code"]] = self._upsert(
                "positions", Position, found, values, created, changed
            )
        self._save(
            Position,
            created,
            changed,
            lambda p: {
                **{name: getattr(p, name) for name in (*NAMES, *fields)},
                "unit_id": p.unit_id,
            },
        )
        fresh = {id(position) for position in created}
        ImportKey.objects.bulk_create(
            [
                ImportKey(organisation=self.organisation, code=code, position=position)
                for code, position in by_code.items()
                if id(position) in fresh
            ],
            batch_size=500,
        )
        return by_code

    def servants(self, plan: Plan) -> dict[str, Servant]:
        """Servants by personnel number."""
        by_number = dict(self.existing.servants)
        created: list[Any] = []
        changed: list[Any] = []
        fields = ("last_name", "first_name", "patronymic", "email")
        for row in plan.servants:
            v = row.values
            values = {name: v[name] for name in fields}
            found = self.existing.servants.get(v["personnel_number"])
            if found is None:
                values |= {
                    "organisation": self.organisation,
                    "personnel_number": v["personnel_number"],
                }
            by_number[v["personnel_number"]] = self._upsert(
                "servants", Servant, found, values, created, changed
            )
        self._save(
            Servant,
            created,
            changed,
            lambda s: {name: getattr(s, name) for name in ("personnel_number", *fields)},
        )
        return by_number

    def assignments(
        self, plan: Plan, servants: dict[str, Servant], positions: dict[str, Position]
    ) -> None:
        """Assignments by (servant, position, start)."""
        held = {(a.servant_id, a.position_id, a.start): a for a in self.existing.assignments}
        created: list[Any] = []
        changed: list[Any] = []
        fields = ("end", "kind", "end_reason", "probation_until")
        for row in plan.assignments:
            v = row.values
            servant = servants[v["personnel_number"]]
            position = positions[v["position_code"]]
            values = {name: v[name] for name in fields}
            found = held.get((servant.pk, position.pk, v["start"]))
            if found is None:
                values |= {"servant": servant, "position": position, "start": v["start"]}
            self._upsert("assignments", Assignment, found, values, created, changed)
        self.placed = {a.servant_id for a in created} | {a.servant_id for a, _ in changed}
        self._save(
            Assignment,
            created,
            changed,
            lambda a: {
                "servant": a.servant_id,
                "position": a.position_id,
                "start": a.start,
                **{name: getattr(a, name) for name in fields},
            },
        )

    def absences(self, plan: Plan, servants: dict[str, Servant]) -> None:
        """Absences by (servant, kind, start)."""
        ids = [s.pk for s in servants.values() if s.pk is not None]
        known = {
            (a.servant_id, a.kind, a.start): a for a in Absence.objects.filter(servant_id__in=ids)
        }
        created: list[Any] = []
        changed: list[Any] = []
        for row in plan.absences:
            v = row.values
            servant = servants[v["personnel_number"]]
            values = {"end": v["end"], "note": v["note"]}
            found = known.get((servant.pk, v["kind"], v["start"]))
            if found is None:
                values |= {"servant": servant, "kind": v["kind"], "start": v["start"]}
            self._upsert("absences", Absence, found, values, created, changed)
        self._save(
            Absence,
            created,
            changed,
            lambda a: {
                "servant": a.servant_id,
                "kind": a.kind,
                "start": a.start,
                "end": a.end,
                "note": a.note,
            },
        )
