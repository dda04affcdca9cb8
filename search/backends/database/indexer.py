"""Writing pages into the database backend's index (SearchDocument + SearchWord)."""

from collections import Counter
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import F

from library.filters import duration_bucket
from search.documents import PageRecord
from search.models import SearchDocument, SearchText, SearchWord
from search.text import japanese
from search.text.normalise import normalise
from search.text.tokens import analyse, english_key

from .docvalues import touch

# PostgreSQL keeps positions up to 16383 and at most 256 per lexeme; beyond that it would
# silently drop them, so the literal is clipped the same way, on purpose.
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
# Weights: title A, summary/tags/taxonomy B, body C, the words inside files D, the readings
# of Japanese words D (ts_rank's weight array is {D,C,B,A}:
# search/backends/database/engines.py POSTGRES_WEIGHTS).
FIELD_WEIGHTS = (("title", "A"), ("keyword", "B"), ("body", "C"), ("file", "D"), ("reading", "D"))
BATCH_SIZE = 500


def _quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields: dict[str, list[str]]) -> str:
    """`'term':1A,4A 'other':2B …` for PostgreSQL. Fields follow each other with a gap of
    one position, so a phrase never spans the end of the title and the start of the
    summary."""
    positions: dict[str, list[str]] = {}
    position = 1
    for name, weight in FIELD_WEIGHTS:
        for term in fields[name]:
            if position > MAX_POSITION:
                break
            slots = positions.setdefault(term, [])
            if len(slots) < MAX_POSITIONS_PER_TERM:
                slots.append(f"{position}{weight}")
            position += 1
        position += 1
    return " ".join(f"{_quote(term)}:{','.join(slots)}" for term, slots in positions.items())


def facet_keys(record: PageRecord) -> str:
    """ "type:material grade:ES5 …": every facet value of the page, for counting."""
    keys = [f"type:{record.kind}"]
    for facet, values in (
        ("grade", record.grades),
        ("skill", record.skills),
        ("activity_type", record.activity_types),
        ("textbook", record.series),
        ("unit", record.units),
    ):
        keys.extend(f"{facet}:{value}" for value in values)
    bucket = duration_bucket(record.duration_minutes)
    if bucket:
        keys.append(f"duration:{bucket}")
    return " ".join(keys)


def analysed_fields(record: PageRecord, words: set[str] | None = None) -> dict[str, list[str]]:
    """The terms of each indexed field. Each field's bigrams and English stems come first,
    then its Japanese words' normalised forms (search/text/japanese.py) as a sequence of
    their own, so neither breaks the other's phrases; the readings of all Japanese words
    of the page's own text (not its files) form the readings field."""
    ja = japanese.page_fields(record.title_text, record.keyword_text, record.body_text)
    return {
        "title": analyse(record.title_text, words) + ja["title"],
        "keyword": analyse(record.keyword_text, words) + ja["keyword"],
        "body": analyse(record.body_text, words) + ja["body"],
        # A file's words in a field of their own, each once: a word repeated all over a
        # worksheet never outweighs the page's own text (MAX_FILE_TEXT_PER_PAGE bounds them).
        "file": list(dict.fromkeys(analyse(record.file_text, words))),
        "reading": ja["reading"],
    }


