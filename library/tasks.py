"""Background jobs of the library (one task framework: config/settings/tasks.py)."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="previews", backend="previews")
def make_file_preview(attachment_id: int) -> str:
    """Convert one attachment's file into page pictures and text (library/previews/).
    Idempotent: a file already converted is left alone, so a job run twice costs nothing."""
    from library.previews.store import make_preview_by_id

    return make_preview_by_id(attachment_id) or "gone"
