"""The rows forms edit carry an integer version (optimistic locking, `bagalau.core.concurrency`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0004_more_text_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name=name, name="version", field=models.PositiveIntegerField(default=1)
        )
        for name in ("absence", "assignment", "position", "servant", "unit")
    ]
