"""The shapes of the org endpoints: the responses (with the builders that fill them) and the
requests. Rows that can be edited carry `version`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from bagalau.api import serializers
from bagalau.core import bounds, clock
from bagalau.methodology import get_edition
from bagalau.methodology.structure import StructureRules
from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    EditionAssignment,
    MethodOverride,
    Position,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.org.selectors import StructureIndex, assignment_on, structure_rules

# --- serializers: responses --------------------------------------------------------------------


class ServantRefSerializer(serializers.Serializer[Any]):
    """A servant named in another row."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()


def _ref(servant: Servant | None) -> dict[str, Any] | None:
    return {"id": servant.pk, "full_name": servant.full_name} if servant is not None else None


class UnitSerializer(serializers.Serializer[Any]):
    """A structural unit; `depth` is its level in the tree (0 at the top)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    parent = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]
    order = serializers.IntegerField()
    depth = serializers.IntegerField()
    version = serializers.IntegerField()


def _unit(unit: Unit, depth: int) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "name": unit.name,
        "name_kk": unit.name_kk,
        "name_ru": unit.name_ru,
        "name_en": unit.name_en,
        "parent": unit.parent_id,
        "order": unit.order,
        "depth": depth,
        "version": unit.version,
    }


class PositionSerializer(serializers.Serializer[Any]):
    """A position with today's holder (null when vacant)."""

    id = serializers.IntegerField()
    unit = serializers.IntegerField()
    name = serializers.CharField()
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    category = serializers.CharField(help_text="Empty: the post is not evaluated.")
    heads_unit = serializers.BooleanField()
    is_manager = serializers.BooleanField(
        help_text="Evaluated by KPI: from the category (sjc-2023: B-1), unless overridden."
    )
    method_override = serializers.CharField(
        help_text='"kpi" or "differentiation" when HR overrides the category; empty otherwise.'
    )
    method_override_reason = serializers.CharField()
    provides_services = serializers.BooleanField()
    order = serializers.IntegerField()
    holder = ServantRefSerializer(allow_null=True)
    version = serializers.IntegerField()


def _position(
    position: Position, holder: Servant | None, rules: StructureRules | None = None
) -> dict[str, Any]:
    if rules is None:
        rules = structure_rules(position.unit.organisation, clock.today())
    return {
        "id": position.pk,
        "unit": position.unit_id,
        "name": position.name,
        "name_kk": position.name_kk,
        "name_ru": position.name_ru,
        "name_en": position.name_en,
        "category": position.category,
        "heads_unit": position.heads_unit,
        "is_manager": position.evaluated_by_kpi(rules),
        "method_override": position.method_override,
        "method_override_reason": position.method_override_reason,
        "provides_services": position.provides_services,
        "order": position.order,
        "holder": _ref(holder),
        "version": position.version,
    }


class AssignmentSerializer(serializers.Serializer[Any]):
    """A servant's time in a position; the manager fields are the overrides (null: derived)."""

    id = serializers.IntegerField()
    servant = serializers.IntegerField()
    position = serializers.IntegerField()
    position_name = serializers.CharField()
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    category = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    kind = serializers.CharField()
    end_reason = serializers.CharField()
    probation_until = serializers.DateField(allow_null=True)
    direct_manager_override = serializers.IntegerField(allow_null=True)
    superior_manager_override = serializers.IntegerField(allow_null=True)
    managers_reason = serializers.CharField(help_text="Why the managers are overridden.")
    version = serializers.IntegerField()


def _assignment(assignment: Assignment) -> dict[str, Any]:
    position = assignment.position
    return {
        "id": assignment.pk,
        "servant": assignment.servant_id,
        "position": position.pk,
        "position_name": position.name,
        "unit": position.unit_id,
        "unit_name": position.unit.name,
        "category": position.category,
        "start": assignment.start,
        "end": assignment.end,
        "kind": assignment.kind,
        "end_reason": assignment.end_reason,
        "probation_until": assignment.probation_until,
        "direct_manager_override": assignment.direct_manager_id,
        "superior_manager_override": assignment.superior_manager_id,
        "managers_reason": assignment.managers_reason,
        "version": assignment.version,
    }


