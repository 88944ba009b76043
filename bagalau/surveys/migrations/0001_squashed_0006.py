import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('surveys', '0001_initial'),
        ('surveys', '0002_sealed_ballots'),
        ('surveys', '0003_text_bounds'),
        ('surveys', '0004_lowest_competencies'),
        ('surveys', '0005_tally_invited'),
        ('surveys', '0006_invitation_target_completed'),
    ]

    dependencies = [
        ('evaluations', '0001_squashed_0012'),
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Target',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('form', models.CharField(choices=[('manager', 'Managers (App. 5)'), ('staff', 'Staff (App. 6)')], max_length=20, verbose_name='form')),
                ('feedback_given_on', models.DateField(blank=True, null=True, verbose_name='feedback given on')),
                ('feedback_note', models.TextField(blank=True, max_length=4000, verbose_name='feedback note')),
                ('no_manager_reason', models.TextField(blank=True, max_length=1000, verbose_name='why the direct manager is not a respondent')),
                ('paper_pending', models.PositiveIntegerField(default=0, verbose_name='paper questionnaires awaiting entry')),
                ('version', models.PositiveIntegerField(default=1)),
            ],
            options={
                'verbose_name': '360 evaluatee',
                'verbose_name_plural': '360 evaluatees',
                'ordering': ['campaign', 'servant__last_name', 'servant__first_name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Campaign',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('year', models.PositiveIntegerField(verbose_name='year')),
                ('edition', models.CharField(max_length=30, verbose_name='edition')),
                ('deadline', models.DateField(verbose_name='deadline')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('open', 'Open'), ('closed', 'Closed')], default='draft', max_length=20, verbose_name='status')),
                ('opened_at', models.DateTimeField(blank=True, null=True, verbose_name='opened')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('opened_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='survey_campaigns', to='org.organisation')),
                ('period', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='evaluations.period', verbose_name='schedule period')),
            ],
            options={
                'verbose_name': '360 campaign',
                'verbose_name_plural': '360 campaigns',
                'ordering': ['organisation', '-year'],
            },
        ),
        migrations.CreateModel(
            name='ResponseTally',
            fields=[
                ('target', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='tally', serialize=False, to='surveys.target')),
                ('responses', models.PositiveIntegerField(default=0)),
                ('paper', models.PositiveIntegerField(default=0, verbose_name='entered from paper')),
                ('invited', models.PositiveIntegerField(default=0, verbose_name='questionnaires due')),
            ],
            options={
                'verbose_name': '360 response count',
                'verbose_name_plural': '360 response counts',
            },
        ),
        migrations.AddField(
            model_name='target',
            name='campaign',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='surveys.campaign'),
        ),
        migrations.AddField(
            model_name='target',
            name='evaluator',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='survey_reports_to_read', to='org.servant', verbose_name='evaluator'),
        ),
        migrations.AddField(
            model_name='target',
            name='feedback_recorded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='target',
            name='position',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.position'),
        ),
        migrations.AddField(
            model_name='target',
            name='servant',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='survey_targets', to='org.servant'),
        ),
        migrations.AddField(
            model_name='target',
            name='unit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.unit'),
        ),
        migrations.CreateModel(
            name='PaperBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('count', models.PositiveIntegerField(verbose_name='questionnaires')),
                ('entered_on', models.DateField(verbose_name='entered on')),
                ('scan', models.CharField(blank=True, max_length=100, verbose_name='scan')),
                ('scan_type', models.CharField(blank=True, max_length=40)),
                ('entered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='paper_batches', to='surveys.target')),
            ],
            options={
                'verbose_name': '360 paper batch',
                'verbose_name_plural': '360 paper batches',
                'ordering': ['target', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='LowestCompetency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rank', models.PositiveSmallIntegerField()),
                ('competency', models.CharField(editable=False, max_length=40)),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lowest', to='surveys.target')),
            ],
            options={
                'verbose_name': '360 lowest competency',
                'verbose_name_plural': '360 lowest competencies',
            },
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('relation', models.CharField(choices=[('manager', 'Direct manager'), ('subordinate', 'Subordinate'), ('peer', 'Peer')], max_length=20, verbose_name='relation')),
                ('completed', models.BooleanField(default=False, verbose_name='answered')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='answered on')),
                ('on_paper', models.BooleanField(default=False, verbose_name='returned on paper')),
                ('respondent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='survey_invitations', to='org.servant')),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='surveys.target')),
            ],
            options={
                'verbose_name': '360 questionnaire',
                'verbose_name_plural': '360 questionnaires',
                'ordering': ['target', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Ballot',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('sealed', models.BinaryField()),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='surveys.target')),
            ],
            options={
                'verbose_name': '360 sealed ballot',
                'verbose_name_plural': '360 sealed ballots',
            },
        ),
        migrations.CreateModel(
            name='AnswerTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('competency', models.CharField(max_length=40)),
                ('statement', models.PositiveSmallIntegerField()),
                ('total', models.PositiveIntegerField(default=0)),
                ('answers', models.PositiveIntegerField(default=0)),
                ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answer_totals', to='surveys.target')),
            ],
            options={
                'verbose_name': '360 answer total',
                'verbose_name_plural': '360 answer totals',
            },
        ),
        migrations.CreateModel(
            name='SelfAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('answers', models.JSONField(blank=True, default=dict, verbose_name='answers')),
                ('submitted_on', models.DateField(blank=True, null=True, verbose_name='submitted on')),
                ('target', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='self_assessment', to='surveys.target')),
            ],
            options={
                'verbose_name': '360 self-assessment',
                'verbose_name_plural': '360 self-assessments',
            },
        ),
        migrations.AddConstraint(
            model_name='campaign',
            constraint=models.UniqueConstraint(fields=('organisation', 'year'), name='one_campaign_a_year'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.UniqueConstraint(fields=('campaign', 'servant'), name='one_target_a_campaign'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('feedback_note'), 4000), name='surveys_target_feedback_note_max_length'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('no_manager_reason'), 1000), name='surveys_target_no_manager_reason_max_length'),
        ),
        migrations.AddConstraint(
            model_name='lowestcompetency',
            constraint=models.UniqueConstraint(fields=('target', 'rank'), name='one_competency_a_rank'),
        ),
        migrations.AddIndex(
            model_name='invitation',
            index=models.Index(fields=['target', 'completed'], name='invitation_target_completed'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.UniqueConstraint(fields=('target', 'respondent'), name='respondent_once'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.CheckConstraint(condition=models.Q(('on_paper', False), ('completed', True), _connector='OR'), name='paper_is_completed'),
        ),
        migrations.AddConstraint(
            model_name='answertotal',
            constraint=models.UniqueConstraint(fields=('target', 'competency', 'statement'), name='one_total_a_statement'),
        ),
    ]
