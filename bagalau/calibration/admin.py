"""Calibration records in the admin, read-only: every change goes through the services (audited,
notified, checked against the rules)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bagalau.calibration.models import (
    Appeal,
    Application,
    FeedbackMeeting,
    ScoreChange,
    Session,
    Vote,
)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Show, never write."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("evaluation", "submitted_on", "decision_due", "session_due", "status")
    list_filter = ("status",)
    date_hierarchy = "submitted_on"


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("application", "scheduled_for", "status", "round", "protocol_posting_due")
    list_filter = ("status",)


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("session", "round", "voter", "choice", "score")


@admin.register(FeedbackMeeting)
class FeedbackMeetingAdmin(ReadOnlyAdmin):
    list_display = ("session", "held_on", "recorded_by")


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    list_display = (
        "evaluation",
        "old_score",
        "new_score",
        "old_rating",
        "new_rating",
        "changed_at",
    )


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("session", "filed_on", "authority", "outcome", "outcome_on")
    list_filter = ("outcome",)
