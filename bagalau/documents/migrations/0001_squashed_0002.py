import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('documents', '0001_initial'),
        ('documents', '0002_text_bounds'),
    ]

    dependencies = [
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Disposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('disposed_at', models.DateTimeField(auto_now_add=True)),
                ('completed_before', models.DateField(verbose_name='completed before')),
                ('items', models.JSONField(default=list, verbose_name='documents disposed of')),
                ('note', models.TextField(blank=True, max_length=4000, verbose_name='act')),
                ('disposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.organisation')),
            ],
            options={
                'verbose_name': 'disposal',
                'verbose_name_plural': 'disposals',
                'ordering': ['-disposed_at'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 4000), name='documents_disposal_note_max_length')],
            },
        ),
    ]
