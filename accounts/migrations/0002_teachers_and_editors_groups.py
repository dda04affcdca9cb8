"""Create the Teachers and Editors groups with their permissions.

Wagtail's own migrations already make an "Editors" group (add/edit pages) and a default
"Moderators approval" workflow. Kyozai's editors are AJET volunteers who both moderate and
publish, so the group gains publish/lock rights on the whole tree and joins the approval
task that every submitted material goes through.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TEACHERS = "Teachers"
EDITORS = "Editors"
TEACHER_PERMISSIONS = ["accounts.share_materials", "accounts.plan_lessons"]
EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "accounts.share_materials",
    "accounts.plan_lessons",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
EDITOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]


def _ensure_permissions_exist(apps):
    # Permissions are normally created after all migrations run; a fresh database needs
    # them now. This is the documented way to create them inside a migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    _ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    teachers, _ = Group.objects.get_or_create(name=TEACHERS)
    teachers.permissions.add(*[_permission(apps, p) for p in TEACHER_PERMISSIONS])

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*[_permission(apps, p) for p in EDITOR_PERMISSIONS])

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for action in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=_permission(apps, f"wagtailcore.{action}_page")
            )
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.add(editors)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=TEACHERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
