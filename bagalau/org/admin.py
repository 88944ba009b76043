"""Django admin for the org models (superusers only: everyday changes go through the org pages,
whose services check the rules and write the audit log)."""

from typing import Any

from django.contrib import admin

from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    EditionAssignment,
    Organisation,
    Position,
    RoleAssignment,
    Servant,
    Unit,
)


class EditionInline(admin.TabularInline[EditionAssignment, Any]):
    model = EditionAssignment
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name_kk", "short_name", "body")
    search_fields = ("name_kk", "name_ru", "name_en", "short_name")
    inlines = [EditionInline]


@admin.register(EditionAssignment)
class EditionAssignmentAdmin(admin.ModelAdmin[EditionAssignment]):
    list_display = ("organisation", "edition", "valid_from")
    list_filter = ("edition",)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin[RoleAssignment]):
    list_display = ("user", "organisation", "role")
    list_filter = ("role", "organisation")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)


@admin.register(CalendarTransfer)
class CalendarTransferAdmin(admin.ModelAdmin[CalendarTransfer]):
    list_display = ("working_day", "day_off", "note")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("name_kk", "organisation", "parent", "order")
    list_filter = ("organisation",)
    search_fields = ("name_kk", "name_ru", "name_en")
    list_select_related = ("organisation", "parent")


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin[Position]):
    list_display = (
        "name_kk",
        "unit",
        "category",
        "heads_unit",
        "method_override",
        "provides_services",
    )
    list_filter = ("unit__organisation", "heads_unit", "method_override", "provides_services")
    search_fields = ("name_kk", "name_ru", "name_en", "category")
    list_select_related = ("unit",)


class AssignmentInline(admin.TabularInline[Assignment, Any]):
    model = Assignment
    fk_name = "servant"
    extra = 0
    raw_id_fields = ("position", "direct_manager", "superior_manager")


class AbsenceInline(admin.TabularInline[Absence, Any]):
    model = Absence
    extra = 0


@admin.register(Servant)
class ServantAdmin(admin.ModelAdmin[Servant]):
    list_display = ("last_name", "first_name", "patronymic", "organisation", "personnel_number")
    list_filter = ("organisation",)
    search_fields = ("last_name", "first_name", "patronymic", "personnel_number")
    raw_id_fields = ("user",)
    inlines = [AssignmentInline, AbsenceInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin[Assignment]):
    list_display = ("servant", "position", "start", "end", "kind", "end_reason")
    list_filter = ("kind", "end_reason")
    search_fields = ("servant__last_name", "position__name_kk")
    raw_id_fields = ("servant", "position", "direct_manager", "superior_manager")


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin[Absence]):
    list_display = ("servant", "kind", "start", "end")
    list_filter = ("kind",)
    search_fields = ("servant__last_name",)
    raw_id_fields = ("servant",)
