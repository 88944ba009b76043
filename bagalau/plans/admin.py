"""Admin of the plans app: read-only, because every change goes through plans/services.py (the
rules, the audit log and the history would be bypassed otherwise)."""

from django.contrib import admin

from bagalau.core.admin_readonly import ReadOnlyMixin as ReadOnly
from bagalau.plans.models import Kpi, PlanChange, WorkPlan


class KpiInline(ReadOnly, admin.TabularInline):  # type: ignore[type-arg]
    model = Kpi
    extra = 0
    fields = ("number", "name", "unit", "direction", "plan_q1", "plan_q2", "plan_q3", "plan_q4")


class PlanChangeInline(ReadOnly, admin.TabularInline):  # type: ignore[type-arg]
    model = PlanChange
    extra = 0
    fields = ("changed_at", "changed_by", "ground", "reference", "status", "approved_at")


@admin.register(WorkPlan)
class WorkPlanAdmin(ReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("servant", "year", "status", "evaluator", "approver", "draft_due")
    list_filter = ("status", "year", "organisation")
    search_fields = ("servant__last_name", "servant__first_name")
    inlines = (KpiInline, PlanChangeInline)
