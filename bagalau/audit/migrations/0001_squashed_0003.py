import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('audit', '0001_initial'),
        ('audit', '0002_entry_organisation'),
        ('audit', '0003_filter_indexes'),
    ]

    dependencies = [
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('action', models.CharField(max_length=40, verbose_name='action')),
                ('object_type', models.CharField(max_length=60, verbose_name='object')),
                ('object_id', models.CharField(max_length=40)),
                ('summary', models.CharField(blank=True, max_length=300, verbose_name='summary')),
                ('changes', models.JSONField(default=dict, verbose_name='old and new values')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='org.organisation')),
            ],
            options={
                'verbose_name': 'audit entry',
                'verbose_name_plural': 'audit log',
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='audit_audit_object__3eefc4_idx'), models.Index(fields=['organisation', 'action'], name='audit_org_action'), models.Index(fields=['organisation', 'object_type'], name='audit_org_type'), models.Index(fields=['organisation', 'actor'], name='audit_org_actor')],
            },
        ),
    ]
