"""Load the textbook catalogue (library/catalogue/textbooks.json) into the taxonomy.

Numbers the units that already exist from their labels first, then updates the series
seeded by 0004 and adds or retitles their units. The loader never deletes and matches units
by series + grade + label, so materials and plans keep their links. A later edition: edit
the file and add a migration like this one.
"""

from django.db import migrations

from library.catalogue.loader import load_catalogue, number_units


def load(apps, schema_editor):
    number_units(apps)
    load_catalogue(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0006_textbook_catalogue_fields"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
