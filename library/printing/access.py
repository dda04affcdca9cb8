"""Which library pages may be printed, and the version their PDF is cached under.

Anyone may print what anyone may read: live pages without a view restriction. A draft (or a
private page) answers 404, as the page itself would — except to an editor who may edit it,
who prints the latest draft to proof it before publishing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from wagtail.models import Page

from library.models import LibraryPage


@dataclass(frozen=True)
class Printable:
    page: LibraryPage
    # Part of the cache key: changes whenever the printed content can have changed.
    version: str
    is_draft: bool = False


def printable_page(request, page_id: int, model: type[LibraryPage] = LibraryPage) -> Printable:
    pages = Page.objects.type(model).filter(pk=page_id)
    page = pages.live().public().specific().first()
    if page is not None:
        published = int(page.last_published_at.timestamp()) if page.last_published_at else 0
        return Printable(page=page, version=f"live-{page.live_revision_id or 0}-{published}")
    page = pages.specific().first()
    if (
        page is not None
        and request.user.is_authenticated
        and page.permissions_for_user(request.user).can_edit()
    ):
        draft = page.get_latest_revision_as_object()
        return Printable(page=draft, version=f"draft-{page.latest_revision_id or 0}", is_draft=True)
    raise Http404("No such page to print.")
