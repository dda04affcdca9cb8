"""The full JSON snapshots and change lists are gone: 0004 moved every revision into the
compact fields."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0005_compact_existing_revisions"),
    ]

    operations = [
        migrations.RemoveField(model_name="planrevision", name="changes"),
        migrations.RemoveField(model_name="planrevision", name="snapshot"),
    ]
