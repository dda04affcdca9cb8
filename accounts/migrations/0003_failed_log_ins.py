"""Failed log-ins, counted by the log-in limits (accounts/login_limits/)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_teachers_and_editors_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='FailedLogIn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('account_key', models.CharField(max_length=64)),
                ('address', models.CharField(max_length=64)),
                ('account_exists', models.BooleanField(help_text='Whether the username named a real account when it was tried.')),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.AddIndex(
            model_name='failedlogin',
            index=models.Index(fields=['account_key', 'address', 'at'], name='failed_login_pair'),
        ),
        migrations.AddIndex(
            model_name='failedlogin',
            index=models.Index(fields=['address', 'at'], name='failed_login_address'),
        ),
        migrations.AddIndex(
            model_name='failedlogin',
            index=models.Index(fields=['at'], name='failed_login_at'),
        ),
    ]
