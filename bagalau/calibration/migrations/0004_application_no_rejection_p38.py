"""Seed 002 p.38: the head of the apparatus decides to hold the session; there is no rejection.

No row is rewritten: an application rejected before the correction keeps its status "rejected"
(now labelled as history), its decision (who, when, the reasons) and the result finalised then,
with its audit rows; no service sets that status any more.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('calibration', '0003_text_bounds'),
    ]

    operations = [
        migrations.AlterField(
            model_name='application',
            name='decision_comment',
            field=models.TextField(blank=True, max_length=4000, verbose_name='note on the decision'),
        ),
        migrations.AlterField(
            model_name='application',
            name='status',
            field=models.CharField(choices=[('submitted', 'Submitted'), ('accepted', 'Session ordered'), ('rejected', 'Rejected before the p.38 correction')], default='submitted', max_length=20, verbose_name='status'),
        ),
    ]
