"""The 360 survey in the admin: read-only, and only what identifies nobody.

Registered: the campaign and its evaluatees (form, evaluator, feedback date). Never registered:
the invitations (who is asked about whom, drafts, completion), the self-assessments, the
anonymous totals and counters. Every change goes through the services (checked and audited).
"""

from __future__ import annotations

from django.contrib import admin

from bagalau.core.admin_readonly import ReadOnlyAdmin
from bagalau.surveys.models import Campaign, Target


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
