"""Issue 9 item 6: an appeal contests an evaluation's result, by a calibration session's decision
(sjc-2023, p.13) or an evaluation commission's (typical-2018, moj-2017). Existing appeals are
calibration appeals: they contest their session's evaluation. Not atomic: PostgreSQL alters the
table after the data step has committed (no pending trigger events)."""

from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery


def contested_evaluation(apps, schema_editor):
    Appeal = apps.get_model("calibration", "Appeal")
    Session = apps.get_model("calibration", "Session")
    sessions = Session.objects.filter(pk=OuterRef("session_id"))
    evaluation = Subquery(sessions.values("application__evaluation_id")[:1])
    Appeal.objects.update(basis="calibration", evaluation_id=evaluation)


def evaluation(**null):
    return models.ForeignKey(
        "evaluations.evaluation", models.PROTECT, related_name="appeals", **null,
        verbose_name="evaluation contested",
    )


BASES = [
    ("calibration", "Decision of the calibration session"),
    ("commission", "Decision of the evaluation commission"),
]
SESSION = models.ForeignKey(
    "calibration.session", models.PROTECT, null=True, blank=True, related_name="appeals"
)
BY_BASIS = Q(basis="calibration", session__isnull=False) | Q(
    basis="commission", session__isnull=True
)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("calibration", "0005_feedback_sector_head_p19")]
    operations = [
        migrations.AddField(
            "appeal", "basis", models.CharField(
                "decision appealed", max_length=20, choices=BASES, default="calibration"
            ),
        ),
        migrations.AddField("appeal", "evaluation", evaluation(null=True)),
        migrations.RunPython(contested_evaluation, migrations.RunPython.noop),
        migrations.AlterField("appeal", "evaluation", evaluation()),
        migrations.AlterField("appeal", "session", SESSION),
        migrations.AddConstraint(
            "appeal", models.CheckConstraint(
                condition=BY_BASIS, name="calibration_appeal_session_by_basis"
            ),
        ),
    ]
