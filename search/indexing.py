"""Keeping the indexes right: which pages go in, and writing them to every backend.

The database index is always written (it is the default backend and the fallback when the
cluster is down); Elasticsearch is written too when it is configured. A failure to reach
the cluster never breaks a publish: it is logged, the breaker opens, and
`manage.py search_index update` brings the cluster level again later.
"""

import functools
import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils.dateparse import parse_datetime
from elasticsearch import ApiError, TransportError
from elasticsearch.dsl.exceptions import ElasticsearchDslException

from . import cache
from .backends import database
from .backends import elasticsearch as cluster
from .documents import CHUNK_SIZE, iter_records, load_records, searchable_pages, use_counts
from .models import SearchDocument, SearchText

logger = logging.getLogger("kyozai.search")

CLUSTER_ERRORS = (ApiError, TransportError, ElasticsearchDslException)
BACKENDS = ("database", "elasticsearch")


def changes_answers(function):
    """An index write: afterwards (even a partial one) no remembered answer is reused."""

    @functools.wraps(function)
    def write(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        finally:
            cache.forget_all()

    return write


def _on_cluster(action: str, call: Callable[[], object]) -> None:
    """Run a write on the cluster, unless it is not configured or the breaker is open."""
    if not cluster.configured():
        return
    if not cluster.breaker.allow():
        logger.warning("Search cluster skipped (circuit open): %s not sent.", action)
        return
    try:
        call()
    except CLUSTER_ERRORS as error:
        cluster.breaker.record_failure()
        logger.warning("Search cluster unreachable, %s not sent: %s", action, error)
    else:
        cluster.breaker.record_success()


def _described(ids: set[int]) -> str:
    shown = ", ".join(str(pk) for pk in sorted(ids)[:5])
    return f"page {shown}" if len(ids) <= 5 else f"{len(ids)} pages ({shown}, …)"


@changes_answers
def index_pages(page_ids: Iterable[int]) -> None:
    """Bring these pages' index entries up to date: write the live, public ones and drop
    the rest (unpublished, restricted, deleted, or not library pages at all). A chunk at a
    time: moving a section re-indexes every page in it."""
    ordered = sorted(set(page_ids))
    for start in range(0, len(ordered), CHUNK_SIZE):
        ids = set(ordered[start : start + CHUNK_SIZE])
        records = load_records(ids)
        gone = ids - {record.page_id for record in records}
        database.save_records(records)
        if gone:
            database.delete_pages(gone)
        _on_cluster(f"index of {_described(ids)}", lambda r=records, g=gone: _cluster_write(r, g))


def _cluster_write(records, gone) -> None:
    if records:
        cluster.save_records(records)
    if gone:
        cluster.delete_pages(gone)


@changes_answers
def remove_pages(page_ids: Iterable[int]) -> None:
    ids = set(page_ids)
    if not ids:
        return
    database.delete_pages(ids)
    _on_cluster(f"removal of {_described(ids)}", lambda: cluster.delete_pages(ids))


@changes_answers
def refresh_use_count(page_id: int) -> None:
    count = use_counts([page_id]).get(page_id, 0)
    database.set_use_count(page_id, count)
    if SearchDocument.objects.filter(page_id=page_id).exists():
        _on_cluster(f"use count of page {page_id}", lambda: cluster.set_use_count(page_id, count))


def after_commit(function: Callable[[Iterable[int]], None], page_ids: Iterable[int]) -> None:
    """Run an index change once the surrounding transaction commits (now, outside one):
    a rolled-back publish must not reach the index. Robust: if indexing fails, the publish
    has still happened — the error is logged and `search_index update` catches up."""
    ids = list(page_ids)
    transaction.on_commit(lambda: function(ids), robust=True)


# --- Whole-index operations (manage.py search_index) ------------------------------------


def chosen_backends(backend: str | None) -> list[str]:
    if backend in BACKENDS:
        return [backend]
    return ["database", "elasticsearch"] if cluster.configured() else ["database"]


def searchable_count() -> int:
    return searchable_pages().count()


@changes_answers
def rebuild_index(backend: str, progress: Callable[[int], None] | None = None) -> int:
    """Re-create one backend's index from every searchable page."""
    records = iter_records(searchable_pages().values_list("pk", flat=True))
    if backend == "elasticsearch":
        return cluster.rebuild(records, progress)
    return database.rebuild(records, progress)


def stale_pages(backend: str) -> tuple[set[int], set[int]]:
    """(pages to write, pages to drop) to make a backend match the site: missing or
    republished since they were indexed; in the index but no longer searchable."""
    live = {
        pk: published.isoformat() if published else ""
        for pk, published in searchable_pages().values_list("pk", "last_published_at")
    }
    if backend == "elasticsearch":
        indexed = cluster.indexer.indexed_versions()
        changed = {pk for pk, published in live.items() if _differs(indexed.get(pk), published)}
    else:
        indexed = {
            pk: published.isoformat() if published else ""
            for pk, published in SearchText.objects.values_list("page_id", "last_published_at")
        }
        changed = {pk for pk, published in live.items() if indexed.get(pk) != published}
    return changed, set(indexed) - set(live)


def _differs(indexed: str | None, live: str) -> bool:
    if indexed is None:
        return True
    return (parse_datetime(indexed) if indexed else None) != (
        parse_datetime(live) if live else None
    )


@changes_answers
def update_index(backend: str, progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Write what changed and drop what went; returns (written, dropped)."""
    changed, gone = stale_pages(backend)
    written = 0
    records = iter_records(changed)
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) >= 500:
            written += _write(backend, batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        written += _write(backend, batch)
        if progress:
            progress(len(batch))
    if gone:
        if backend == "elasticsearch":
            cluster.delete_pages(gone)
        else:
            database.delete_pages(gone)
    return written, len(gone)


def _write(backend: str, records) -> int:
    if backend == "elasticsearch":
        return cluster.save_records(records)
    return database.save_records(records)


def index_status(backend: str) -> dict[str, object]:
    changed, gone = stale_pages(backend)
    status: dict[str, object] = {"searchable pages": searchable_count()}
    if backend == "elasticsearch":
        status.update(cluster.status())
    else:
        status["documents"] = SearchDocument.objects.count()
    status["to update"] = len(changed)
    status["to remove"] = len(gone)
    return status
