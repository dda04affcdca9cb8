"""Keeping the indexes right: which pages go in, and writing them to every backend.

Every change goes to each of `backends.writers()`: the database index always (it is the
default backend and the fallback when the cluster is down), Elasticsearch too when it is
configured. A failure to reach the cluster never breaks a publish: the guarded cluster
(search/backends/guarded.py) logs it and opens its breaker, and
`manage.py search_index update` brings the cluster level again later.
"""

import functools
from collections.abc import Callable, Iterable

from django.db import transaction
from django.dispatch import Signal

from . import backends, cache
from .backends.database.docvalues import touch
from .documents import CHUNK_SIZE, iter_records, load_records, searchable_pages, use_counts
from .models import SearchDocument

# Sent after every index write (sender: None): the full-page cache forgets what it holds
# (config/page_cache/signals.py), since the index is now written by the background worker
# after the publish that emptied it.
index_written = Signal()


def changes_answers(function):
    """An index write: afterwards (even a partial one) no remembered answer is reused."""

    @functools.wraps(function)
    def write(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        finally:
            cache.forget_all()
            index_written.send(sender=None)

    return write


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
        for backend in backends.writers():
            if records:
                backend.save_records(records)
            if gone:
                backend.delete_pages(gone)


@changes_answers
def taxonomy_changed(page_ids: Iterable[int]) -> None:
    """A grade, skill, activity type, series or unit was saved: re-index its pages, and
    change the index version even when it has none, so that every process reloads the
    filters' vocabulary (search/request.py `vocabulary_for`)."""
    index_pages(page_ids)
    with transaction.atomic():
        touch()


@changes_answers
def remove_pages(page_ids: Iterable[int]) -> None:
    ids = set(page_ids)
    if not ids:
        return
    for backend in backends.writers():
        backend.delete_pages(ids)


@changes_answers
def refresh_use_count(page_id: int) -> None:
    if not SearchDocument.objects.filter(page_id=page_id).exists():
        return  # not in the index: nothing to sort by yet
    count = use_counts([page_id]).get(page_id, 0)
    for backend in backends.writers():
        backend.set_use_count(page_id, count)


def after_commit(function: Callable[[Iterable[int]], None], page_ids: Iterable[int]) -> None:
    """Run an index change once the surrounding transaction commits (now, outside one):
    a rolled-back publish must not reach the index. Robust: if indexing fails, the publish
    has still happened — the error is logged and `search_index update` catches up."""
    ids = list(page_ids)
    transaction.on_commit(lambda: function(ids), robust=True)


# --- Whole-index operations (manage.py search_index) ------------------------------------


def chosen_backends(backend: str | None) -> list[str]:
    if backend in backends.NAMES:
        return [backend]
    return backends.configured_names()


def searchable_count() -> int:
    return searchable_pages().count()


@changes_answers
def rebuild_index(backend: str, progress: Callable[[int], None] | None = None) -> int:
    """Re-create one backend's index from every searchable page."""
    records = iter_records(searchable_pages().values_list("pk", flat=True))
    return backends.named(backend).rebuild(records, progress)


def stale_pages(backend: str) -> tuple[set[int], set[int]]:
    """(pages to write, pages to drop) to make a backend match the site: missing or
    republished since they were indexed; in the index but no longer searchable."""
    live = dict(searchable_pages().values_list("pk", "last_published_at"))
    indexed = backends.named(backend).indexed_versions()
    changed = {pk for pk, when in live.items() if pk not in indexed or indexed[pk] != when}
    return changed, set(indexed) - set(live)


@changes_answers
def update_index(backend: str, progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Write what changed and drop what went; returns (written, dropped)."""
    changed, gone = stale_pages(backend)
    target = backends.named(backend)
    written = 0
    batch = []
    for record in iter_records(changed):
        batch.append(record)
        if len(batch) >= CHUNK_SIZE:
            written += _write(target, batch, progress)
            batch = []
    if batch:
        written += _write(target, batch, progress)
    if gone:
        target.delete_pages(gone)
    return written, len(gone)


def _write(target: backends.SearchBackend, batch: list, progress) -> int:
    written = target.save_records(batch)
    if progress:
        progress(len(batch))
    return written


def index_status(backend: str) -> dict[str, object]:
    changed, gone = stale_pages(backend)
    status: dict[str, object] = {"searchable pages": searchable_count()}
    status.update(backends.named(backend).status())
    status["to update"] = len(changed)
    status["to remove"] = len(gone)
    return status
