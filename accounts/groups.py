"""The two groups Kyozai's permissions hang on, and what each may do.

Kept as data (not scattered `is_staff` checks) so the data migration, sign-up, every command
that makes accounts and the tests all agree on one definition.
"""

TEACHERS = "Teachers"
EDITORS = "Editors"

# Model permissions ("app_label.codename") for each group.
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
# Page permissions editors hold on the root page, so they cover the whole tree.
EDITOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
