import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('commission', '0001_initial'),
        ('commission', '0002_intranetdispatch'),
        ('commission', '0003_moj_commission'),
    ]

    dependencies = [
        ('calibration', '0001_squashed_0009'),
        ('evaluations', '0001_squashed_0012'),
        ('org', '0001_squashed_0006'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CommissionSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('date', models.DateField(verbose_name='session date')),
                ('chair_agreed_on', models.DateField(verbose_name='date agreed with the chair on')),
                ('place', models.CharField(blank=True, max_length=300, verbose_name='place')),
                ('status', models.CharField(choices=[('scheduled', 'Scheduled'), ('held', 'Held (quorate)'), ('adjourned', 'Adjourned: no quorum'), ('protocol_signed', 'Protocol signed'), ('approved', 'Approved by the authorised person')], default='scheduled', max_length=20, verbose_name='status')),
                ('present_count', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('quorum_needed', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('conclusion', models.TextField(blank=True, max_length=4000, verbose_name='conclusion of the commission')),
                ('approved_on', models.DateField(blank=True, null=True, verbose_name='approved on')),
                ('approval_remarks', models.TextField(blank=True, max_length=4000, verbose_name='remarks of the authorised person')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='commission_sessions', to='org.organisation')),
                ('scheduled_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'commission session',
                'verbose_name_plural': 'commission sessions',
                'ordering': ['organisation', '-date'],
            },
        ),
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='No.')),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commission_items', to='evaluations.evaluation')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda', to='commission.commissionsession')),
            ],
            options={
                'verbose_name': 'agenda item',
                'verbose_name_plural': 'agenda items',
                'ordering': ['session', 'number'],
            },
        ),
        migrations.CreateModel(
            name='CommissionVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('kind', models.CharField(choices=[('forming', 'Order forming the commission'), ('amending', 'Amending order')], max_length=20, verbose_name='kind of order')),
                ('order_number', models.CharField(max_length=30, verbose_name='order number')),
                ('order_date', models.DateField(verbose_name='order date')),
                ('edition', models.CharField(max_length=30, verbose_name='edition')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='commission_versions', to='org.organisation')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('signatory', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.servant', verbose_name='signed by (the authorised person)')),
            ],
            options={
                'verbose_name': 'commission version',
                'verbose_name_plural': 'commission versions',
                'ordering': ['organisation', '-order_date'],
            },
        ),
        migrations.AddField(
            model_name='commissionsession',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sessions', to='commission.commissionversion'),
        ),
        migrations.CreateModel(
            name='CommissionSeat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('chair', 'Chair'), ('member', 'Member'), ('secretary', 'Secretary')], max_length=20, verbose_name='role')),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commission_seats', to='org.servant')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='seats', to='commission.commissionversion')),
            ],
            options={
                'verbose_name': 'commission seat',
                'verbose_name_plural': 'commission seats',
                'ordering': ['version', 'role', 'servant__last_name'],
            },
        ),
        migrations.CreateModel(
            name='IntranetDispatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sent_on', models.DateField(verbose_name='sent on')),
                ('reference', models.CharField(max_length=300, verbose_name='reference on the portal')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='intranet_dispatches', to='evaluations.evaluation')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'dispatch through the intranet portal',
                'verbose_name_plural': 'dispatches through the intranet portal',
                'ordering': ['evaluation', 'sent_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Motion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('approve', 'Approve the results'), ('revise', 'Revise the results')], max_length=20, verbose_name='decision')),
                ('revised_kpi_achieved', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='KPIs fully achieved, as corrected')),
                ('revised_competencies', models.TextField(blank=True, max_length=4000, verbose_name='competency result, as corrected')),
                ('revised_score', models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='score, as corrected')),
                ('reason', models.TextField(blank=True, max_length=4000, verbose_name='reason')),
                ('recommendations', models.TextField(blank=True, max_length=4000, verbose_name='recommendations of the commission')),
                ('adopted', models.BooleanField(blank=True, null=True)),
                ('votes_for', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('votes_against', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('put_at', models.DateTimeField(auto_now_add=True)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='motions', to='commission.agendaitem')),
                ('put_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'motion',
                'verbose_name_plural': 'motions',
                'ordering': ['item', 'put_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Signature',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signed_on', models.DateField(verbose_name='signed on')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('seat', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='commission.commissionseat')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signatures', to='commission.commissionsession')),
            ],
            options={
                'verbose_name': 'protocol signature',
                'verbose_name_plural': 'protocol signatures',
                'ordering': ['session', 'seat__role'],
            },
        ),
        migrations.CreateModel(
            name='Vote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('choice', models.CharField(choices=[('for', 'For'), ('against', 'Against')], max_length=10, verbose_name='vote')),
                ('motion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='commission.motion')),
                ('seat', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='commission.commissionseat')),
            ],
            options={
                'verbose_name': 'vote',
                'verbose_name_plural': 'votes',
            },
        ),
        migrations.CreateModel(
            name='AgencyReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due', models.DateField(verbose_name='due')),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='sent on')),
                ('reference', models.CharField(blank=True, max_length=300, verbose_name='reference of the letter')),
                ('appeal', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='agency_report', to='calibration.appeal')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'information to the agency',
                'verbose_name_plural': 'information to the agency',
                'ordering': ['due', 'pk'],
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reference'), 300), name='commission_agencyreport_reference_max_length')],
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('present', models.BooleanField(verbose_name='present')),
                ('seat', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='commission.commissionseat')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='commission.commissionsession')),
            ],
            options={
                'verbose_name': 'attendance',
                'verbose_name_plural': 'attendance',
                'constraints': [models.UniqueConstraint(fields=('session', 'seat'), name='commission_attendance_once')],
            },
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.UniqueConstraint(fields=('session', 'evaluation'), name='commission_item_once_a_session'),
        ),
        migrations.AddConstraint(
            model_name='commissionversion',
            constraint=models.UniqueConstraint(fields=('organisation', 'order_date'), name='commission_one_order_a_day'),
        ),
        migrations.AddConstraint(
            model_name='commissionversion',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('order_number'), 30), name='commission_commissionversion_order_number_max_length'),
        ),
        migrations.AddConstraint(
            model_name='commissionversion',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('edition'), 30), name='commission_commissionversion_edition_max_length'),
        ),
        migrations.AddConstraint(
            model_name='commissionsession',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('place'), 300), name='commission_commissionsession_place_max_length'),
        ),
        migrations.AddConstraint(
            model_name='commissionsession',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('conclusion'), 4000), name='commission_commissionsession_conclusion_max_length'),
        ),
        migrations.AddConstraint(
            model_name='commissionsession',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('approval_remarks'), 4000), name='commission_commissionsession_approval_remarks_max_length'),
        ),
        migrations.AddConstraint(
            model_name='commissionseat',
            constraint=models.UniqueConstraint(fields=('version', 'servant'), name='commission_one_seat'),
        ),
        migrations.AddConstraint(
            model_name='commissionseat',
            constraint=models.UniqueConstraint(condition=models.Q(('role', 'chair')), fields=('version',), name='commission_one_chair'),
        ),
        migrations.AddConstraint(
            model_name='commissionseat',
            constraint=models.UniqueConstraint(condition=models.Q(('role', 'secretary')), fields=('version',), name='commission_one_secretary'),
        ),
        migrations.AddConstraint(
            model_name='intranetdispatch',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reference'), 300), name='commission_intranetdispatch_reference_max_length'),
        ),
        migrations.AddConstraint(
            model_name='motion',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('revised_competencies'), 4000), name='commission_motion_revised_competencies_max_length'),
        ),
        migrations.AddConstraint(
            model_name='motion',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 4000), name='commission_motion_reason_max_length'),
        ),
        migrations.AddConstraint(
            model_name='motion',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('recommendations'), 4000), name='commission_motion_recommendations_max_length'),
        ),
        migrations.AddConstraint(
            model_name='motion',
            constraint=models.CheckConstraint(condition=models.Q(('revised_kpi_achieved__isnull', True), ('revised_kpi_achieved__lte', 5), _connector='OR'), name='commission_motion_kpi_0_5'),
        ),
        migrations.AddConstraint(
            model_name='signature',
            constraint=models.UniqueConstraint(fields=('session', 'seat'), name='commission_sign_once'),
        ),
        migrations.AddConstraint(
            model_name='vote',
            constraint=models.UniqueConstraint(fields=('motion', 'seat'), name='commission_one_vote'),
        ),
    ]
