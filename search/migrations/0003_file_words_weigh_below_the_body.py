"""The words inside a page's files get a column of their own (`file_terms`), weighted below
the page's own body on both engines (title > summary/tags > body > files), instead of
joining the body's terms.

SQLite: adding a column re-creates the table, which drops the FTS5 triggers (see 0002), and
the FTS5 table gains a fourth column — so the full-text table and its triggers are made
again. The index rows are emptied: every page's terms must be written again with the new
field, which `fill_an_empty_index` (search/signals.py) does right after `migrate` (and
`manage.py search_index rebuild` does on demand).
"""

from django.db import migrations, models

COLUMNS = "title_terms, keyword_terms, body_terms, file_terms"
OLD_COLUMNS = "old.title_terms, old.keyword_terms, old.body_terms, old.file_terms"
NEW_COLUMNS = "new.title_terms, new.keyword_terms, new.body_terms, new.file_terms"

DROP_SQLITE = [
    "DROP TRIGGER IF EXISTS kyozai_search_fts_update",
    "DROP TRIGGER IF EXISTS kyozai_search_fts_delete",
    "DROP TRIGGER IF EXISTS kyozai_search_fts_insert",
    "DROP TABLE IF EXISTS kyozai_search_fts",
]
CREATE_SQLITE = [
    f"""
    CREATE VIRTUAL TABLE kyozai_search_fts USING fts5(
        {COLUMNS},
        content='kyozai_search_searchtext', content_rowid='page_id',
        tokenize='ascii', detail='full'
    )
    """,
    f"""
    CREATE TRIGGER kyozai_search_fts_insert AFTER INSERT ON kyozai_search_searchtext
    BEGIN
        INSERT INTO kyozai_search_fts(rowid, {COLUMNS}) VALUES (new.page_id, {NEW_COLUMNS});
    END
    """,
    f"""
    CREATE TRIGGER kyozai_search_fts_delete AFTER DELETE ON kyozai_search_searchtext
    BEGIN
        INSERT INTO kyozai_search_fts(kyozai_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.page_id, {OLD_COLUMNS});
    END
    """,
    f"""
    CREATE TRIGGER kyozai_search_fts_update
    AFTER UPDATE OF {COLUMNS} ON kyozai_search_searchtext
    BEGIN
        INSERT INTO kyozai_search_fts(kyozai_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.page_id, {OLD_COLUMNS});
        INSERT INTO kyozai_search_fts(rowid, {COLUMNS}) VALUES (new.page_id, {NEW_COLUMNS});
    END
    """,
]


def empty_the_index(apps, schema_editor):
    for name in ("SearchText", "SearchDocument", "SearchWord"):
        apps.get_model("kyozai_search", name).objects.all().delete()


def _sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("kyozai_search", "0002_full_text_engines")]

    operations = [
        migrations.RunPython(empty_the_index, migrations.RunPython.noop),
        migrations.RunPython(_sqlite(DROP_SQLITE), migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchtext",
            name="file_terms",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(_sqlite(CREATE_SQLITE), _sqlite(DROP_SQLITE)),
    ]
