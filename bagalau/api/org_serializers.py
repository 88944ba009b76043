"""The shapes of the org endpoints, one serializer per shape serving the schema and the answer
(fields read from the row with `source=`, derived ones — depth, holder, today's managers — from
the context the endpoint gives, else computed), and the requests. Rows that can be edited carry
an integer `version`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from bagalau.api import serializers
from bagalau.core import bounds, clock
from bagalau.core.language import reader_language
from bagalau.methodology import get_edition
from bagalau.org.models import (
    Assignment,
    EditionAssignment,
    MethodOverride,
    Position,
    Servant,
    Unit,
)
from bagalau.org.selectors import StructureIndex, assignment_on, structure_rules, unit_tree

# --- serializers: responses --------------------------------------------------------------------


class ServantRefSerializer(serializers.Serializer[Any]):
    """A servant named in another row."""

    id = serializers.IntegerField(source="pk")
    full_name = serializers.CharField()


class UnitSerializer(serializers.Serializer[Any]):
    """A structural unit; `depth` is its level in the tree (0 at the top)."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)  # type: ignore[assignment]
    order = serializers.IntegerField()
    depth = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_depth(self, unit: Unit) -> int:
        # The tree's `depths` from the context (the list's), else the unit's organisation's.
        depths = self.context.get("depths")
        if depths is None:
            depths = {u.pk: depth for u, depth in unit_tree(unit.organisation)}
        return int(depths.get(unit.pk, 0))


class PositionSerializer(serializers.Serializer[Any]):
    """A position with today's holder (null when vacant)."""

    id = serializers.IntegerField(source="pk")
    unit = serializers.IntegerField(source="unit_id")
    name = serializers.CharField()
    name_kk = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()
    category = serializers.CharField(help_text="Empty: the post is not evaluated.")
    heads_unit = serializers.BooleanField()
    is_manager = serializers.SerializerMethodField(
        help_text="Evaluated by KPI: from the category (sjc-2023: B-1), unless overridden."
    )
    method_override = serializers.CharField(
        help_text='"kpi" or "differentiation" when HR overrides the category; empty otherwise.'
    )
    method_override_reason = serializers.CharField()
    provides_services = serializers.BooleanField()
    order = serializers.IntegerField()
    job_description = serializers.CharField(
        help_text="The post's job description, presented to the moj-2017 commission with the "
        "sheets (seed 001 p.34); empty: not entered."
    )
    holder = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_is_manager(self, position: Position) -> bool:
        # The edition's `rules` from the context (the list's), else the organisation's today.
        rules = self.context.get("rules") or structure_rules(
            position.unit.organisation, clock.today()
        )
        return position.evaluated_by_kpi(rules)

    @extend_schema_field(ServantRefSerializer(allow_null=True))
    def get_holder(self, position: Position) -> dict[str, Any] | None:
        # Today's `holders` from the context (the list's), else this post's.
        holders = self.context.get("holders")
        holder = holders.get(position.pk) if holders is not None else holder_of(position)
        return ServantRefSerializer(holder).data if holder is not None else None


class CurrentAssignmentSerializer(serializers.Serializer[Any]):
    """Where the servant works today (structure-level: no probation)."""

    id = serializers.IntegerField(source="pk")
    position = serializers.IntegerField(source="position_id")
    position_name = serializers.CharField(source="position.name")
    unit = serializers.IntegerField(source="position.unit_id")
    unit_name = serializers.CharField(source="position.unit.name")
    category = serializers.CharField(source="position.category")
    start = serializers.DateField()


class AssignmentSerializer(CurrentAssignmentSerializer):
    """A servant's time in a position; the manager fields are the overrides (null: derived)."""

    servant = serializers.IntegerField(source="servant_id")
    end = serializers.DateField(allow_null=True)
    kind = serializers.CharField()
    end_reason = serializers.CharField()
    probation_until = serializers.DateField(allow_null=True)
    direct_manager_override = serializers.IntegerField(source="direct_manager_id", allow_null=True)
    superior_manager_override = serializers.IntegerField(
        source="superior_manager_id", allow_null=True
    )
    managers_reason = serializers.CharField(help_text="Why the managers are overridden.")
    version = serializers.IntegerField()


class AbsenceSerializer(serializers.Serializer[Any]):
    """An absence (inclusive dates)."""

    id = serializers.IntegerField(source="pk")
    servant = serializers.IntegerField(source="servant_id")
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    note = serializers.CharField()
    version = serializers.IntegerField()


