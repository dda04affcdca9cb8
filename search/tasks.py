"""Background jobs of search (one task framework: config/settings/tasks.py), and the two
ways index changes are handed to them once a transaction commits. They live here, not in
search/indexing.py, so that the job imports the indexing and not the other way round."""

from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from . import indexing
from .documents import searchable_pages


@task()  # the `default` queue
def update_search_index(page_ids: list[int]) -> int:
    """Bring these pages' index entries up to date on every backend (search/indexing.py
    `index_pages`): write the ones anyone may see as they are now, drop the rest (drafts,
    unpublished, private, deleted). Idempotent, and it reads the pages when it runs, so a
    late or repeated job writes what is true then, never an old state. Returns how many
    pages were looked at."""
    indexing.index_pages(page_ids)
    return len(page_ids)


def queue_after_commit(page_ids: Iterable[int]) -> None:
    """Have the background worker bring these pages' index entries up to date once the
    surrounding transaction commits (search/tasks.py, the `default` queue): a publish,
    unpublish, move, delete or privacy change never waits on the index, and a rolled-back
    one never reaches it. Robust: if the queue cannot be reached, the change has still
    happened — the error is logged and `search_index update` catches up."""
    ids = sorted(set(page_ids))
    for start in range(0, len(ids), indexing.CHUNK_SIZE):
        chunk = ids[start : start + indexing.CHUNK_SIZE]
        transaction.on_commit(lambda chunk=chunk: update_search_index.enqueue(chunk), robust=True)


def withdraw_after_commit(page_ids: Iterable[int]) -> None:
    """A page unpublished, deleted or made private leaves the index as soon as the change
    commits, in the request itself, and the background job then brings everything else up to
    date. A withdrawal is only a delete (cheap, and the cluster's is behind its breaker), and
    privacy cannot wait for a worker: until the job ran, the page's title and summary would
    still be answered to anyone who searched for them."""
    ids = set(page_ids)

    def withdraw(ids: Iterable[int]) -> None:
        ids = set(ids)
        still_shown = set(searchable_pages().filter(pk__in=ids).values_list("pk", flat=True))
        indexing.remove_pages(ids - still_shown)

    indexing.after_commit(withdraw, ids)
    queue_after_commit(ids)
