import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('moj', '0001_initial'),
        ('moj', '0002_quarter_sheet'),
        ('moj', '0003_refusal_signers'),
        ('moj', '0004_schedule_consent'),
        ('moj', '0005_work_plan_annual_sheet'),
    ]

    dependencies = [
        ('evaluations', '0001_squashed_0012'),
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DisciplineRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('kind', models.CharField(max_length=20, verbose_name='kind of breach')),
                ('source', models.CharField(choices=[('document_flow', 'Document-flow service'), ('hr', 'HR service'), ('direct_manager', 'Direct manager')], max_length=20, verbose_name='source')),
                ('day', models.DateField(verbose_name='date of the breach')),
                ('evidence', models.TextField(max_length=4000, verbose_name='evidence')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant')),
            ],
            options={
                'verbose_name': 'discipline breach',
                'verbose_name_plural': 'discipline breaches',
                'ordering': ['servant', 'day', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='PeriodNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due', models.DateField(verbose_name='notice due')),
                ('sent_on', models.DateField(verbose_name='notice sent')),
                ('late_by', models.PositiveIntegerField(default=0, verbose_name='calendar days late')),
                ('recipients', models.PositiveIntegerField(default=0, verbose_name='notifications sent')),
                ('period', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='moj_notice', to='evaluations.period')),
                ('sent_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notice of the evaluation',
                'verbose_name_plural': 'notices of the evaluation',
            },
        ),
        migrations.CreateModel(
            name='QuarterSheet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('refused_on', models.DateField(blank=True, null=True, verbose_name='refusal act drawn up')),
                ('refusal_note', models.TextField(blank=True, max_length=4000, verbose_name='refusal act')),
                ('catalogue', models.CharField(max_length=30, verbose_name='App. 2 catalogue')),
                ('status', models.CharField(choices=[('draft', 'Sent to the servant'), ('self_assessed', 'Self-assessed'), ('agreed', 'Agreed by the direct manager'), ('signed', 'Signed by the servant'), ('refused', 'Signature refused (act drawn up)')], default='draft', max_length=20, verbose_name='status')),
                ('self_items', models.JSONField(default=list, verbose_name='encouraged activities (self-assessment)')),
                ('self_breaches', models.JSONField(default=list, verbose_name='breaches (self-assessment)')),
                ('agreed_items', models.JSONField(default=list, verbose_name='encouraged activities (agreed)')),
                ('no_self_assessment', models.BooleanField(default=False, verbose_name='no self-assessment')),
                ('bonus_points', models.IntegerField(blank=True, null=True, verbose_name='bonus points')),
                ('breaches', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='breaches')),
                ('score', models.IntegerField(blank=True, null=True, verbose_name='score')),
                ('rating', models.CharField(blank=True, max_length=20, verbose_name='rating')),
                ('self_assessed_on', models.DateField(blank=True, null=True, verbose_name='self-assessed')),
                ('agreed_on', models.DateField(blank=True, null=True, verbose_name='agreed by the direct manager')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='signed by the servant')),
                ('version', models.PositiveIntegerField(default=1)),
                ('agreed_breaches', models.ManyToManyField(blank=True, related_name='+', to='moj.disciplinerecord')),
                ('evaluation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='moj_quarter_sheet', to='evaluations.evaluation')),
                ('refusal_drawn_up_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='act drawn up by')),
                ('refusal_manager', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant', verbose_name='direct manager signing the act')),
            ],
            options={
                'verbose_name': 'quarterly evaluation sheet',
                'verbose_name_plural': 'quarterly evaluation sheets',
            },
        ),
        migrations.CreateModel(
            name='ScheduleConsent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('chair_name', models.CharField(max_length=300, verbose_name='commission chair')),
                ('agreed_on', models.DateField(verbose_name='consent given on')),
                ('reference', models.CharField(blank=True, max_length=300, verbose_name='document')),
                ('recorded_at', models.DateTimeField(verbose_name='recorded')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('schedule', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='moj_consent', to='evaluations.schedule')),
            ],
            options={
                'verbose_name': "chair's consent to the moj-2017 schedule",
                'verbose_name_plural': "chair's consents to the moj-2017 schedule",
            },
        ),
        migrations.CreateModel(
            name='WorkPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('year', models.PositiveIntegerField(verbose_name='year')),
                ('edition', models.CharField(max_length=30, verbose_name='edition')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('servant_signed', 'Signed by the servant'), ('filed', 'Signed by both and filed')], default='draft', max_length=20, verbose_name='status')),
                ('revision', models.PositiveIntegerField(default=1, verbose_name='version of the plan')),
                ('version', models.PositiveIntegerField(default=1)),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant')),
            ],
            options={
                'verbose_name': 'individual work plan',
                'verbose_name_plural': 'individual work plans',
            },
        ),
        migrations.CreateModel(
            name='WorkPlanRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='version of the plan')),
                ('indicators', models.JSONField(default=list, verbose_name='target indicators')),
                ('reason', models.TextField(blank=True, max_length=4000, verbose_name='reason of the amendment')),
                ('servant_signed_on', models.DateField(blank=True, null=True, verbose_name='signed by the servant')),
                ('manager_signed_on', models.DateField(blank=True, null=True, verbose_name='signed by the direct manager')),
                ('filed_on', models.DateField(blank=True, null=True, verbose_name='filed')),
                ('drafted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('manager', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant', verbose_name='direct manager')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='moj.workplan')),
            ],
            options={
                'verbose_name': 'version of a work plan',
                'verbose_name_plural': 'versions of work plans',
                'ordering': ['plan', 'number'],
            },
        ),
        migrations.CreateModel(
            name='AnnualSheet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('refused_on', models.DateField(blank=True, null=True, verbose_name='refusal act drawn up')),
                ('refusal_note', models.TextField(blank=True, max_length=4000, verbose_name='refusal act')),
                ('status', models.CharField(choices=[('draft', 'Sent to the servant'), ('self_assessed', 'Self-assessed'), ('agreed', 'Agreed by the direct manager'), ('confirmed', 'Confirmed by the servant'), ('refused', 'Confirmation refused (act drawn up)'), ('computed', 'Annual score computed')], default='draft', max_length=20, verbose_name='status')),
                ('rows', models.JSONField(default=list, verbose_name='indicators')),
                ('no_self_assessment', models.BooleanField(default=False, verbose_name='no self-assessment')),
                ('plan_score', models.DecimalField(blank=True, decimal_places=2, max_digits=4, null=True, verbose_name='plan score')),
                ('self_assessed_on', models.DateField(blank=True, null=True, verbose_name='self-assessed')),
                ('agreed_on', models.DateField(blank=True, null=True, verbose_name='agreed by the direct manager')),
                ('confirmed_on', models.DateField(blank=True, null=True, verbose_name='confirmed by the servant')),
                ('quarter_scores', models.JSONField(default=list, verbose_name='approved quarter scores')),
                ('quarter_mean', models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='mean of the quarters')),
                ('quarter_points', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='points of the mean')),
                ('weight_quarters', models.DecimalField(blank=True, decimal_places=3, max_digits=4, null=True, verbose_name='weight of the quarters')),
                ('weight_plan', models.DecimalField(blank=True, decimal_places=3, max_digits=4, null=True, verbose_name='weight of the plan')),
                ('computed_on', models.DateField(blank=True, null=True, verbose_name='annual score computed')),
                ('version', models.PositiveIntegerField(default=1)),
                ('evaluation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='moj_annual_sheet', to='evaluations.evaluation')),
                ('refusal_drawn_up_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='act drawn up by')),
                ('refusal_manager', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant', verbose_name='direct manager signing the act')),
                ('plan_revision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='moj.workplanrevision')),
            ],
            options={
                'verbose_name': 'annual evaluation sheet',
                'verbose_name_plural': 'annual evaluation sheets',
            },
        ),
        migrations.CreateModel(
            name='CatalogueChoice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('catalogue', models.CharField(max_length=30, verbose_name='App. 2 catalogue')),
                ('version', models.PositiveIntegerField(default=1)),
                ('chosen_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='moj_catalogue', to='org.organisation')),
            ],
            options={
                'verbose_name': 'App. 2 catalogue of the organisation',
                'verbose_name_plural': 'App. 2 catalogues of organisations',
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('catalogue'), 30), name='moj_cataloguechoice_catalogue_max_length')],
            },
        ),
        migrations.AddConstraint(
            model_name='disciplinerecord',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('kind'), 20), name='moj_disciplinerecord_kind_max_length'),
        ),
        migrations.AddConstraint(
            model_name='disciplinerecord',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('evidence'), 4000), name='moj_disciplinerecord_evidence_max_length'),
        ),
        migrations.AddConstraint(
            model_name='quartersheet',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('catalogue'), 30), name='moj_quartersheet_catalogue_max_length'),
        ),
        migrations.AddConstraint(
            model_name='quartersheet',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('rating'), 20), name='moj_quartersheet_rating_max_length'),
        ),
        migrations.AddConstraint(
            model_name='quartersheet',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('refusal_note'), 4000), name='moj_quartersheet_refusal_note_max_length'),
        ),
        migrations.AddConstraint(
            model_name='scheduleconsent',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('chair_name'), 300), name='moj_scheduleconsent_chair_name_max_length'),
        ),
        migrations.AddConstraint(
            model_name='scheduleconsent',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reference'), 300), name='moj_scheduleconsent_reference_max_length'),
        ),
        migrations.AddConstraint(
            model_name='workplan',
            constraint=models.UniqueConstraint(fields=('servant', 'year'), name='one_moj_work_plan_a_year'),
        ),
        migrations.AddConstraint(
            model_name='workplan',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('edition'), 30), name='moj_workplan_edition_max_length'),
        ),
        migrations.AddConstraint(
            model_name='workplanrevision',
            constraint=models.UniqueConstraint(fields=('plan', 'number'), name='one_moj_plan_revision'),
        ),
        migrations.AddConstraint(
            model_name='workplanrevision',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 4000), name='moj_workplanrevision_reason_max_length'),
        ),
        migrations.AddConstraint(
            model_name='annualsheet',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('refusal_note'), 4000), name='moj_annualsheet_refusal_note_max_length'),
        ),
    ]
