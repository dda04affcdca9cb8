"""The full-text engine behind SearchDocument, which depends on the database:

- SQLite: an FTS5 table with external content (the terms live once, in SearchDocument),
  kept in step by triggers, so even a cascade delete made by Django's collector or a raw
  DELETE leaves no stale terms. The `ascii` tokenizer splits on ASCII punctuation and
  spaces only, so our terms (English stems, Japanese bigrams) pass through untouched.
- PostgreSQL: a GIN index on the tsvector column.

Careful in later migrations: on SQLite, Django alters a table by re-creating it, which
drops these triggers. A migration that alters SearchDocument must run SQLITE_FORWARD's
trigger statements again (and `manage.py search_index rebuild`).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE kyozai_search_fts USING fts5(
        title_terms, keyword_terms, body_terms,
        content='kyozai_search_searchtext', content_rowid='page_id',
        tokenize='ascii', detail='full'
    )
    """,
    """
    CREATE TRIGGER kyozai_search_fts_insert AFTER INSERT ON kyozai_search_searchtext
    BEGIN
        INSERT INTO kyozai_search_fts(rowid, title_terms, keyword_terms, body_terms)
        VALUES (new.page_id, new.title_terms, new.keyword_terms, new.body_terms);
    END
    """,
    """
    CREATE TRIGGER kyozai_search_fts_delete AFTER DELETE ON kyozai_search_searchtext
    BEGIN
        INSERT INTO kyozai_search_fts(kyozai_search_fts, rowid, title_terms, keyword_terms,
                                      body_terms)
        VALUES ('delete', old.page_id, old.title_terms, old.keyword_terms, old.body_terms);
    END
    """,
    """
    CREATE TRIGGER kyozai_search_fts_update
    AFTER UPDATE OF title_terms, keyword_terms, body_terms ON kyozai_search_searchtext
    BEGIN
        INSERT INTO kyozai_search_fts(kyozai_search_fts, rowid, title_terms, keyword_terms,
                                      body_terms)
        VALUES ('delete', old.page_id, old.title_terms, old.keyword_terms, old.body_terms);
        INSERT INTO kyozai_search_fts(rowid, title_terms, keyword_terms, body_terms)
        VALUES (new.page_id, new.title_terms, new.keyword_terms, new.body_terms);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS kyozai_search_fts_update",
    "DROP TRIGGER IF EXISTS kyozai_search_fts_delete",
    "DROP TRIGGER IF EXISTS kyozai_search_fts_insert",
    "DROP TABLE IF EXISTS kyozai_search_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX kyozai_search_vector_gin ON kyozai_search_searchtext "
    "USING gin (search_vector)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS kyozai_search_vector_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("kyozai_search", "0001_index_tables")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
