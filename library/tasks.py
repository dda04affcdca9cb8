"""Background jobs of the library (one task framework: config/settings/tasks.py)."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="previews", backend="previews")
def make_file_preview(attachment_id: int) -> str:
    """Convert one attachment's file into page pictures and text (library/previews/).
    Idempotent: a file already converted is left alone, so a job run twice costs nothing."""
    from library.previews.store import make_preview_by_id

    return make_preview_by_id(attachment_id) or "gone"


@task()  # the `default` queue
def refresh_related_materials(page_id: int, with_unit_neighbours: bool = False) -> int:
    """Work out and store one page's related materials (library/related/), and — after a
    publish — those of the pages sharing a textbook unit with it, so the new page joins
    their lists. Idempotent: each list is replaced whole. Returns how many lists were
    stored."""
    from library.related import refresh_related
    from library.related.store import unit_neighbours

    refresh_related(page_id)
    neighbours = unit_neighbours(page_id) if with_unit_neighbours else set()
    for neighbour in sorted(neighbours):
        refresh_related(neighbour)
    return 1 + len(neighbours)
