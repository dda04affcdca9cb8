"""Install the lesson templates that ship with Kyozai (lessons/builtin_templates.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from lessons.builtin_templates import install_builtin_templates

    install_builtin_templates(
        apps.get_model("lessons", "LessonPlan"),
        apps.get_model("lessons", "LessonStep"),
        apps.get_model("library", "Grade"),
    )


def remove(apps, schema_editor):
    apps.get_model("lessons", "LessonPlan").objects.exclude(builtin_key="").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0001_initial"),
        ("library", "0004_seed_taxonomy_and_sections"),
    ]

    operations = [migrations.RunPython(install, remove)]