def rows_for(record: PageRecord, postgres: bool) -> tuple[SearchDocument, SearchText]:
    words: set[str] = set()
    fields = analysed_fields(record, words)
    published = record.first_published_at
    document = SearchDocument(
        page_id=record.page_id,
        facet_keys=facet_keys(record),
        duration_minutes=record.duration_minutes,
        published=int(published.timestamp()) if published else 0,
        use_count=record.use_count,
    )
    text = SearchText(
        page_id=record.page_id,
        kind=record.kind,
        slug=record.slug,
        url=record.url,
        title=record.title,
        title_ja=record.title_ja,
        summary=record.summary,
        summary_ja=record.summary_ja,
        body_text=record.body_text,
        grades=" ".join(record.grades),
        skills=" ".join(record.skills),
        activity_types=" ".join(record.activity_types),
        duration_minutes=record.duration_minutes,
        first_published_at=record.first_published_at,
        last_published_at=record.last_published_at,
        title_terms=" ".join(fields["title"]),
        keyword_terms=" ".join(fields["keyword"]),
        body_terms=" ".join(fields["body"]),
        file_terms=" ".join(fields["file"]),
        reading_terms=" ".join(fields["reading"]),
        search_vector=tsvector_literal(fields) if postgres else None,
        suggest_text="\n".join(
            normalise(title) for title in (record.title, record.title_ja) if title
        ),
        words=" ".join(sorted(words)),
    )
    return document, text


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _by_count(words: Counter[str]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for word, times in words.items():
        grouped.setdefault(times, []).append(word)
    return grouped


def _change_word_counts(added: Counter[str], removed: Counter[str]) -> None:
    """Keep SearchWord.doc_count in step with a few documents changing: one UPDATE per
    distinct change (nearly always ±1), not one per word."""
    for times, words in _by_count(removed).items():
        SearchWord.objects.filter(word__in=words).update(doc_count=F("doc_count") - times)
    if removed:
        SearchWord.objects.filter(word__in=list(removed), doc_count__lte=0).delete()
    if not added:
        return
    existing = set(SearchWord.objects.filter(word__in=list(added)).values_list("word", flat=True))
    known = Counter({word: times for word, times in added.items() if word in existing})
    for times, words in _by_count(known).items():
        SearchWord.objects.filter(word__in=words).update(doc_count=F("doc_count") + times)
    SearchWord.objects.bulk_create(
        [
            SearchWord(word=word, stem=english_key(word), length=len(word), doc_count=times)
            for word, times in added.items()
            if word not in existing
        ],
        ignore_conflicts=True,
    )


def _old_words(ids: list[int]) -> Counter[str]:
    return Counter(
        word
        for words in SearchText.objects.filter(page_id__in=ids).values_list("words", flat=True)
        for word in words.split()
    )


def _delete(ids: list[int]) -> int:
    SearchText.objects.filter(page_id__in=ids).delete()
    deleted, _ = SearchDocument.objects.filter(page_id__in=ids).delete()
    return deleted


def save_records(records: Iterable[PageRecord]) -> int:
    """Add or replace the index entries of these pages. Returns how many were written."""
    postgres = _is_postgres()
    pairs = [rows_for(record, postgres) for record in records]
    if not pairs:
        return 0
    ids = [document.page_id for document, _text in pairs]
    with transaction.atomic():
        old_words = _old_words(ids)
        _delete(ids)
        SearchDocument.objects.bulk_create([document for document, _text in pairs])
        SearchText.objects.bulk_create([text for _document, text in pairs], batch_size=BATCH_SIZE)
        new_words = Counter(word for _document, text in pairs for word in text.words.split())
        _change_word_counts(new_words - old_words, old_words - new_words)
        touch()
    return len(pairs)


def delete_pages(page_ids: Iterable[int]) -> int:
    ids = list(page_ids)
    with transaction.atomic():
        old_words = _old_words(ids)
        deleted = _delete(ids)
        _change_word_counts(Counter(), old_words)
        touch()
    return deleted


def set_use_count(page_id: int, count: int) -> None:
    with transaction.atomic():
        if SearchDocument.objects.filter(page_id=page_id).update(use_count=count):
            touch()


def rebuild(records: Iterable[PageRecord], progress: Callable[[int], None] | None = None) -> int:
    """Replace the whole index in one transaction: searches keep reading the old index
    (SQLite WAL, PostgreSQL MVCC) until the new one is committed."""
    postgres = _is_postgres()
    written = 0
    words: Counter[str] = Counter()
    with transaction.atomic():
        SearchText.objects.all().delete()
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        batch: list[tuple[SearchDocument, SearchText]] = []
        for record in records:
            pair = rows_for(record, postgres)
            words.update(pair[1].words.split())
            batch.append(pair)
            if len(batch) >= BATCH_SIZE:
                written += _write_batch(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            written += _write_batch(batch)
            if progress:
                progress(len(batch))
        SearchWord.objects.bulk_create(
            [
                SearchWord(word=word, stem=english_key(word), length=len(word), doc_count=count)
                for word, count in words.items()
            ],
            batch_size=2000,
        )
        touch()
    return written


def _write_batch(batch: list[tuple[SearchDocument, SearchText]]) -> int:
    SearchDocument.objects.bulk_create([document for document, _text in batch])
    SearchText.objects.bulk_create([text for _document, text in batch])
    return len(batch)
