"""Load the textbook catalogue again (library/catalogue/textbooks.json), so databases made
before this edition of the file get its new units and titles: NEW HORIZON Elementary 5
gains Unit 8 and the titles of Units 2, 4 and 8, NEW HORIZON Elementary 6 the title of
Unit 4.

The loader matches units by series + grade + label and updates them in place, adds the ones
missing, and deletes nothing, so the materials and lesson plans that use a unit keep it; a
title an editor wrote stays unless the file has one. A fresh database gets all of this from
0007 already (it loads the file as it is now), and this migration then changes nothing.
"""

from django.db import migrations

from library.catalogue.loader import load_catalogue


def load(apps, schema_editor):
    load_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0010_attachments_have_page_previews_and_text"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
