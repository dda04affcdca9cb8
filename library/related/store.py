"""Storing each page's related list, and knowing which lists to redo.

A list is computed for a live page when it is published (and by `manage.py
refresh_related`); the pages that share a textbook unit with it are redone too, so a new
worksheet for NEW HORIZON 2 Unit 5 joins its unit's lists at once. When a page leaves what
the world may see (unpublished, deleted, moved, made private), the lists that name it are
redone. Replacing a list is one transaction: readers see the old list or the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from library.models import LibraryPage, RelatedMaterial
from library.signals import related_materials_changed

from .ranking import related_ids

# How many pages of the same unit a publish refreshes besides the page itself (a unit
# holds a handful of materials; the bound keeps one publish's work small anyway).
MAX_UNIT_NEIGHBOURS = 50


def refresh_related(page_id: int) -> list[int]:
    """Compute and store the related list of one page; returns it. A page gone or not
    live keeps no list (its cards would never be shown). Idempotent."""
    page = LibraryPage.objects.filter(pk=page_id, live=True).first()
    ids = related_ids(page) if page is not None else []
    with transaction.atomic():
        RelatedMaterial.objects.filter(page_id=page_id).delete()
        RelatedMaterial.objects.bulk_create(
            RelatedMaterial(page_id=page_id, related_id=related, rank=rank)
            for rank, related in enumerate(ids)
        )
    related_materials_changed.send(sender=RelatedMaterial, page_ids=[page_id])
    return ids


def pages_naming(page_ids: Iterable[int]) -> set[int]:
    """The pages whose related list names any of `page_ids`."""
    return set(
        RelatedMaterial.objects.filter(related_id__in=list(page_ids)).values_list(
            "page_id", flat=True
        )
    )


def unit_neighbours(page_id: int) -> set[int]:
    """Live pages sharing a textbook unit with the page (not the page itself)."""
    units = LibraryPage.textbook_units.through.objects.filter(librarypage_id=page_id).values(
        "textbookunit_id"
    )
    return set(
        LibraryPage.objects.live()
        .filter(textbook_units__in=units)
        .exclude(pk=page_id)
        .order_by("-last_published_at")
        .values_list("pk", flat=True)
        .distinct()[:MAX_UNIT_NEIGHBOURS]
    )


def refresh_all(progress: Callable[[int], None] | None = None) -> int:
    """Redo every live page's list (`manage.py refresh_related`, the demo loader), and
    drop the lists of pages that are no longer live. Returns how many were computed."""
    RelatedMaterial.objects.exclude(page__live=True).delete()
    count = 0
    for page_id in LibraryPage.objects.live().order_by("pk").values_list("pk", flat=True):
        refresh_related(page_id)
        count += 1
        if progress:
            progress(count)
    return count
