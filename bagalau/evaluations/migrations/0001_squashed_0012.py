import bagalau.core.storage
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('evaluations', '0001_initial'),
        ('evaluations', '0002_paper_entry'),
        ('evaluations', '0003_provisional_annual_and_familiarised_on'),
        ('evaluations', '0004_text_bounds'),
        ('evaluations', '0005_kpi_sheet_feedback'),
        ('evaluations', '0006_refusal_signers_and_service_record_results'),
        ('evaluations', '0007_typical_statuses'),
        ('evaluations', '0008_moj_quarter_method'),
        ('evaluations', '0009_moj_scores_and_annual'),
        ('evaluations', '0010_refusal_acts_numbered'),
        ('evaluations', '0011_evaluation_status_index'),
        ('evaluations', '0012_evaluation_assignment_period'),
    ]

    dependencies = [
        ('org', '0001_squashed_0006'),
        ('plans', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Period',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('quarter', 'Quarter'), ('annual', 'Annual result'), ('survey360', '360 survey')], max_length=20, verbose_name='kind')),
                ('number', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='quarter')),
                ('starts', models.DateField(verbose_name='period from')),
                ('ends', models.DateField(verbose_name='period to')),
                ('deadline', models.DateField(verbose_name='legal deadline')),
                ('planned_date', models.DateField(verbose_name='planned date')),
                ('status', models.CharField(choices=[('scheduled', 'Scheduled'), ('open', 'Open'), ('closed', 'Closed')], default='scheduled', max_length=20, verbose_name='status')),
                ('opened_at', models.DateTimeField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'evaluation period',
                'verbose_name_plural': 'evaluation periods',
                'ordering': ['schedule', 'starts', 'kind'],
            },
        ),
        migrations.CreateModel(
            name='Evaluation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('method', models.CharField(choices=[('kpi', 'KPI'), ('differentiation', 'Differentiation'), ('annual', 'Annual result'), ('kpi_competency', 'KPI and competencies (App. 2 and 3)'), ('moj_quarter', 'Quarterly evaluation sheet (moj-2017 App. 3)'), ('moj_annual', 'Annual evaluation: work-plan sheet and score (moj-2017 App. 4)')], max_length=20, verbose_name='method')),
                ('edition', models.CharField(max_length=30, verbose_name='edition')),
                ('status', models.CharField(choices=[('not_evaluated', 'Not evaluated (under 3 months in post)'), ('deferred', 'Deferred until the servant returns'), ('pending', 'Awaiting the evaluator'), ('provisional', 'Provisional: waiting for quarters to become final'), ('signed', 'Signed by the evaluator'), ('acknowledged', 'Familiarised with the result'), ('refused', 'Familiarisation refused (act drawn up)'), ('calibration', 'Under calibration'), ('commission', 'Before the evaluation commission'), ('decided', 'Decided by the commission'), ('approved', 'Approved by the authorised person'), ('final', 'Final')], default='pending', max_length=20, verbose_name='status')),
                ('reason', models.CharField(default='evaluated', help_text='evaluated, absent, in_absentia or too_short (see methodology.sjc2023).', max_length=20, verbose_name='eligibility')),
                ('due_date', models.DateField(verbose_name='due')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='score')),
                ('rating', models.CharField(blank=True, max_length=20, verbose_name='rating')),
                ('justification', models.TextField(blank=True, max_length=4000, verbose_name='justification')),
                ('feedback', models.TextField(blank=True, max_length=4000, verbose_name='constructive feedback')),
                ('signed_at', models.DateTimeField(blank=True, null=True, verbose_name='signed')),
                ('familiarisation_due', models.DateField(blank=True, null=True, verbose_name='familiarisation due')),
                ('acknowledged_at', models.DateTimeField(blank=True, null=True, verbose_name='acknowledged')),
                ('familiarised_on', models.DateField(blank=True, help_text="The acknowledgement's day, or the last day of the window when the result counts as made known through the information system (p.11).", null=True, verbose_name='familiarised on')),
                ('calibration_due', models.DateField(blank=True, null=True, verbose_name='calibration application due')),
                ('final_score', models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='final score')),
                ('final_rating', models.CharField(blank=True, max_length=20, verbose_name='final rating')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                ('version', models.PositiveIntegerField(default=1)),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.assignment')),
                ('evaluator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='evaluations_to_make', to='org.servant', verbose_name='evaluator')),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evaluations', to='org.servant')),
                ('signed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evaluations', to='evaluations.period')),
            ],
            options={
                'verbose_name': 'evaluation',
                'verbose_name_plural': 'evaluations',
                'ordering': ['period', 'servant'],
            },
        ),
        migrations.CreateModel(
            name='PaperEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signed_on', models.DateField(verbose_name='signed on paper')),
                ('entered_at', models.DateTimeField(verbose_name='entered')),
                ('scan', models.FileField(max_length=200, storage=bagalau.core.storage.get_private_storage, upload_to='', verbose_name='scan')),
                ('scan_type', models.CharField(max_length=40, verbose_name='scan type')),
                ('scan_size', models.PositiveIntegerField(verbose_name='scan size')),
                ('scan_sha256', models.CharField(max_length=64, verbose_name='scan checksum')),
                ('scan_filename', models.CharField(blank=True, max_length=200, verbose_name='file name')),
                ('entered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evaluation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='paper_entry', to='evaluations.evaluation')),
            ],
            options={
                'verbose_name': 'paper sheet',
                'verbose_name_plural': 'paper sheets',
            },
        ),
        migrations.CreateModel(
            name='RefusalAct',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(default=1, verbose_name='No.')),
                ('drawn_up_at', models.DateTimeField(auto_now_add=True)),
                ('text', models.TextField(max_length=4000, verbose_name='circumstances')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='refusals', to='evaluations.evaluation')),
                ('hr_signer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'refusal act',
                'verbose_name_plural': 'refusal acts',
                'ordering': ['evaluation', 'number'],
            },
        ),
        migrations.CreateModel(
            name='RefusalActSigner',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='No.')),
                ('role', models.CharField(max_length=30, verbose_name='role')),
                ('act', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signers', to='evaluations.refusalact')),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant')),
            ],
            options={
                'verbose_name': 'signer of the act',
                'verbose_name_plural': 'signers of the act',
                'ordering': ['act', 'number'],
            },
        ),
        migrations.CreateModel(
            name='Schedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('year', models.PositiveIntegerField(verbose_name='year')),
                ('edition', models.CharField(max_length=30, verbose_name='edition')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for approval'), ('approved', 'Approved')], default='draft', max_length=20, verbose_name='status')),
                ('approved_at', models.DateTimeField(blank=True, null=True)),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('drafted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='schedules', to='org.organisation')),
            ],
            options={
                'verbose_name': 'evaluation schedule',
                'verbose_name_plural': 'evaluation schedules',
                'ordering': ['organisation', '-year'],
            },
        ),
        migrations.AddField(
            model_name='period',
            name='schedule',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='periods', to='evaluations.schedule'),
        ),
        migrations.CreateModel(
            name='ServiceRecordEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period', models.CharField(max_length=100, verbose_name='period')),
                ('method', models.CharField(max_length=20, verbose_name='method')),
                ('entered_at', models.DateTimeField(auto_now_add=True)),
                ('result_kind', models.CharField(choices=[('points', 'Points'), ('kpi_count', 'KPIs achieved'), ('meets', 'Meets or does not meet')], default='points', max_length=20, verbose_name='kind of result')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True)),
                ('result_text', models.CharField(blank=True, max_length=100, verbose_name='result')),
                ('rating', models.CharField(max_length=20)),
                ('evaluation', models.OneToOneField(blank=True, help_text='Empty once the evaluation documents were disposed of (p.14).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='service_record_entry', to='evaluations.evaluation')),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='service_record', to='org.servant')),
            ],
            options={
                'verbose_name': 'service record entry',
                'verbose_name_plural': 'service record entries',
                'ordering': ['servant', '-entered_at'],
            },
        ),
        migrations.CreateModel(
            name='KpiResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('actual_value', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True)),
                ('actual_achieved', models.BooleanField(blank=True, null=True)),
                ('prefilled_at', models.DateTimeField(blank=True, null=True)),
                ('percent', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True)),
                ('allowed_min', models.DecimalField(blank=True, decimal_places=2, max_digits=4, null=True)),
                ('allowed_max', models.DecimalField(blank=True, decimal_places=2, max_digits=4, null=True)),
                ('proposed', models.DecimalField(blank=True, decimal_places=2, max_digits=4, null=True)),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=4, null=True)),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kpi_results', to='evaluations.evaluation')),
                ('kpi', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='results', to='plans.kpi')),
                ('prefilled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'KPI result',
                'verbose_name_plural': 'KPI results',
                'ordering': ['evaluation', 'kpi__number'],
                'constraints': [models.UniqueConstraint(fields=('evaluation', 'kpi'), name='one_result_per_kpi')],
            },
        ),
        migrations.CreateModel(
            name='ParameterScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('parameter', models.CharField(max_length=20)),
                ('score', models.PositiveSmallIntegerField()),
                ('justification', models.TextField(blank=True, max_length=4000)),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parameter_scores', to='evaluations.evaluation')),
            ],
            options={
                'verbose_name': 'parameter score',
                'verbose_name_plural': 'parameter scores',
                'constraints': [models.UniqueConstraint(fields=('evaluation', 'parameter'), name='one_score_per_parameter'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('justification'), 4000), name='evaluations_parameterscore_justification_max_length')],
            },
        ),
        migrations.AddIndex(
            model_name='evaluation',
            index=models.Index(fields=['status', 'method'], name='evaluation_status_method'),
        ),
        migrations.AddIndex(
            model_name='evaluation',
            index=models.Index(fields=['completed_at'], name='evaluation_completed_at'),
        ),
        migrations.AddIndex(
            model_name='evaluation',
            index=models.Index(fields=['assignment', 'period'], name='evaluation_assignment_period'),
        ),
        migrations.AddConstraint(
            model_name='evaluation',
            constraint=models.UniqueConstraint(fields=('period', 'servant'), name='one_evaluation_a_period'),
        ),
        migrations.AddConstraint(
            model_name='evaluation',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('justification'), 4000), name='evaluations_evaluation_justification_max_length'),
        ),
        migrations.AddConstraint(
            model_name='evaluation',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('feedback'), 4000), name='evaluations_evaluation_feedback_max_length'),
        ),
        migrations.AddConstraint(
            model_name='refusalact',
            constraint=models.UniqueConstraint(fields=('evaluation', 'number'), name='refusal_act_number'),
        ),
        migrations.AddConstraint(
            model_name='refusalact',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text'), 4000), name='evaluations_refusalact_text_max_length'),
        ),
        migrations.AddConstraint(
            model_name='refusalactsigner',
            constraint=models.UniqueConstraint(fields=('act', 'number'), name='refusal_signer_number'),
        ),
        migrations.AddConstraint(
            model_name='refusalactsigner',
            constraint=models.UniqueConstraint(fields=('act', 'servant'), name='refusal_signer_once'),
        ),
        migrations.AddConstraint(
            model_name='refusalactsigner',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('role'), 30), name='evaluations_refusalactsigner_role_max_length'),
        ),
        migrations.AddConstraint(
            model_name='schedule',
            constraint=models.UniqueConstraint(fields=('organisation', 'year'), name='one_schedule_a_year'),
        ),
        migrations.AddConstraint(
            model_name='period',
            constraint=models.UniqueConstraint(fields=('schedule', 'kind', 'number'), name='one_period'),
        ),
        migrations.AddConstraint(
            model_name='period',
            constraint=models.CheckConstraint(condition=models.Q(('planned_date__lte', models.F('deadline'))), name='planned_by_deadline'),
        ),
        migrations.AddConstraint(
            model_name='servicerecordentry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('result_kind', 'points'), _negated=True), ('score__isnull', False), _connector='OR'), name='service_record_points_have_a_score'),
        ),
        migrations.AddConstraint(
            model_name='servicerecordentry',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('result_text'), 100), name='evaluations_servicerecordentry_result_text_max_length'),
        ),
    ]
