"""Background jobs of search (one task framework: config/settings/tasks.py)."""

from django_tasks import task


@task()  # the `default` queue
def update_search_index(page_ids: list[int]) -> int:
    """Bring these pages' index entries up to date on every backend (search/indexing.py
    `index_pages`): write the ones anyone may see as they are now, drop the rest (drafts,
    unpublished, private, deleted). Idempotent, and it reads the pages when it runs, so a
    late or repeated job writes what is true then, never an old state. Returns how many
    pages were looked at."""
    from . import indexing

    indexing.index_pages(page_ids)
    return len(page_ids)
