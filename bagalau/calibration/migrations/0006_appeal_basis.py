"""Issue 9 item 6: an appeal contests an evaluation's result, by a calibration session's decision
(sjc-2023, p.13) or an evaluation commission's (typical-2018, moj-2017). Existing appeals are
calibration appeals: they contest their session's evaluation. Not atomic: PostgreSQL alters the
table after the data step has committed (no pending trigger events)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def contested_evaluation(apps, schema_editor):
    Appeal = apps.get_model("calibration", "Appeal")
    Session = apps.get_model("calibration", "Session")
    Appeal.objects.update(
        basis="calibration",
        evaluation_id=Subquery(
            Session.objects.filter(pk=OuterRef("session_id")).values(
                "application__evaluation_id"
            )[:1]
        ),
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("calibration", "0005_feedback_sector_head_p19"),
    ]

    operations = [
        migrations.AddField(
            model_name="appeal",
            name="basis",
            field=models.CharField(
                choices=[
                    ("calibration", "Decision of the calibration session"),
                    ("commission", "Decision of the evaluation commission"),
                ],
                default="calibration",
                max_length=20,
                verbose_name="decision appealed",
            ),
        ),
        migrations.AddField(
            model_name="appeal",
            name="evaluation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="evaluations.evaluation",
                verbose_name="evaluation contested",
            ),
        ),
        migrations.RunPython(contested_evaluation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="appeal",
            name="evaluation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="evaluations.evaluation",
                verbose_name="evaluation contested",
            ),
        ),
        migrations.AlterField(
            model_name="appeal",
            name="session",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="calibration.session",
            ),
        ),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("basis", "calibration"), ("session__isnull", False)),
                    models.Q(("basis", "commission"), ("session__isnull", True)),
                    _connector="OR",
                ),
                name="calibration_appeal_session_by_basis",
            ),
        ),
    ]
