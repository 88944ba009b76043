import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('consequences', '0001_decisions_register'),
        ('consequences', '0002_more_text_bounds'),
        ('consequences', '0003_moj_training_referral'),
    ]

    dependencies = [
        ('evaluations', '0001_squashed_0012'),
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('basis', models.CharField(max_length=300, verbose_name='result it rests on')),
                ('rating', models.CharField(max_length=20, verbose_name='rating')),
                ('edition', models.CharField(max_length=30, verbose_name='edition')),
                ('kind', models.CharField(max_length=20, verbose_name='decision')),
                ('decided_by', models.CharField(max_length=300, verbose_name='decided by')),
                ('order_number', models.CharField(blank=True, max_length=50, verbose_name='order No.')),
                ('order_date', models.DateField(verbose_name='order date')),
                ('reason', models.TextField(blank=True, max_length=4000, verbose_name='reason')),
                ('recorded_at', models.DateTimeField(verbose_name='recorded')),
                ('evaluation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='evaluations.evaluation', verbose_name='result it rests on')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='org.organisation')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='org.servant')),
            ],
            options={
                'verbose_name': 'decision on a result',
                'verbose_name_plural': 'decisions on results',
                'ordering': ['organisation', '-order_date', '-id'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('basis'), 300), name='consequences_decision_basis_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('decided_by'), 300), name='consequences_decision_decided_by_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('order_number'), 50), name='consequences_decision_order_number_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('rating'), 20), name='consequences_decision_rating_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('edition'), 30), name='consequences_decision_edition_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('kind'), 20), name='consequences_decision_kind_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 4000), name='consequences_decision_reason_max_length')],
            },
        ),
        migrations.CreateModel(
            name='TrainingReferral',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('due', 'To refer'), ('referred', 'Referred to training'), ('done', 'Training done')], default='referred', max_length=20, verbose_name='status')),
                ('directions', models.TextField(max_length=4000, verbose_name='direction of training')),
                ('referred_on', models.DateField(verbose_name='referred on')),
                ('done_on', models.DateField(blank=True, null=True, verbose_name='training done on')),
                ('training', models.TextField(blank=True, max_length=4000, verbose_name='training attended')),
                ('version', models.PositiveIntegerField(default=1)),
                ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evaluation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='training_referral', to='evaluations.evaluation', verbose_name='annual result')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='training_referrals', to='org.organisation')),
                ('referred_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant')),
            ],
            options={
                'verbose_name': 'training referral',
                'verbose_name_plural': 'training referrals',
                'ordering': ['organisation', 'referred_on', 'pk'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('directions'), 4000), name='consequences_trainingreferral_directions_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('training'), 4000), name='consequences_trainingreferral_training_max_length')],
            },
        ),
    ]
