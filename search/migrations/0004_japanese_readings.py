"""The readings of Japanese words get their own column (SearchText.reading_terms) and, on
SQLite, their own column in the FTS5 table, weighted lowest by bm25 (engines.py).

Adding a column makes Django re-create kyozai_search_searchtext on SQLite, which drops the
FTS5 triggers (see 0002): the FTS5 table and its triggers are made again here with the new
column — after 0003's `file_terms`, so the table has all five columns (title, keywords,
body, files, readings; engines.py SQLITE_WEIGHTS follows this order). The terms themselves
change with this release (readings, Japanese word forms, British spellings folded), so the
index rows are emptied as 0003 does: `fill_an_empty_index` (search/signals.py) writes every
page again right after `migrate` (`manage.py search_index rebuild` does it on demand).
"""

from django.db import migrations, models

COLUMNS = "title_terms, keyword_terms, body_terms, file_terms, reading_terms"
# The table 0003 made, for going back.
PREVIOUS_COLUMNS = "title_terms, keyword_terms, body_terms, file_terms"

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS kyozai_search_fts_update",
    "DROP TRIGGER IF EXISTS kyozai_search_fts_delete",
    "DROP TRIGGER IF EXISTS kyozai_search_fts_insert",
    "DROP TABLE IF EXISTS kyozai_search_fts",
]


def _sqlite_create(columns: str) -> list[str]:
    old = ", ".join(f"old.{name.strip()}" for name in columns.split(","))
    new = ", ".join(f"new.{name.strip()}" for name in columns.split(","))
    return [
        f"""
        CREATE VIRTUAL TABLE kyozai_search_fts USING fts5(
            {columns},
            content='kyozai_search_searchtext', content_rowid='page_id',
            tokenize='ascii', detail='full'
        )
        """,
        f"""
        CREATE TRIGGER kyozai_search_fts_insert AFTER INSERT ON kyozai_search_searchtext
        BEGIN
            INSERT INTO kyozai_search_fts(rowid, {columns}) VALUES (new.page_id, {new});
        END
        """,
        f"""
        CREATE TRIGGER kyozai_search_fts_delete AFTER DELETE ON kyozai_search_searchtext
        BEGIN
            INSERT INTO kyozai_search_fts(kyozai_search_fts, rowid, {columns})
            VALUES ('delete', old.page_id, {old});
        END
        """,
        f"""
        CREATE TRIGGER kyozai_search_fts_update
        AFTER UPDATE OF {columns} ON kyozai_search_searchtext
        BEGIN
            INSERT INTO kyozai_search_fts(kyozai_search_fts, rowid, {columns})
            VALUES ('delete', old.page_id, {old});
            INSERT INTO kyozai_search_fts(rowid, {columns}) VALUES (new.page_id, {new});
        END
        """,
        "INSERT INTO kyozai_search_fts(kyozai_search_fts) VALUES ('rebuild')",
    ]


def empty_the_index(apps, schema_editor):
    for name in ("SearchText", "SearchDocument", "SearchWord"):
        apps.get_model("kyozai_search", name).objects.all().delete()


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("kyozai_search", "0003_file_words_weigh_below_the_body")]

    operations = [
        migrations.RunPython(empty_the_index, migrations.RunPython.noop),
        # Going back, 0003's table and triggers are made after the column is gone (removing
        # it re-creates kyozai_search_searchtext, which would drop triggers made before).
        migrations.RunPython(
            migrations.RunPython.noop, _on_sqlite(SQLITE_DROP + _sqlite_create(PREVIOUS_COLUMNS))
        ),
        migrations.AddField(
            model_name="searchtext",
            name="reading_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(
            _on_sqlite(SQLITE_DROP + _sqlite_create(COLUMNS)), _on_sqlite(SQLITE_DROP)
        ),
    ]