class CurrentAssignmentSerializer(serializers.Serializer[Any]):
    """Where the servant works today (structure-level: no probation)."""

    id = serializers.IntegerField()
    position = serializers.IntegerField()
    position_name = serializers.CharField()
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    category = serializers.CharField()
    start = serializers.DateField()


class ServantSerializer(serializers.Serializer[Any]):
    """A servant with today's position and managers (derived from the structure unless
    overridden)."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()
    last_name = serializers.CharField()
    first_name = serializers.CharField()
    patronymic = serializers.CharField()
    personnel_number = serializers.CharField()
    current_assignment = CurrentAssignmentSerializer(allow_null=True)
    direct_manager = ServantRefSerializer(allow_null=True)
    direct_manager_overridden = serializers.BooleanField()
    superior_manager = ServantRefSerializer(allow_null=True)
    superior_manager_overridden = serializers.BooleanField()


class AbsenceSerializer(serializers.Serializer[Any]):
    """An absence (inclusive dates)."""

    id = serializers.IntegerField()
    servant = serializers.IntegerField()
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    note = serializers.CharField()
    version = serializers.IntegerField()


def _absence(absence: Absence) -> dict[str, Any]:
    return {
        "id": absence.pk,
        "servant": absence.servant_id,
        "kind": absence.kind,
        "start": absence.start,
        "end": absence.end,
        "note": absence.note,
        "version": absence.version,
    }


class ServantDetailSerializer(ServantSerializer):
    """The personal page: contact, login, probation, assignment history and absences."""

    email = serializers.CharField()
    username = serializers.CharField(allow_null=True)
    on_probation_until = serializers.DateField(allow_null=True)
    assignments = AssignmentSerializer(many=True)
    absences = AbsenceSerializer(many=True)
    version = serializers.IntegerField()


def _servant(
    servant: Servant, *, detail: bool = False, index: StructureIndex | None = None
) -> dict[str, Any]:
    day = clock.today()
    index = index or StructureIndex(servant.organisation, day)
    current = assignment_on(servant, day)
    data: dict[str, Any] = {
        "id": servant.pk,
        "full_name": servant.full_name,
        "last_name": servant.last_name,
        "first_name": servant.first_name,
        "patronymic": servant.patronymic,
        "personnel_number": servant.personnel_number,
        "current_assignment": None,
        "direct_manager": _ref(index.direct_manager(servant)),
        "direct_manager_overridden": bool(current and current.direct_manager_id),
        "superior_manager": _ref(index.superior_manager(servant)),
        "superior_manager_overridden": bool(current and current.superior_manager_id),
    }
    if current is not None:
        data["current_assignment"] = {
            "id": current.pk,
            "position": current.position_id,
            "position_name": current.position.name,
            "unit": current.position.unit_id,
            "unit_name": current.position.unit.name,
            "category": current.position.category,
            "start": current.start,
        }
    if detail:
        history = servant.assignments.select_related("position__unit").order_by("-start", "-pk")
        data.update(
            {
                "email": servant.email,
                "username": servant.user.get_username() if servant.user else None,
                "on_probation_until": (
                    current.probation_until
                    if current and current.probation_until and current.probation_until >= day
                    else None
                ),
                "assignments": [_assignment(a) for a in history],
                "absences": [_absence(a) for a in servant.absences.order_by("-start", "-pk")],
                "version": servant.version,
            }
        )
    return data


class RoleSerializer(serializers.Serializer[Any]):
    """A user's role in the organisation."""

    id = serializers.IntegerField()
    user = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.CharField()


def _role(granted: RoleAssignment) -> dict[str, Any]:
    return {
        "id": granted.pk,
        "user": granted.user_id,
        "username": granted.user.get_username(),
        "role": granted.role,
    }


class CalendarTransferSerializer(serializers.Serializer[Any]):
    """A transferred day off (national)."""

    id = serializers.IntegerField()
    working_day = serializers.DateField(allow_null=True)
    day_off = serializers.DateField(allow_null=True)
    note = serializers.CharField()


