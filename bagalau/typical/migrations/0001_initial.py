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
            name='KpiSheet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('signed', 'Signed by the direct manager'), ('returned', 'Returned for correction'), ('agreed', 'Agreed by the superior manager'), ('sent', 'Sent to the commission')], default='draft', max_length=20, verbose_name='status')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='signed by the direct manager')),
                ('returned_on', models.DateField(blank=True, null=True, verbose_name='returned')),
                ('return_ground', models.CharField(blank=True, choices=[('insufficient', 'Insufficient evidence of achievement'), ('unreliable', 'Unreliable evidence of achievement')], max_length=20, verbose_name='ground for return')),
                ('return_reason', models.TextField(blank=True, max_length=4000, verbose_name='reason for return')),
                ('agreed_on', models.DateField(blank=True, null=True, verbose_name='agreed by the superior manager')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='sent to the commission')),
                ('achieved', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='KPIs achieved')),
                ('rating', models.CharField(blank=True, max_length=20, verbose_name='rating')),
                ('version', models.PositiveIntegerField(default=1)),
                ('approver', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant', verbose_name='superior manager')),
                ('evaluation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='typical_kpi_sheet', to='evaluations.evaluation')),
            ],
            options={
                'verbose_name': 'KPI evaluation sheet',
                'verbose_name_plural': 'KPI evaluation sheets',
            },
        ),
        migrations.CreateModel(
            name='KpiSheetRow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='No.')),
                ('name', models.TextField(max_length=4000, verbose_name='KPI')),
                ('unit', models.CharField(max_length=60, verbose_name='unit of measure')),
                ('planned', models.CharField(max_length=100, verbose_name='planned value')),
                ('actual', models.CharField(blank=True, max_length=100, verbose_name='actual value')),
                ('achieved', models.BooleanField(blank=True, null=True, verbose_name='achieved')),
                ('sheet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rows', to='typical.kpisheet')),
            ],
            options={
                'verbose_name': 'KPI of the sheet',
                'verbose_name_plural': 'KPIs of the sheet',
                'ordering': ['sheet', 'number'],
            },
        ),
        migrations.CreateModel(
            name='App4Row',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('edition', models.CharField(max_length=30, verbose_name='edition')),
                ('row', models.CharField(max_length=30, verbose_name='App. 4 row')),
                ('reason', models.CharField(max_length=300, verbose_name='reason')),
                ('version', models.PositiveIntegerField(default=1)),
                ('position', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.position')),
            ],
            options={
                'verbose_name': 'App. 4 row of a position',
                'verbose_name_plural': 'App. 4 rows of positions',
                'constraints': [models.UniqueConstraint(fields=('position', 'edition'), name='one_app4_row'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('edition'), 30), name='typical_app4row_edition_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('row'), 30), name='typical_app4row_row_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 300), name='typical_app4row_reason_max_length')],
            },
        ),
        migrations.CreateModel(
            name='ChairConsent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('chair_name', models.CharField(max_length=300, verbose_name='commission chair')),
                ('agreed_on', models.DateField(verbose_name='consent given on')),
                ('reference', models.CharField(blank=True, max_length=300, verbose_name='document')),
                ('recorded_at', models.DateTimeField(verbose_name='recorded')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('schedule', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='chair_consent', to='evaluations.schedule')),
            ],
            options={
                'verbose_name': "chair's consent to the schedule",
                'verbose_name_plural': "chair's consents to the schedule",
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('chair_name'), 300), name='typical_chairconsent_chair_name_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reference'), 300), name='typical_chairconsent_reference_max_length')],
            },
        ),
        migrations.CreateModel(
            name='CompetencySheet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('tier', models.CharField(max_length=30, verbose_name='App. 4 row')),
                ('provides_services', models.BooleanField(verbose_name='provides public services')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('signed', 'Signed by the direct manager'), ('sent', 'Sent to the commission')], default='draft', max_length=20, verbose_name='status')),
                ('observed', models.JSONField(default=dict, verbose_name='indicators observed')),
                ('results', models.JSONField(default=dict, verbose_name='results')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='signed by the direct manager')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='sent to the commission')),
                ('version', models.PositiveIntegerField(default=1)),
                ('evaluation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='typical_competency_sheet', to='evaluations.evaluation')),
            ],
            options={
                'verbose_name': 'competency evaluation sheet',
                'verbose_name_plural': 'competency evaluation sheets',
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('tier'), 30), name='typical_competencysheet_tier_max_length')],
            },
        ),
        migrations.AddConstraint(
            model_name='kpisheet',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('rating'), 20), name='typical_kpisheet_rating_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpisheet',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('return_reason'), 4000), name='typical_kpisheet_return_reason_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpisheetrow',
            constraint=models.UniqueConstraint(fields=('sheet', 'number'), name='one_sheet_row_a_number'),
        ),
        migrations.AddConstraint(
            model_name='kpisheetrow',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name'), 4000), name='typical_kpisheetrow_name_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpisheetrow',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('unit'), 60), name='typical_kpisheetrow_unit_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpisheetrow',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('planned'), 100), name='typical_kpisheetrow_planned_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpisheetrow',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('actual'), 100), name='typical_kpisheetrow_actual_max_length'),
        ),
    ]
