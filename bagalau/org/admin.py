"""Django admin for the org models (superusers only: everyday changes go through the org pages,
whose services check the rules and write the audit log).

Who manages a post and how a post is evaluated are not edited here: a manager override must pass
the rule of `org.managers` and both overrides need a reason, which only the org pages and the API
check. A password an administrator sets for a user is written to the application's audit log and
the user is told (`org.accounts`).
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from bagalau.org.accounts import account_password_reset_record
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

admin.site.site_header = _("Bagalau administration")
admin.site.site_title = _("Bagalau administration")
admin.site.index_title = _("Administration")

#: Set on the org pages, where the rule and the reason are checked.
MANAGER_OVERRIDES = ("direct_manager", "superior_manager", "managers_reason")


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
    readonly_fields = ("method_override", "method_override_reason")


class AssignmentInline(admin.TabularInline[Assignment, Any]):
    model = Assignment
    fk_name = "servant"
    extra = 0
    raw_id_fields = ("position",)
    readonly_fields = MANAGER_OVERRIDES


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
    raw_id_fields = ("servant", "position")
    readonly_fields = MANAGER_OVERRIDES


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin[Absence]):
    list_display = ("servant", "kind", "start", "end")
    list_filter = ("kind",)
    search_fields = ("servant__last_name",)
    raw_id_fields = ("servant",)


UserModel = get_user_model()
admin.site.unregister(UserModel)


@admin.register(UserModel)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    """Django's user admin; setting someone's password is audited and the user is told."""

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            # Django redirects once the form is valid and the password saved.
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, unquote(id))
                if user is not None:
                    account_password_reset_record(actor=request.user, user=user)
        return response
