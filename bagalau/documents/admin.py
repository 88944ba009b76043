"""Admin of the documents app: disposal records are read-only (they are the act of disposal)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bagalau.documents.models import Disposal


@admin.register(Disposal)
class DisposalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Who disposed of which documents, and when; never edited or deleted here."""

    list_display = ("disposed_at", "organisation", "disposed_by", "completed_before", "count")
    list_filter = ("organisation",)
    readonly_fields = (
        "disposed_at",
        "disposed_by",
        "organisation",
        "completed_before",
        "items",
        "note",
    )

    @admin.display(description="items")
    def count(self, obj: Disposal) -> int:
        """How many evaluations' documents the record lists."""
        return len(obj.items)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
