"""Evaluation records in the admin, read-only: every change goes through the services (audited,
notified, checked against the rules)."""

from __future__ import annotations

from django.contrib import admin

from bagalau.core.admin_readonly import ReadOnlyMixin
from bagalau.evaluations.models import Evaluation, Period, RefusalAct, RefusalActSigner, Schedule

# --- schedule (evaluations.services.schedule) ------------------------------------------------


class PeriodInline(ReadOnlyMixin, admin.TabularInline[Period, Schedule]):
    """The schedule's lines with their legal deadlines and planned dates."""

    model = Period
    fields = ("kind", "number", "starts", "ends", "deadline", "planned_date", "status")
    readonly_fields = fields
    extra = 0


@admin.register(Schedule)
class ScheduleAdmin(ReadOnlyMixin, admin.ModelAdmin[Schedule]):
    """The year's evaluation schedules (drafted by HR, approved by the head of the apparatus)."""

    list_display = ("organisation", "year", "edition", "status", "approved_at")
    list_filter = ("status", "edition", "organisation")
    search_fields = ("organisation__name_kk", "organisation__name_ru", "year")
    inlines = [PeriodInline]


@admin.register(Period)
class PeriodAdmin(ReadOnlyMixin, admin.ModelAdmin[Period]):
    """Schedule lines: quarters, the annual result and the 360 survey."""

    list_display = ("schedule", "kind", "number", "deadline", "planned_date", "status")
    list_filter = ("kind", "status", "schedule__year")
    list_select_related = ("schedule__organisation",)


# --- sheets and familiarisation (evaluations.services.sheets, .familiarisation) -------------


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyMixin, admin.ModelAdmin[Evaluation]):
    """The workflow of each evaluation. Scores, ratings and reasons are left out: a result is
    seen only by the evaluatee, the evaluator, the head of the HR service and the calibration
    participants, in the application, where every read is audited (p.15, p.20)."""

    list_display = ("servant", "period", "method", "status", "due_date", "familiarisation_due")
    list_filter = ("status", "method", "period__kind", "period__schedule__year")
    list_select_related = ("servant", "period__schedule")
    search_fields = ("servant__last_name", "servant__first_name")
    fields = (
        "period",
        "servant",
        "method",
        "edition",
        "evaluator",
        "status",
        "reason",
        "due_date",
        "signed_at",
        "familiarisation_due",
        "acknowledged_at",
        "calibration_due",
        "completed_at",
        "version",
    )
    readonly_fields = fields


class RefusalActSignerInline(ReadOnlyMixin, admin.TabularInline[RefusalActSigner, RefusalAct]):
    """The servants who signed the act besides HR (methodology.acts)."""

    model = RefusalActSigner
    fields = ("number", "role", "servant")
    readonly_fields = fields
    extra = 0


@admin.register(RefusalAct)
class RefusalActAdmin(ReadOnlyMixin, admin.ModelAdmin[RefusalAct]):
    """Acts recording a refusal to acknowledge a result (signed by HR and the servants the edition
    names)."""

    list_display = ("evaluation", "drawn_up_at", "hr_signer")
    list_select_related = ("evaluation__servant", "evaluation__period")
    fields = ("evaluation", "drawn_up_at", "text", "hr_signer")
    inlines = [RefusalActSignerInline]
    readonly_fields = fields
