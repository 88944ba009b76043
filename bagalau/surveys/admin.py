"""The 360 survey in the admin: read-only, and only what identifies nobody.

Registered: the campaign and its evaluatees (form, evaluator, feedback date). Never registered:
the invitations (who is asked about whom, drafts, completion), the self-assessments, the
anonymous totals and counters. Every change goes through the services (checked and audited).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bagalau.surveys.models import Campaign, Target


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Show, never write."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "year", "status", "deadline", "opened_at", "closed_at")
    list_filter = ("status",)
    fields = (
        "organisation",
        "year",
        "edition",
        "period",
        "deadline",
        "status",
        "opened_at",
        "closed_at",
    )


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("servant", "campaign", "form", "evaluator", "feedback_given_on")
    list_filter = ("form", "campaign__year")
    fields = ("campaign", "servant", "position", "unit", "form", "evaluator", "feedback_given_on")
