"""Which library pages may be printed, and the version their PDF is remembered under.

Anyone may print what anyone may read: the pages visible to nobody in particular
(library/models/visibility.py), since a finished PDF is remembered for everyone who asks.
A draft (or a private page) answers 404, as the page itself would — except to an editor who
may edit it, who prints the latest draft to proof it before publishing. A background worker
loads the same two versions by id (`printable_for_worker`); who asked was checked when they
asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from wagtail.models import Page

from library.models import LibraryPage, Viewer, visible_pages

DRAFT = "draft"


@dataclass(frozen=True)
class Printable:
    page: LibraryPage
    # Part of the key: changes whenever the printed content can have changed.
    version: str
    is_draft: bool = False


def _live(page_id, model: type[LibraryPage]) -> Printable | None:
    pages = visible_pages(Page.objects.type(model).filter(pk=page_id), Viewer.anonymous())
    page = pages.specific().first()
    if page is None:
        return None
    published = int(page.last_published_at.timestamp()) if page.last_published_at else 0
    return Printable(page=page, version=f"live-{page.live_revision_id or 0}-{published}")


def _draft(page) -> Printable:
    draft = page.get_latest_revision_as_object()
    return Printable(page=draft, version=f"draft-{page.latest_revision_id or 0}", is_draft=True)


def printable_page(request, page_id: int, model: type[LibraryPage] = LibraryPage) -> Printable:
    printable = _live(page_id, model)
    if printable is not None:
        return printable
    page = Page.objects.type(model).filter(pk=page_id).specific().first()
    if (
        page is not None
        and request.user.is_authenticated
        and page.permissions_for_user(request.user).can_edit()
    ):
        return _draft(page)
    raise Http404("No such page to print.")


def printable_for_worker(page_id, variant: str, model: type[LibraryPage]) -> Printable:
    if variant == DRAFT:
        page = Page.objects.type(model).filter(pk=page_id).specific().first()
        printable = _draft(page) if page is not None else None
    else:
        printable = _live(page_id, model)
    if printable is None:
        raise Http404("The page is no longer there to print.")
    return printable
