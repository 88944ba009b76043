import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('evaluations', '0001_squashed_0012'),
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Disagreement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('raised_on', models.DateField(verbose_name='raised on')),
                ('text', models.TextField(max_length=4000, verbose_name='disagreement')),
                ('status', models.CharField(choices=[('open', 'Being considered'), ('answered', 'Answered')], default='open', max_length=20, verbose_name='status')),
                ('consideration', models.TextField(blank=True, max_length=4000, verbose_name='how it was considered')),
                ('answer', models.TextField(blank=True, max_length=4000, verbose_name='answer')),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evaluation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='evaluations.evaluation', verbose_name='evaluation concerned')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='disagreements', to='org.organisation')),
                ('raised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='disagreements', to='org.servant')),
            ],
            options={
                'verbose_name': 'disagreement about the procedure',
                'verbose_name_plural': 'disagreements about the procedure',
                'ordering': ['-raised_on', '-pk'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text'), 4000), name='disagreements_disagreement_text_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('consideration'), 4000), name='disagreements_disagreement_consideration_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('answer'), 4000), name='disagreements_disagreement_answer_max_length')],
            },
        ),
    ]
