import bagalau.core.storage
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('jobs', '0001_background_job'),
    ]

    operations = [
        migrations.CreateModel(
            name='ExportFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=20, verbose_name='export')),
                ('filename', models.CharField(max_length=100, verbose_name='file name')),
                ('file', models.FileField(max_length=200, storage=bagalau.core.storage.get_private_storage, upload_to='', verbose_name='file')),
                ('size', models.PositiveIntegerField(verbose_name='size')),
                ('created_at', models.DateTimeField(verbose_name='prepared')),
                ('expires_at', models.DateTimeField(verbose_name='kept until')),
                ('job', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='export_file', to='jobs.backgroundjob')),
            ],
            options={
                'verbose_name': 'prepared export',
                'verbose_name_plural': 'prepared exports',
                'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('code'), 20), name='exports_exportfile_code_max_length'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('filename'), 100), name='exports_exportfile_filename_max_length')],
            },
        ),
    ]
