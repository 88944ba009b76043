"""p.25: a change of an approved plan names its ground and the act behind it and goes through
agreement and approval again (PlanChange per plan, not per KPI); App. 1: an achievement date per
quarter. Earlier changes (one KPI each, applied at once) are kept as approved changes of that KPI,
their reason as the reference."""

import datetime as dt

import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models

from bagalau.core import bounds


def forwards(apps, schema_editor):
    PlanChange = apps.get_model("plans", "PlanChange")
    for change in PlanChange.objects.all():
        change.before = {"kpis": [change.before] if change.before else []}
        change.after = {"kpis": [change.after] if change.after else []}
        change.status = "approved"
        change.approved_at = change.changed_at
        change.reference = change.reference[: bounds.TITLE]
        change.save()


def dates_forwards(apps, schema_editor):
    """Each planned quarter's achievement date as App. 1 showed it until now: the quarter's end,
    or the KPI's deadline when that comes first."""
    Kpi = apps.get_model("plans", "Kpi")
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    for kpi in Kpi.objects.select_related("plan"):
        for quarter, (month, day) in ends.items():
            if getattr(kpi, f"plan_q{quarter}") is not None:
                end = dt.date(kpi.plan.year, month, day)
                setattr(kpi, f"date_q{quarter}", min(end, kpi.deadline))
        kpi.save()


def backwards(apps, schema_editor):
    PlanChange = apps.get_model("plans", "PlanChange")
    for change in PlanChange.objects.all():
        before, after = change.before.get("kpis", []), change.after.get("kpis", [])
        change.before = before[0] if len(before) == 1 else {}
        change.after = after[0] if len(after) == 1 else {}
        change.save()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_text_bounds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="planchange", name="plans_planchange_reason_max_length"
        ),
        migrations.RenameField(model_name="planchange", old_name="reason", new_name="reference"),
        migrations.AddField(
            model_name="planchange",
            name="ground",
            field=models.CharField(blank=True, max_length=20, verbose_name="ground"),
        ),
        migrations.AddField(
            model_name="planchange",
            name="status",
            field=models.CharField(
                choices=[("open", "Under agreement and approval"), ("approved", "Approved")],
                default="open",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="planchange",
            name="approved_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="planchange",
            name="approved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="planchange", name="kpi_number"),
        migrations.AlterField(
            model_name="planchange",
            name="reference",
            field=models.TextField(
                max_length=300,
                verbose_name="order or decision that changed the functions or structure",
            ),
        ),
        migrations.AddConstraint(
            model_name="planchange",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("reference"), 300
                ),
                name="plans_planchange_reference_max_length",
            ),
        ),
        migrations.AddField(
            model_name="kpi",
            name="date_q1",
            field=models.DateField(blank=True, null=True, verbose_name="achievement date, Q1"),
        ),
        migrations.AddField(
            model_name="kpi",
            name="date_q2",
            field=models.DateField(blank=True, null=True, verbose_name="achievement date, Q2"),
        ),
        migrations.AddField(
            model_name="kpi",
            name="date_q3",
            field=models.DateField(blank=True, null=True, verbose_name="achievement date, Q3"),
        ),
        migrations.AddField(
            model_name="kpi",
            name="date_q4",
            field=models.DateField(blank=True, null=True, verbose_name="achievement date, Q4"),
        ),
        migrations.AlterField(
            model_name="workplan",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("sent_to_hr", "Sent to HR for agreement"),
                    ("hr_agreed", "Agreed by HR"),
                    ("submitted", "Submitted for approval"),
                    ("returned", "Returned for correction"),
                    ("approved", "Approved"),
                    ("posted", "Posted"),
                    ("changing", "Being changed (p.25)"),
                ],
                default="draft",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(dates_forwards, migrations.RunPython.noop),
    ]
