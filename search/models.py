"""The database backend's own index: for each live library page a narrow SearchDocument
(facet values and sort keys) and a SearchText (normalised terms and the text results show).

Why an index table of our own rather than Wagtail's: the terms are produced by Kyozai's
normaliser (Japanese bigrams, width/kana folding, English stems — search/text/), identical
at index and query time; the database only matches and ranks them. On SQLite an FTS5
table (external content over SearchText, kept in step by triggers) does the matching; on
PostgreSQL a tsvector column with a GIN index does. Both are created by migration 0002.
"""

from django.db import models

from library.models import LibraryPage


class TermVectorField(models.TextField):
    """A PostgreSQL `tsvector` written as a literal (`'term':1A 'other':2B`), so that
    PostgreSQL's own parser never re-tokenises our terms. Plain text (left empty) on
    SQLite, where the FTS5 table indexes the *_terms columns instead."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def get_placeholder(self, value, compiler, connection):
        return "%s::tsvector" if connection.vendor == "postgresql" else "%s"


class SearchDocument(models.Model):
    """What filtering, facet counting and sorting read for every matching page: a narrow
    row (a few dozen bytes), so reading thousands of them stays fast. The text lives in
    SearchText, read only for the page of results shown."""

    page = models.OneToOneField(
        LibraryPage, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # Every facet value of the page as "facet:value", space-separated:
    # "type:material grade:ES5 grade:ES6 skill:listening activity_type:game duration:11-20".
    # Counted in Python in one pass, which beats one GROUP BY per facet for multi-select.
    facet_keys = models.TextField(blank=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    # first_published_at as Unix seconds: sorting integers needs no date parsing.
    published = models.BigIntegerField(default=0)
    # ClassUse rows for the page, kept current by signals ("most used" sort).
    use_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "search document"

    def __str__(self) -> str:
        return f"search document {self.page_id}"


class SearchText(models.Model):
    """The text side of a page's index entry: normalised terms for matching (SQLite's
    FTS5 table uses these columns as its external content; PostgreSQL matches the
    tsvector), and the original text results show and highlight."""

    page = models.OneToOneField(
        LibraryPage, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30)
    slug = models.CharField(max_length=255)
    url = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=255)
    title_ja = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    summary_ja = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    grades = models.CharField(max_length=200, blank=True)
    skills = models.CharField(max_length=200, blank=True)
    activity_types = models.CharField(max_length=500, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    last_published_at = models.DateTimeField(null=True, blank=True)

    # Normalised terms, space-separated, in text order (positions make phrases work).
    title_terms = models.TextField(blank=True)
    keyword_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # The words inside the page's files, each once: a field of their own, weighted below
    # the body (search/backends/database/indexer.py FIELD_WEIGHTS).
    file_terms = models.TextField(blank=True)
    # Readings of the page's Japanese words ("yてんき"), matched by kana queries and ranked
    # with the files, below the body (search/text/japanese.py; indexer.py FIELD_WEIGHTS).
    reading_terms = models.TextField(blank=True, default="")
    search_vector = TermVectorField(null=True, blank=True)
    # Normalised titles, one per line, for suggestions as you type.
    suggest_text = models.TextField(blank=True)
    # English words as written (for did-you-mean), so a re-index can update SearchWord.
    words = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search text"

    def __str__(self) -> str:
        return f"{self.kind} {self.page_id}: {self.title}"


class SearchWord(models.Model):
    """The English words of the indexed pages, with how many pages use each: the
    vocabulary a misspelt query is corrected against ("did you mean")."""

    word = models.CharField(max_length=40, primary_key=True)
    stem = models.CharField(max_length=40, db_index=True)
    length = models.PositiveSmallIntegerField(db_index=True)
    doc_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "search word"

    def __str__(self) -> str:
        return f"{self.word} ({self.doc_count})"


class SearchIndexVersion(models.Model):
    """One row whose token changes, in the same transaction, with every change to the
    index. Each process keeps the facet values of all documents in memory
    (search/backends/database/docvalues.py) and reloads them when the token it read them
    under is no longer the current one. A random token rather than a counter: a rolled-back
    change returns to an older token, which no process holds, so nothing stale survives."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "search index version"

    def __str__(self) -> str:
        return self.token
