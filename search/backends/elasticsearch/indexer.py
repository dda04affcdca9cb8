"""Writing pages into Elasticsearch, and rebuilding without downtime.

Searches and single-page updates go through the alias (KYOZAI_SEARCH_ES_INDEX). A rebuild
creates a new index `<alias>_<timestamp>` with the current mapping, fills it, then moves the
alias to it in one atomic `_aliases` call and deletes the old index: searches answer from
the old index until the moment the new one is complete.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime
from elasticsearch import NotFoundError
from elasticsearch.helpers import bulk, scan

from search.documents import PageRecord
from search.text import japanese

from .client import get_client, index_alias, kuromoji
from .mapping import document_class

CHUNK_SIZE = 500
MAX_SUGGEST_INPUTS = 10


def suggest_inputs(record: PageRecord) -> list[str]:
    """Completion inputs: both titles, and the English title from each later word on, so
    "bin" suggests "Weather Bingo" too."""
    inputs = [title for title in (record.title, record.title_ja) if title]
    words = record.title.split()
    inputs.extend(" ".join(words[i:]) for i in range(1, len(words)))
    return list(dict.fromkeys(inputs))[:MAX_SUGGEST_INPUTS]


def japanese_fields(record: PageRecord) -> dict[str, str]:
    """The page's Japanese word forms and readings as space-separated terms, analysed in
    Python (search/text/japanese.py) exactly as for the database backend, so the cluster
    needs no kuromoji or ICU plugin to match them (mapping.py: JAPANESE_FIELDS)."""
    ja = japanese.page_fields(record.title_text, record.keyword_text, record.body_text)
    return {
        "title_words": " ".join(ja["title"]),
        "keyword_words": " ".join(ja["keyword"]),
        "body_words": " ".join(ja["body"]),
        "readings": " ".join(ja["reading"]),
    }


def document_source(record: PageRecord) -> dict:
    return {
        "page_id": record.page_id,
        "kind": record.kind,
        "slug": record.slug,
        "url": record.url,
        "title": record.title,
        "title_ja": record.title_ja,
        "summary": record.summary,
        "summary_ja": record.summary_ja,
        "keywords": record.keywords,
        "body_text": record.body_text,
        "file_text": record.file_text,
        **japanese_fields(record),
        "grades": record.grades,
        "skills": record.skills,
        "activity_types": record.activity_types,
        "series": record.series,
        "units": record.units,
        "duration_minutes": record.duration_minutes,
        "first_published_at": record.first_published_at,
        "last_published_at": record.last_published_at,
        "use_count": record.use_count,
        "suggest": {"input": suggest_inputs(record), "weight": min(record.use_count + 1, 1000)},
    }


def _actions(records: Iterable[PageRecord], index: str, progress=None) -> Iterator[dict]:
    for count, record in enumerate(records, 1):
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": str(record.page_id),
            "_source": document_source(record),
        }
        if progress and count % CHUNK_SIZE == 0:
            progress(CHUNK_SIZE)


def concrete_indices() -> list[str]:
    """The indices the alias points at (one, except during a botched manual change)."""
    client = get_client()
    try:
        return sorted(client.indices.get_alias(name=index_alias()).body)
    except NotFoundError:
        return []


def _new_index_name() -> str:
    return f"{index_alias()}_{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"


def create_index() -> str:
    name = _new_index_name()
    document_class(index_alias(), kuromoji()).init(index=name, using=get_client())
    return name


def ensure_index() -> None:
    """Create an index behind the alias if there is none, so a first publish on a fresh
    cluster does not make Elasticsearch invent a mapping from the data."""
    if concrete_indices():
        return
    client = get_client()
    name = create_index()
    client.indices.update_aliases(actions=[{"add": {"index": name, "alias": index_alias()}}])


def save_records(records: Iterable[PageRecord]) -> int:
    ensure_index()
    written, _errors = bulk(get_client(), _actions(records, index_alias()), refresh="wait_for")
    return written


def delete_pages(page_ids: Iterable[int]) -> int:
    actions = [
        {"_op_type": "delete", "_index": index_alias(), "_id": str(page_id)} for page_id in page_ids
    ]
    if not actions or not concrete_indices():
        return 0
    deleted, _errors = bulk(get_client(), actions, raise_on_error=False, refresh="wait_for")
    return deleted


def set_use_count(page_id: int, count: int) -> None:
    with suppress(NotFoundError):  # not in the cluster (yet): the next update writes it
        get_client().update(
            index=index_alias(), id=str(page_id), doc={"use_count": count}, refresh="wait_for"
        )


def rebuild(records: Iterable[PageRecord], progress: Callable[[int], None] | None = None) -> int:
    client = get_client()
    alias = index_alias()
    old = concrete_indices()
    if not old and client.indices.exists(index=alias):
        # An index (not an alias) squats on the alias's name — made by a write before any
        # rebuild. It has a guessed mapping; it goes.
        client.indices.delete(index=alias)
    new = create_index()
    written, _errors = bulk(client, _actions(records, new, progress), chunk_size=CHUNK_SIZE)
    client.indices.refresh(index=new)
    client.indices.update_aliases(
        actions=[
            *({"remove": {"index": name, "alias": alias}} for name in old),
            {"add": {"index": new, "alias": alias}},
        ]
    )
    for name in old:
        client.indices.delete(index=name)
    return written


def indexed_versions() -> dict[int, datetime | None]:
    """page id → last_published_at of every document in the index (for `update`)."""
    if not concrete_indices():
        return {}
    found = scan(get_client(), index=index_alias(), _source=["last_published_at"], size=1000)
    return {
        int(hit["_id"]): parse_datetime(hit["_source"].get("last_published_at") or "")
        for hit in found
    }


def status() -> dict[str, object]:
    client = get_client()
    indices = concrete_indices()
    count = client.count(index=index_alias())["count"] if indices else 0
    return {"alias": index_alias(), "indices": indices, "documents": count}
