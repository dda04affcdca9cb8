"""Every built-in template in English and Japanese (issue #15.7): install the new versions."""

from django.db import migrations


def install(apps, schema_editor):
    from lessons.builtin_templates import install_builtin_templates

    install_builtin_templates(
        apps.get_model("lessons", "LessonPlan"),
        apps.get_model("lessons", "LessonStep"),
        apps.get_model("library", "Grade"),
    )


class Migration(migrations.Migration):
    dependencies = [("lessons", "0010_plan_phase_style")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
