import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q


def count_open_campaigns(apps, schema_editor):
    """The counters of the campaigns open now, from their questionnaires (those opened later
    get theirs from `campaign_open`)."""
    Target = apps.get_model("surveys", "Target")
    RunningTally = apps.get_model("surveys", "RunningTally")
    counted = (
        Target.objects.filter(campaign__status="open")
        .order_by("pk")
        .annotate(
            n_invited=Count("invitations"),
            n_answered=Count("invitations", filter=Q(invitations__completed=True)),
        )
        .values_list("pk", "n_invited", "n_answered")
    )
    RunningTally.objects.bulk_create(
        (
            RunningTally(target_id=pk, invited=invited, answered=answered)
            for pk, invited, answered in counted.iterator(chunk_size=2000)
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_squashed_0006"),
    ]

    operations = [
        migrations.CreateModel(
            name="RunningTally",
            fields=[
                (
                    "target",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="running",
                        serialize=False,
                        to="surveys.target",
                    ),
                ),
                (
                    "invited",
                    models.PositiveIntegerField(default=0, verbose_name="questionnaires due"),
                ),
                (
                    "answered",
                    models.PositiveIntegerField(default=0, verbose_name="questionnaires answered"),
                ),
            ],
            options={
                "verbose_name": "360 running count",
                "verbose_name_plural": "360 running counts",
            },
        ),
        migrations.RunPython(count_open_campaigns, migrations.RunPython.noop),
    ]
