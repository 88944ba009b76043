"""Issue 9 item 6: every appeal contests an evaluation; only a calibration appeal names a session
(a separate migration from 0006's data, so PostgreSQL alters the table outside that write)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("calibration", "0006_appeal_basis"),
    ]

    operations = [
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
