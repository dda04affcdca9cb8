"""Confirmed e-mail addresses (accounts/email_confirmation.py).

Until now anyone could type any address, another account's included, so no existing address
is known to be its owner's: every one moves to `unconfirmed_email`, and its owner confirms
it from their profile (a link is mailed to it). Until then it is not used for password
resets or invitations.
"""

import django.db.models.functions.text
from django.db import migrations, models


def addresses_wait_for_confirmation(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.exclude(email="").update(unconfirmed_email=models.F("email"), email="")


def addresses_count_again(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(email="").exclude(unconfirmed_email="").update(
        email=models.F("unconfirmed_email"), unconfirmed_email=""
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_failed_log_ins'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='unconfirmed_email',
            field=models.EmailField(blank=True, help_text='Typed by the user; it counts only once they open the link mailed to it.', max_length=254, verbose_name='e-mail address awaiting confirmation'),
        ),
        migrations.AlterField(
            model_name='user',
            name='email',
            field=models.EmailField(blank=True, help_text='Password resets and co-planning invitations use this address only. Set here by an administrator, it counts as confirmed.', max_length=254, verbose_name='e-mail address (confirmed)'),
        ),
        migrations.RunPython(addresses_wait_for_confirmation, addresses_count_again),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('email'), condition=models.Q(('email', ''), _negated=True), name='accounts_user_confirmed_email_unique', violation_error_message='Another account has confirmed this address.'),
        ),
    ]
