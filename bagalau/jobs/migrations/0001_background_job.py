import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BackgroundJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40, verbose_name='kind')),
                ('state', models.CharField(choices=[('queued', 'Waiting to start'), ('running', 'Running'), ('succeeded', 'Finished'), ('failed', 'Failed')], default='queued', max_length=20, verbose_name='state')),
                ('stage', models.CharField(blank=True, max_length=40, verbose_name='stage')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='done')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='total')),
                ('params', models.JSONField(default=dict, verbose_name='parameters')),
                ('payload', models.BinaryField(blank=True, null=True)),
                ('outcome', models.JSONField(default=dict, verbose_name='outcome')),
                ('errors', models.JSONField(default=list, verbose_name='errors')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.organisation')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'background job',
                'verbose_name_plural': 'background jobs',
                'ordering': ['-created_at', '-id'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('kind'), 40), name='jobs_backgroundjob_kind_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('stage'), 40), name='jobs_backgroundjob_stage_max_length')],
            },
        ),
    ]
