"""The plan's free-text 単元指導計画 becomes `unit_plan_text`: the name `unit_plan` goes to
the link to a UnitPlan (issue #15). A rename: the text is kept, column and all."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0006_remove_full_revision_snapshots"),
    ]

    operations = [
        migrations.RenameField(
            model_name="lessonplan", old_name="unit_plan", new_name="unit_plan_text"
        ),
    ]
