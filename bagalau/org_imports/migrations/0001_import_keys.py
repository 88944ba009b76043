import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('org', '0001_squashed_0006'),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=30, verbose_name='code')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.organisation')),
                ('position', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.position')),
                ('unit', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.unit')),
            ],
            options={
                'verbose_name': 'import code',
                'verbose_name_plural': 'import codes',
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('position__isnull', True), ('unit__isnull', False)), models.Q(('position__isnull', False), ('unit__isnull', True)), _connector='OR'), name='import_key_names_one_row'), models.UniqueConstraint(condition=models.Q(('unit__isnull', False)), fields=('organisation', 'code'), name='one_unit_per_import_code'), models.UniqueConstraint(condition=models.Q(('position__isnull', False)), fields=('organisation', 'code'), name='one_position_per_import_code'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('code'), 30), name='org_imports_importkey_code_max_length')],
            },
        ),
    ]