def _transfer(transfer: CalendarTransfer) -> dict[str, Any]:
    return {
        "id": transfer.pk,
        "working_day": transfer.working_day,
        "day_off": transfer.day_off,
        "note": transfer.note,
    }


class EditionSerializer(serializers.Serializer[Any]):
    """An edition in force in the organisation from a date."""

    id = serializers.IntegerField()
    edition = serializers.CharField()
    title = serializers.CharField()
    valid_from = serializers.DateField()


def _edition(assigned: EditionAssignment) -> dict[str, Any]:
    return {
        "id": assigned.pk,
        "edition": assigned.edition,
        "title": get_edition(assigned.edition).title.get(get_language() or "kk"),
        "valid_from": assigned.valid_from,
    }


# --- serializers: requests ---------------------------------------------------------------------


class VersionedInput(serializers.Serializer[Any]):
    """Send back the `version` you read to be refused when the row changed meanwhile."""

    version = serializers.IntegerField(required=False, allow_null=True)


class UnitInput(VersionedInput):
    name_kk = serializers.CharField(max_length=bounds.TITLE)
    name_ru = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    name_en = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    parent = serializers.IntegerField(  # type: ignore[assignment]
        required=False, allow_null=True, default=None
    )
    order = serializers.IntegerField(required=False, default=0)


class PositionInput(VersionedInput):
    unit = serializers.IntegerField()
    name_kk = serializers.CharField(max_length=bounds.TITLE)
    name_ru = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    name_en = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )
    category = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text='Such as "B-4", "в-4" or "C-0-1"; empty: not evaluated.',
    )
    heads_unit = serializers.BooleanField(required=False, default=False)
    method_override = serializers.ChoiceField(
        choices=["", *MethodOverride.values],
        required=False,
        default="",
        help_text="Empty: evaluated as the category says (sjc-2023: B-1 by KPI, the others by "
        "differentiation); otherwise HR's override, which needs method_override_reason.",
    )
    method_override_reason = serializers.CharField(required=False, allow_blank=True, default="")
    provides_services = serializers.BooleanField(required=False, default=False)
    order = serializers.IntegerField(required=False, default=0)


class ServantInput(VersionedInput):
    last_name = serializers.CharField(max_length=bounds.PERSON_NAME)
    first_name = serializers.CharField(max_length=bounds.PERSON_NAME)
    patronymic = serializers.CharField(
        max_length=bounds.PERSON_NAME, required=False, allow_blank=True, default=""
    )
    personnel_number = serializers.CharField(
        max_length=bounds.CODE, required=False, allow_blank=True, default=""
    )
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")


class NewServantInput(ServantInput):
    username = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    password = serializers.CharField(
        required=False, allow_blank=True, default="", write_only=True, trim_whitespace=False
    )


class AppointInput(serializers.Serializer[Any]):
    position = serializers.IntegerField()
    start = serializers.DateField()
    probation_until = serializers.DateField(required=False, allow_null=True, default=None)


class DismissInput(serializers.Serializer[Any]):
    end = serializers.DateField(help_text="The last day in the post.")


class ManagersInput(VersionedInput):
    direct_manager = serializers.IntegerField(required=False, allow_null=True, default=None)
    superior_manager = serializers.IntegerField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the structure's managers are overridden (required with an override).",
    )


class AbsenceInput(VersionedInput):
    kind = serializers.CharField(max_length=20)
    start = serializers.DateField()
    end = serializers.DateField()
    note = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )


class RoleInput(serializers.Serializer[Any]):
    user = serializers.IntegerField()
    role = serializers.CharField(max_length=20)


class CalendarTransferInput(serializers.Serializer[Any]):
    working_day = serializers.DateField(required=False, allow_null=True, default=None)
    day_off = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(
        max_length=bounds.TITLE, required=False, allow_blank=True, default=""
    )


class EditionInput(serializers.Serializer[Any]):
    edition = serializers.CharField(max_length=bounds.CODE)
    valid_from = serializers.DateField()
