import django.db.models.deletion
from collections import defaultdict

from django.db import migrations, models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from bagalau.methodology import get_edition, sjc2023_rules


def freeze_closed_campaigns(apps, schema_editor):
    """The figures per unit of the campaigns closed before, as `closed_figures_write` counts
    them when a campaign closes now."""
    Campaign = apps.get_model("surveys", "Campaign")
    LowestCompetency = apps.get_model("surveys", "LowestCompetency")
    ClosedFigures = apps.get_model("surveys", "ClosedFigures")
    for campaign in Campaign.objects.filter(status="closed").order_by("pk"):
        needed = sjc2023_rules(get_edition(campaign.edition)).survey.min_respondents
        responses = Coalesce(F("tally__responses"), 0)
        units = {
            str(row["unit_id"]): [
                row["targets"],
                row["answered"],
                row["due"],
                row["self_done"],
                row["short"],
            ]
            for row in campaign.targets.order_by()
            .values("unit_id")
            .annotate(
                targets=Count("pk"),
                answered=Sum(responses),
                due=Sum(Coalesce(F("tally__invited"), 0)),
                self_done=Count("pk", filter=Q(self_assessment__submitted_on__isnull=False)),
                short=Count("pk", filter=Q(tally__responses__lt=needed) | Q(tally=None)),
            )
        }
        training = defaultdict(dict)
        for code, unit_id, n in (
            LowestCompetency.objects.filter(
                target__campaign=campaign, target__tally__responses__gte=needed
            )
            .order_by()
            .values("competency", "target__unit_id")
            .annotate(n=Count("pk"))
            .values_list("competency", "target__unit_id", "n")
        ):
            training[code][str(unit_id)] = n
        ClosedFigures.objects.update_or_create(
            campaign=campaign, defaults={"units": units, "training": dict(training)}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0007_running_tally"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClosedFigures",
            fields=[
                (
                    "campaign",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="closed_figures",
                        serialize=False,
                        to="surveys.campaign",
                    ),
                ),
                ("units", models.JSONField(default=dict)),
                ("training", models.JSONField(default=dict)),
            ],
            options={
                "verbose_name": "360 figures per unit",
                "verbose_name_plural": "360 figures per unit",
            },
        ),
        migrations.RunPython(freeze_closed_campaigns, migrations.RunPython.noop),
    ]
