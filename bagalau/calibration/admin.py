"""Calibration records in the admin, read-only: every change goes through the services (audited,
notified, checked against the rules).

No result is shown here (seed 002 p.15, p.20): the votes and the score changes are not registered
at all, and the sessions, applications, feedback meetings and appeals leave out the final score,
the evaluator's presentation, the servant's application, the decision's comment, the meeting's
notes and the appeal's note — the protocol's content is read in the application, where every
read is audited. tests/core/test_admin.py walks every admin page to keep it so.
"""

from __future__ import annotations

from django.contrib import admin

from bagalau.calibration.models import Appeal, Application, FeedbackMeeting, Session
from bagalau.core.admin_readonly import ReadOnlyAdmin


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """When the servant applied and how the head decided (not the text: it argues the result)."""

    list_display = ("evaluation", "submitted_on", "decision_due", "session_due", "status")
    list_filter = ("status",)
    date_hierarchy = "submitted_on"
    fields = (
        "evaluation",
        "submitted_by",
        "submitted_on",
        "decision_due",
        "session_due",
        "status",
        "decided_by",
        "decided_at",
    )
    readonly_fields = fields


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    """When the session sits, who takes part, how far it is (not the presentation, the votes or
    the final score)."""

    list_display = ("application", "scheduled_for", "status", "round", "protocol_posting_due")
    list_filter = ("status",)
    fields = (
        "application",
        "scheduled_for",
        "place",
        "participants",
        "status",
        "round",
        "presented_at",
        "decided_at",
        "protocol_signed_by",
        "protocol_signed_at",
        "protocol_posting_due",
        "protocol_posted_at",
    )
    readonly_fields = fields


@admin.register(FeedbackMeeting)
class FeedbackMeetingAdmin(ReadOnlyAdmin):
    """That the feedback meeting was held (not what was said)."""

    list_display = ("session", "held_on", "recorded_by")
    fields = ("session", "held_on", "recorded_by", "recorded_at")
    readonly_fields = fields


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    """An appeal of a calibration or commission decision and its outcome (not the note)."""

    list_display = (
        "evaluation",
        "basis",
        "session",
        "filed_on",
        "authority",
        "outcome",
        "outcome_on",
    )
    list_filter = ("basis", "outcome")
    fields = (*list_display, "recorded_by")
    readonly_fields = fields
