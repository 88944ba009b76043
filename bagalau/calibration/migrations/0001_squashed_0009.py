import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('calibration', '0001_initial'),
        ('calibration', '0002_session_round'),
        ('calibration', '0003_text_bounds'),
        ('calibration', '0004_application_no_rejection_p38'),
        ('calibration', '0005_feedback_sector_head_p19'),
        ('calibration', '0006_appeal_basis'),
        ('calibration', '0007_appeal_commission_outcomes'),
        ('calibration', '0008_appeal_court'),
        ('calibration', '0009_alter_appeal_outcome'),
    ]

    dependencies = [
        ('evaluations', '0001_squashed_0012'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Application',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('text', models.TextField(max_length=4000, verbose_name='application')),
                ('submitted_on', models.DateField(verbose_name='submitted on')),
                ('decision_due', models.DateField(verbose_name='decision due')),
                ('session_due', models.DateField(verbose_name='session due')),
                ('status', models.CharField(choices=[('submitted', 'Submitted'), ('accepted', 'Session ordered'), ('rejected', 'Rejected before the p.38 correction')], default='submitted', max_length=20, verbose_name='status')),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decision_comment', models.TextField(blank=True, max_length=4000, verbose_name='note on the decision')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('evaluation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='calibration_application', to='evaluations.evaluation')),
                ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'calibration application',
                'verbose_name_plural': 'calibration applications',
                'ordering': ['-submitted_on'],
            },
        ),
        migrations.CreateModel(
            name='Session',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('scheduled_for', models.DateTimeField(verbose_name='date and time')),
                ('place', models.CharField(blank=True, max_length=200, verbose_name='place')),
                ('status', models.CharField(choices=[('scheduled', 'Scheduled'), ('presented', "Evaluator's presentation recorded"), ('decided', 'Final score adopted'), ('signed', 'Protocol signed'), ('posted', 'Protocol posted'), ('closed', 'Feedback meeting held')], default='scheduled', max_length=20, verbose_name='status')),
                ('round', models.PositiveSmallIntegerField(default=1, help_text='The voting round under way; a round without a majority opens the next one.', verbose_name='round')),
                ('presentation', models.TextField(blank=True, max_length=4000, verbose_name="evaluator's presentation")),
                ('presented_at', models.DateTimeField(blank=True, null=True)),
                ('final_score', models.DecimalField(blank=True, decimal_places=2, max_digits=4, null=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('protocol_signed_at', models.DateTimeField(blank=True, null=True)),
                ('protocol_posting_due', models.DateField(blank=True, null=True)),
                ('protocol_posted_at', models.DateTimeField(blank=True, null=True)),
                ('application', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='session', to='calibration.application')),
                ('participants', models.ManyToManyField(related_name='calibration_sessions', to=settings.AUTH_USER_MODEL, verbose_name='participants')),
                ('protocol_signed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'calibration session',
                'verbose_name_plural': 'calibration sessions',
                'ordering': ['-scheduled_for'],
            },
        ),
        migrations.CreateModel(
            name='ScoreChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old_score', models.DecimalField(decimal_places=2, max_digits=4)),
                ('new_score', models.DecimalField(decimal_places=2, max_digits=4)),
                ('old_rating', models.CharField(max_length=20)),
                ('new_rating', models.CharField(max_length=20)),
                ('changed_at', models.DateTimeField(auto_now_add=True)),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='score_changes', to='evaluations.evaluation')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='score_changes', to='calibration.session')),
            ],
            options={
                'verbose_name': 'score change',
                'verbose_name_plural': 'score changes',
                'ordering': ['evaluation', 'changed_at'],
            },
        ),
        migrations.CreateModel(
            name='FeedbackMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='held on')),
                ('achievements', models.TextField(max_length=4000, verbose_name='achievements in the period')),
                ('skills', models.TextField(max_length=4000, verbose_name='skills and competencies')),
                ('potential', models.TextField(max_length=4000, verbose_name='potential and career goals')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('sector_head', models.ForeignKey(blank=True, help_text='Seed 002 p.19(3): the head of the Sector takes part when necessary.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='head of the HR service who took part')),
                ('session', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='calibration.session')),
            ],
            options={
                'verbose_name': 'feedback meeting',
                'verbose_name_plural': 'feedback meetings',
            },
        ),
        migrations.CreateModel(
            name='Appeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('basis', models.CharField(choices=[('calibration', 'Decision of the calibration session'), ('commission', 'Decision of the evaluation commission'), ('court', "Claim to a court against the commission's decision")], default='calibration', max_length=20, verbose_name='decision appealed')),
                ('filed_on', models.DateField(verbose_name='filed on')),
                ('authority', models.CharField(max_length=300, verbose_name='appealed to')),
                ('outcome', models.CharField(choices=[('pending', 'Pending'), ('upheld', 'Decision upheld'), ('overturned', 'Decision overturned'), ('withdrawn', 'Withdrawn'), ('recommend_revision', 'Revision recommended'), ('left_unchanged', 'Left unchanged'), ('other', 'Other (see the note)')], default='pending', max_length=20, verbose_name='outcome')),
                ('outcome_on', models.DateField(blank=True, null=True, verbose_name='outcome on')),
                ('note', models.TextField(blank=True, max_length=4000, verbose_name='note')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appeals', to='evaluations.evaluation', verbose_name='evaluation contested')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='appeals', to='calibration.session')),
            ],
            options={
                'verbose_name': 'appeal',
                'verbose_name_plural': 'appeals',
                'ordering': ['-filed_on'],
            },
        ),
        migrations.CreateModel(
            name='Vote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('round', models.PositiveSmallIntegerField(default=1)),
                ('choice', models.CharField(choices=[('keep', "Keep the evaluator's score"), ('raise', 'Raise'), ('lower', 'Lower')], max_length=10)),
                ('score', models.DecimalField(decimal_places=2, max_digits=4)),
                ('argument', models.TextField(blank=True, max_length=4000, verbose_name='argument')),
                ('cast_at', models.DateTimeField(auto_now_add=True)),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='calibration.session')),
                ('voter', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'vote',
                'verbose_name_plural': 'votes',
                'ordering': ['session', 'round', 'cast_at'],
            },
        ),
        migrations.AddConstraint(
            model_name='application',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text'), 4000), name='calibration_application_text_max_length'),
        ),
        migrations.AddConstraint(
            model_name='application',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('decision_comment'), 4000), name='calibration_application_decision_comment_max_length'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('presentation'), 4000), name='calibration_session_presentation_max_length'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('place'), 200), name='calibration_session_place_max_length'),
        ),
        migrations.AddConstraint(
            model_name='feedbackmeeting',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('achievements'), 4000), name='calibration_feedbackmeeting_achievements_max_length'),
        ),
        migrations.AddConstraint(
            model_name='feedbackmeeting',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('skills'), 4000), name='calibration_feedbackmeeting_skills_max_length'),
        ),
        migrations.AddConstraint(
            model_name='feedbackmeeting',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('potential'), 4000), name='calibration_feedbackmeeting_potential_max_length'),
        ),
        migrations.AddConstraint(
            model_name='appeal',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('authority'), 300), name='calibration_appeal_authority_max_length'),
        ),
        migrations.AddConstraint(
            model_name='appeal',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 4000), name='calibration_appeal_note_max_length'),
        ),
        migrations.AddConstraint(
            model_name='appeal',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('basis', 'calibration'), ('session__isnull', False)), models.Q(('basis__in', ['commission', 'court']), ('session__isnull', True)), _connector='OR'), name='calibration_appeal_session_by_basis'),
        ),
        migrations.AddConstraint(
            model_name='vote',
            constraint=models.UniqueConstraint(fields=('session', 'round', 'voter'), name='one_vote_a_round'),
        ),
        migrations.AddConstraint(
            model_name='vote',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('argument'), 4000), name='calibration_vote_argument_max_length'),
        ),
    ]
