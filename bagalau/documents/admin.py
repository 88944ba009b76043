"""Admin of the documents app: disposal records are read-only (they are the act of disposal).

A record's items carry each case's final score and rating (the act of disposal keeps them); the
admin lists the cases without them (seed 002 p.15, p.20): who, which period, how evaluated.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from bagalau.documents.models import Disposal


@admin.register(Disposal)
class DisposalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Who disposed of which documents, and when; never edited or deleted here."""

    list_display = ("disposed_at", "organisation", "disposed_by", "completed_before", "count")
    list_filter = ("organisation",)
    fields = ("disposed_at", "disposed_by", "organisation", "completed_before", "cases", "note")
    readonly_fields = fields

    @admin.display(description=_("cases"))
    def count(self, obj: Disposal) -> int:
        """How many evaluations' documents the record lists."""
        return len(obj.items)

    @admin.display(description=_("cases disposed of"))
    def cases(self, obj: Disposal) -> SafeString:
        """Each case as servant, period and method: never its score or rating."""
        return format_html_join(
            "",
            "<div>{} — {} ({})</div>",
            (
                (item.get("servant", ""), item.get("period", ""), item.get("method", ""))
                for item in obj.items
            ),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
