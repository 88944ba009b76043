import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('org', '0001_initial'),
        ('org', '0002_method_and_manager_overrides'),
        ('org', '0003_text_bounds'),
        ('org', '0004_more_text_bounds'),
        ('org', '0005_version'),
        ('org', '0006_position_job_description'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Position',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name_kk', models.CharField(max_length=300, verbose_name='name (Kazakh)')),
                ('name_ru', models.CharField(blank=True, max_length=300, verbose_name='name (Russian)')),
                ('name_en', models.CharField(blank=True, max_length=300, verbose_name='name (English)')),
                ('category', models.CharField(blank=True, max_length=10, validators=[django.core.validators.RegexValidator('^(B-1|B-2|B-3|B-4|B-5|B-6|C-1|C-2|C-3|C-4|C-5|C-O-1|C-O-2|C-O-3|C-O-4|C-O-5|C-O-6|C-R-1|C-R-2|C-R-3|C-R-4|C-R-5|D-1|D-2|D-3|D-4|D-5|D-O-1|D-O-2|D-O-3|D-O-4|D-O-5|D-O-6|E-1|E-2|E-3|E-4|E-5|E-R-1|E-R-2|E-R-3|E-R-4|E-R-5|E-G-1|E-G-2|E-G-3|E-G-4)$', 'Use a category code such as B-1, C-O-2 or D-4.')], verbose_name='category')),
                ('heads_unit', models.BooleanField(default=False, verbose_name='heads the unit')),
                ('method_override', models.CharField(blank=True, choices=[('kpi', 'By KPI'), ('differentiation', 'By differentiation')], help_text='Leave empty to take it from the category: B-1 posts (the deputy head of the apparatus, the heads of structural units) are evaluated by KPI, the others by differentiation (seed 002 p.2, p.21, p.28).', max_length=20, verbose_name='evaluation method (override)')),
                ('method_override_reason', models.CharField(blank=True, max_length=500, verbose_name='why the method is overridden')),
                ('provides_services', models.BooleanField(default=False, verbose_name='provides public services')),
                ('job_description', models.TextField(blank=True, max_length=4000, verbose_name='job description')),
                ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                ('version', models.PositiveIntegerField(default=1)),
            ],
            options={
                'verbose_name': 'position',
                'verbose_name_plural': 'positions',
                'ordering': ['unit', '-heads_unit', 'order', 'name_kk'],
            },
        ),
        migrations.CreateModel(
            name='CalendarTransfer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('working_day', models.DateField(blank=True, null=True, unique=True, verbose_name='worked weekend day')),
                ('day_off', models.DateField(blank=True, null=True, unique=True, verbose_name='weekday off')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='decree')),
            ],
            options={
                'verbose_name': 'transferred day off',
                'verbose_name_plural': 'transferred days off',
                'ordering': ['-working_day', '-day_off'],
                'constraints': [models.CheckConstraint(condition=models.Q(('working_day__isnull', False), ('day_off__isnull', False), _connector='OR'), name='transfer_names_a_day'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 300), name='org_calendartransfer_note_max_length')],
            },
        ),
        migrations.CreateModel(
            name='Organisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name_kk', models.CharField(max_length=300, verbose_name='name (Kazakh)')),
                ('name_ru', models.CharField(blank=True, max_length=300, verbose_name='name (Russian)')),
                ('name_en', models.CharField(blank=True, max_length=300, verbose_name='name (English)')),
                ('short_name', models.CharField(blank=True, max_length=60, verbose_name='short name')),
                ('body', models.CharField(default='sjc', help_text='Which family of methodologies applies (sjc, justice, …).', max_length=40, verbose_name='kind of body')),
            ],
            options={
                'verbose_name': 'organisation',
                'verbose_name_plural': 'organisations',
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_kk'), 300), name='org_organisation_name_kk_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_ru'), 300), name='org_organisation_name_ru_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_en'), 300), name='org_organisation_name_en_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('short_name'), 60), name='org_organisation_short_name_max_length')],
            },
        ),
        migrations.CreateModel(
            name='Servant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('last_name', models.CharField(max_length=100, verbose_name='surname')),
                ('first_name', models.CharField(max_length=100, verbose_name='first name')),
                ('patronymic', models.CharField(blank=True, max_length=100, verbose_name='patronymic')),
                ('personnel_number', models.CharField(blank=True, max_length=30, verbose_name='personnel number')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('version', models.PositiveIntegerField(default=1)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='servants', to='org.organisation')),
                ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='servant', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'servant',
                'verbose_name_plural': 'servants',
                'ordering': ['last_name', 'first_name'],
            },
        ),
        migrations.CreateModel(
            name='Assignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('start', models.DateField(verbose_name='from')),
                ('end', models.DateField(blank=True, null=True, verbose_name='to')),
                ('kind', models.CharField(choices=[('appointment', 'Appointment'), ('transfer', 'Transfer')], default='appointment', max_length=20, verbose_name='kind')),
                ('end_reason', models.CharField(blank=True, choices=[('transfer', 'Transferred'), ('dismissal', 'Dismissed')], max_length=20, verbose_name='end reason')),
                ('probation_until', models.DateField(blank=True, null=True, verbose_name='probation until')),
                ('managers_reason', models.CharField(blank=True, help_text='For example the order that distributes the duties.', max_length=500, verbose_name='why the managers are overridden')),
                ('version', models.PositiveIntegerField(default=1)),
                ('position', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='org.position')),
                ('direct_manager', models.ForeignKey(blank=True, help_text='Leave empty to take the head of the unit from the structure.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='org.servant', verbose_name='direct manager (override)')),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='org.servant')),
                ('superior_manager', models.ForeignKey(blank=True, help_text="Leave empty to take the direct manager's own direct manager.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='org.servant', verbose_name='superior manager (override)')),
            ],
            options={
                'verbose_name': 'assignment',
                'verbose_name_plural': 'assignments',
                'ordering': ['servant', '-start'],
            },
        ),
        migrations.CreateModel(
            name='Absence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('kind', models.CharField(choices=[('annual_leave', 'Annual leave'), ('social_leave', 'Social leave'), ('sick_leave', 'Sick leave'), ('business_trip', 'Business trip'), ('internship', 'Internship'), ('retraining', 'Retraining'), ('training', 'Training')], max_length=20, verbose_name='kind')),
                ('start', models.DateField(verbose_name='from')),
                ('end', models.DateField(verbose_name='to')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('version', models.PositiveIntegerField(default=1)),
                ('servant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='absences', to='org.servant')),
            ],
            options={
                'verbose_name': 'absence',
                'verbose_name_plural': 'absences',
                'ordering': ['servant', '-start'],
            },
        ),
        migrations.CreateModel(
            name='Unit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('name_kk', models.CharField(max_length=300, verbose_name='name (Kazakh)')),
                ('name_ru', models.CharField(blank=True, max_length=300, verbose_name='name (Russian)')),
                ('name_en', models.CharField(blank=True, max_length=300, verbose_name='name (English)')),
                ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                ('version', models.PositiveIntegerField(default=1)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='units', to='org.organisation')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='org.unit')),
            ],
            options={
                'verbose_name': 'structural unit',
                'verbose_name_plural': 'structural units',
                'ordering': ['order', 'name_kk'],
            },
        ),
        migrations.AddField(
            model_name='position',
            name='unit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='org.unit'),
        ),
        migrations.CreateModel(
            name='EditionAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('edition', models.CharField(choices=[('sjc-2023', 'sjc-2023'), ('almaty-2018', 'almaty-2018'), ('kyzylorda-2018', 'kyzylorda-2018'), ('moj-2017', 'moj-2017'), ('sjc-2018', 'sjc-2018')], default='sjc-2023', max_length=30, verbose_name='edition')),
                ('valid_from', models.DateField(verbose_name='in force from')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='editions', to='org.organisation')),
            ],
            options={
                'verbose_name': 'edition in force',
                'verbose_name_plural': 'editions in force',
                'ordering': ['organisation', 'valid_from'],
                'constraints': [models.UniqueConstraint(fields=('organisation', 'valid_from'), name='one_edition_a_day')],
            },
        ),
        migrations.CreateModel(
            name='RoleAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('role', models.CharField(choices=[('hr', 'HR service (Sector)'), ('hr_head', 'Head of the HR service'), ('apparatus_head', 'Head of the apparatus'), ('admin', 'System administrator')], max_length=20, verbose_name='role')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='org.organisation')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'role',
                'verbose_name_plural': 'roles',
                'constraints': [models.UniqueConstraint(fields=('user', 'organisation', 'role'), name='unique_role')],
            },
        ),
        migrations.AddConstraint(
            model_name='servant',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('last_name'), 100), name='org_servant_last_name_max_length'),
        ),
        migrations.AddConstraint(
            model_name='servant',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('first_name'), 100), name='org_servant_first_name_max_length'),
        ),
        migrations.AddConstraint(
            model_name='servant',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('patronymic'), 100), name='org_servant_patronymic_max_length'),
        ),
        migrations.AddConstraint(
            model_name='servant',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('personnel_number'), 30), name='org_servant_personnel_number_max_length'),
        ),
        migrations.AddConstraint(
            model_name='servant',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('email'), 254), name='org_servant_email_max_length'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='assignment_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('managers_reason'), 500), name='org_assignment_managers_reason_max_length'),
        ),
        migrations.AddConstraint(
            model_name='absence',
            constraint=models.CheckConstraint(condition=models.Q(('end__gte', models.F('start'))), name='absence_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='absence',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 300), name='org_absence_note_max_length'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_kk'), 300), name='org_unit_name_kk_max_length'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_ru'), 300), name='org_unit_name_ru_max_length'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_en'), 300), name='org_unit_name_en_max_length'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_kk'), 300), name='org_position_name_kk_max_length'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_ru'), 300), name='org_position_name_ru_max_length'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('name_en'), 300), name='org_position_name_en_max_length'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('category'), 10), name='org_position_category_max_length'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('method_override_reason'), 500), name='org_position_method_override_reason_max_length'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('job_description'), 4000), name='org_position_job_description_max_length'),
        ),
    ]