class ServantSerializer(serializers.Serializer[Any]):
    """A servant with today's position and managers (derived from the structure unless
    overridden)."""

    # The managers come from the `StructureIndex` in the context (the list's), else from the
    # servant's organisation's, built once.

    id = serializers.IntegerField(source="pk")
    full_name = serializers.CharField()
    last_name = serializers.CharField()
    first_name = serializers.CharField()
    patronymic = serializers.CharField()
    personnel_number = serializers.CharField()
    current_assignment = serializers.SerializerMethodField()
    direct_manager = serializers.SerializerMethodField()
    direct_manager_overridden = serializers.SerializerMethodField()
    superior_manager = serializers.SerializerMethodField()
    superior_manager_overridden = serializers.SerializerMethodField()

    def _index(self, servant: Servant) -> StructureIndex:
        index: StructureIndex | None = self.context.get("index")
        if index is None:
            indexes = self.__dict__.setdefault("_indexes", {})
            if servant.organisation_id not in indexes:
                indexes[servant.organisation_id] = StructureIndex(
                    servant.organisation, clock.today()
                )
            index = indexes[servant.organisation_id]
        return index

    def _current(self, servant: Servant) -> Assignment | None:
        # Today's assignment, looked up once per servant.
        cache = self.__dict__.setdefault("_currents", {})
        if servant.pk not in cache:
            cache[servant.pk] = assignment_on(servant, clock.today())
        found: Assignment | None = cache[servant.pk]
        return found

    @extend_schema_field(CurrentAssignmentSerializer(allow_null=True))
    def get_current_assignment(self, servant: Servant) -> dict[str, Any] | None:
        current = self._current(servant)
        return CurrentAssignmentSerializer(current).data if current is not None else None

    @extend_schema_field(ServantRefSerializer(allow_null=True))
    def get_direct_manager(self, servant: Servant) -> dict[str, Any] | None:
        manager = self._index(servant).direct_manager(servant)
        return ServantRefSerializer(manager).data if manager is not None else None

    def get_direct_manager_overridden(self, servant: Servant) -> bool:
        current = self._current(servant)
        return bool(current and current.direct_manager_id)

    @extend_schema_field(ServantRefSerializer(allow_null=True))
    def get_superior_manager(self, servant: Servant) -> dict[str, Any] | None:
        manager = self._index(servant).superior_manager(servant)
        return ServantRefSerializer(manager).data if manager is not None else None

    def get_superior_manager_overridden(self, servant: Servant) -> bool:
        current = self._current(servant)
        return bool(current and current.superior_manager_id)


class ServantDetailSerializer(ServantSerializer):
    """The personal page: contact, login, probation, assignment history and absences."""

    email = serializers.CharField()
    username = serializers.CharField(source="user.username", allow_null=True)
    on_probation_until = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField()
    absences = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_on_probation_until(self, servant: Servant) -> dt.date | None:
        current = self._current(servant)
        if current and current.probation_until and current.probation_until >= clock.today():
            return current.probation_until
        return None

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, servant: Servant) -> list[Any]:
        history = servant.assignments.select_related("position__unit").order_by("-start", "-pk")
        return list(AssignmentSerializer(history, many=True).data)

    @extend_schema_field(AbsenceSerializer(many=True))
    def get_absences(self, servant: Servant) -> list[Any]:
        absences = servant.absences.order_by("-start", "-pk")
        return list(AbsenceSerializer(absences, many=True).data)


class RoleSerializer(serializers.Serializer[Any]):
    """A user's role in the organisation."""

    id = serializers.IntegerField(source="pk")
    user = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    role = serializers.CharField()


class CalendarTransferSerializer(serializers.Serializer[Any]):
    """A transferred day off (national)."""

    id = serializers.IntegerField(source="pk")
    working_day = serializers.DateField(allow_null=True)
    day_off = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class EditionSerializer(serializers.Serializer[Any]):
    """An edition in force in the organisation from a date."""

    id = serializers.IntegerField(source="pk")
    edition = serializers.CharField()
    title = serializers.SerializerMethodField()
    valid_from = serializers.DateField()

    def get_title(self, assigned: EditionAssignment) -> str:
        return str(get_edition(assigned.edition).title.get(reader_language()))


def holder_of(position: Position) -> Servant | None:
    """Who holds the position today (None when vacant)."""
    day = clock.today()
    found = (
        position.assignments.select_related("servant")
        .filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start")
        .first()
    )
    return found.servant if found is not None else None


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
    job_description = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text="The post's job description (seed 001 p.34); left out or null keeps it.",
    )


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
