import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('plans', '0001_initial'),
        ('plans', '0002_sent_to_hr_and_return_trace'),
        ('plans', '0003_text_bounds'),
        ('plans', '0004_plan_change_ground_and_dates'),
        ('plans', '0005_more_text_bounds'),
        ('plans', '0006_typical_2018_plan'),
    ]

    dependencies = [
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='WorkPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('year', models.PositiveIntegerField(verbose_name='year')),
                ('edition', models.CharField(help_text='The methodology edition in force for the organisation at the period start.', max_length=30, verbose_name='edition')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('sent_to_hr', 'Sent to HR for agreement'), ('hr_agreed', 'Agreed by HR'), ('submitted', 'Submitted for approval'), ('returned', 'Returned for correction'), ('approved', 'Approved'), ('posted', 'Posted'), ('changing', 'Being changed (p.25)')], default='draft', max_length=20, verbose_name='status')),
                ('period_start', models.DateField(verbose_name='counted from')),
                ('draft_due', models.DateField(verbose_name='KPIs due')),
                ('sent_to_hr_at', models.DateTimeField(blank=True, null=True)),
                ('hr_agreed_at', models.DateTimeField(blank=True, null=True)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('approved_at', models.DateTimeField(blank=True, null=True)),
                ('return_comment', models.TextField(blank=True, max_length=4000, verbose_name='reason for return')),
                ('returned_at', models.DateTimeField(blank=True, null=True)),
                ('posting_due', models.DateField(blank=True, null=True, verbose_name='posting due')),
                ('posted_at', models.DateTimeField(blank=True, null=True)),
                ('version', models.PositiveIntegerField(default=1)),
                ('servant_signed_on', models.DateField(blank=True, null=True, verbose_name='signed by the servant')),
                ('manager_signed_on', models.DateField(blank=True, null=True, verbose_name='signed by the direct manager')),
                ('submitted_on', models.DateField(blank=True, null=True, verbose_name='submitted on')),
                ('first_submitted_on', models.DateField(blank=True, null=True, verbose_name='first submitted on')),
                ('returned_on', models.DateField(blank=True, null=True, verbose_name='returned on')),
                ('resubmission_due', models.DateField(blank=True, null=True, verbose_name='resubmission due')),
                ('approved_on', models.DateField(blank=True, null=True, verbose_name='approved on')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('approver', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plans_to_approve', to='org.servant', verbose_name='superior manager')),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.assignment')),
                ('evaluator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plans_to_draft', to='org.servant', verbose_name='evaluator')),
                ('hr_agreed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='plans', to='org.organisation')),
                ('returned_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='work_plans', to='org.servant')),
            ],
            options={
                'verbose_name': 'work plan',
                'verbose_name_plural': 'work plans',
                'ordering': ['-year', 'servant'],
            },
        ),
        migrations.CreateModel(
            name='PlanRecommendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('quarter', models.PositiveSmallIntegerField(verbose_name='quarter')),
                ('text', models.TextField(max_length=4000, verbose_name='recommendation')),
                ('written_on', models.DateField(verbose_name='date')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='plans.workplan')),
            ],
            options={
                'verbose_name': 'quarterly recommendation',
                'verbose_name_plural': 'quarterly recommendations',
                'ordering': ['plan', 'quarter'],
            },
        ),
        migrations.CreateModel(
            name='PlanChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ground', models.CharField(blank=True, max_length=20, verbose_name='ground')),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reference', models.TextField(max_length=300, verbose_name='order or decision that changed the functions or structure')),
                ('status', models.CharField(choices=[('open', 'Under agreement and approval'), ('approved', 'Approved')], default='open', max_length=20, verbose_name='status')),
                ('approved_at', models.DateTimeField(blank=True, null=True)),
                ('before', models.JSONField(default=dict)),
                ('after', models.JSONField(default=dict)),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('changed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='plans.workplan')),
            ],
            options={
                'verbose_name': 'work plan change',
                'verbose_name_plural': 'work plan changes',
                'ordering': ['plan', '-changed_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Kpi',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('number', models.PositiveSmallIntegerField(verbose_name='No.')),
                ('name', models.TextField(max_length=4000, verbose_name='KPI')),
                ('source', models.TextField(help_text='Which indicator of the "A" corps agreement or planning document it derives from.', max_length=4000, verbose_name='source')),
                ('unit', models.CharField(max_length=60, verbose_name='unit of measure')),
                ('direction', models.CharField(choices=[('increase', 'Increase: actual / plan'), ('decrease', 'Decrease: plan / actual (lower is better)'), ('binary', 'Achieved or not')], max_length=10, verbose_name='direction')),
                ('plan_q1', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='plan, Q1')),
                ('plan_q2', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='plan, Q2')),
                ('plan_q3', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='plan, Q3')),
                ('plan_q4', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='plan, Q4')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('date_q1', models.DateField(blank=True, null=True, verbose_name='achievement date, Q1')),
                ('date_q2', models.DateField(blank=True, null=True, verbose_name='achievement date, Q2')),
                ('date_q3', models.DateField(blank=True, null=True, verbose_name='achievement date, Q3')),
                ('date_q4', models.DateField(blank=True, null=True, verbose_name='achievement date, Q4')),
                ('key_result', models.TextField(max_length=4000, verbose_name='expected key result')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kpis', to='plans.workplan')),
            ],
            options={
                'verbose_name': 'KPI',
                'verbose_name_plural': 'KPIs',
                'ordering': ['plan', 'number'],
            },
        ),
        migrations.AddConstraint(
            model_name='workplan',
            constraint=models.UniqueConstraint(fields=('servant', 'year', 'assignment'), name='one_plan_a_year'),
        ),
        migrations.AddConstraint(
            model_name='workplan',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('return_comment'), 4000), name='plans_workplan_return_comment_max_length'),
        ),
        migrations.AddConstraint(
            model_name='workplan',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('edition'), 30), name='plans_workplan_edition_max_length'),
        ),
        migrations.AddConstraint(
            model_name='planrecommendation',
            constraint=models.UniqueConstraint(fields=('plan', 'quarter'), name='one_recommendation_a_quarter'),
        ),
        migrations.AddConstraint(
            model_name='planrecommendation',
            constraint=models.CheckConstraint(condition=models.Q(('quarter__gte', 1), ('quarter__lte', 4)), name='recommendation_quarter'),
        ),
        migrations.AddConstraint(
            model_name='planrecommendation',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text'), 4000), name='plans_planrecommendation_text_max_length'),
        ),
        migrations.AddConstraint(
            model_name='planchange',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reference'), 300), name='plans_planchange_reference_max_length'),
        ),
        migrations.AddConstraint(
            model_name='planchange',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('ground'), 20), name='plans_planchange_ground_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=models.UniqueConstraint(fields=('plan', 'number'), name='kpi_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name'), 4000), name='plans_kpi_name_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('source'), 4000), name='plans_kpi_source_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('key_result'), 4000), name='plans_kpi_key_result_max_length'),
        ),
        migrations.AddConstraint(
            model_name='kpi',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('unit'), 60), name='plans_kpi_unit_max_length'),
        ),
    ]
