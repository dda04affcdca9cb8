"""Let the Editors group keep the textbook catalogue: add a series, rename a unit, mark an
edition. Not delete: removing a unit would silently untag every material that uses it, so
that stays with administrators.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PERMISSIONS = [
    f"{action}_{model}"
    for model in ("textbookseries", "textbookunit")
    for action in ("add", "change", "view")
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations run; a fresh database needs
    # them now (the documented way, as in accounts' group migration).
    config = apps.get_app_config("library")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="library", codename__in=PERMISSIONS)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="library", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0007_load_textbook_catalogue"),
        ("accounts", "0002_teachers_and_editors_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
