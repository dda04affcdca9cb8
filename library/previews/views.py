"""Serving page pictures, and the larger view of a file's pages — only while the visitor
may see the page the file belongs to.

A draft's pictures (a teacher's submission before review, a page an editor has not yet
published) and those of a private page answer 404 to everyone else, exactly like a file
that is not there: a guessed address tells nothing. Public pictures may be kept by shared
caches; the `?v=` part of their address (preview_url) changes when the file does.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from library.models import LibraryAttachment
from library.models.visibility import Viewer

from . import page_pictures
from .store import page_picture_name, preview_storage

PUBLIC_SECONDS = 24 * 3600


def is_public(page) -> bool:
    """Anyone may see it: live, and no privacy on it or above it (the library's one rule,
    library/models/visibility.py, for nobody in particular)."""
    return Viewer().may_see(page)


def may_see_previews(request: HttpRequest, page) -> bool:
    """The library's one rule for this visitor (library/models/visibility.py: live, past
    the privacy of the page and its ancestors, with their groups and the page passwords
    they entered), and the people who see its draft: its owner ("My submissions") and those
    who may edit it (admin preview). The one check for pictures and the larger view."""
    if Viewer.of_request(request).may_see(page):
        return True
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return page.owner_id == user.pk or page.permissions_for_user(user).can_edit()


def _visible_attachment(request: HttpRequest, attachment_id: int) -> LibraryAttachment:
    attachment = (
        LibraryAttachment.objects.select_related("page", "document", "image")
        .filter(pk=attachment_id, preview_status=LibraryAttachment.PreviewStatus.READY)
        .first()
    )
    if attachment is None or not may_see_previews(request, attachment.page.specific):
        raise Http404("No such preview.")
    return attachment


def _picture(request: HttpRequest, attachment_id: int, number: int, large: bool) -> HttpResponse:
    attachment = _visible_attachment(request, attachment_id)
    if not 1 <= number <= attachment.preview_pages:
        raise Http404("No such page.")
    name = page_picture_name(attachment.preview.name, number, large=large)
    try:
        handle = preview_storage().open(name, "rb")
    except FileNotFoundError as missing:
        raise Http404("No such preview.") from missing
    response = FileResponse(handle, content_type="image/png")
    if is_public(attachment.page):
        patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def picture(request: HttpRequest, attachment_id: int, number: int) -> HttpResponse:
    return _picture(request, attachment_id, number, large=False)


@require_safe
def large_picture(request: HttpRequest, attachment_id: int, number: int) -> HttpResponse:
    return _picture(request, attachment_id, number, large=True)


@require_safe
def pages(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """The larger view: every previewed page of one file, one under the other."""
    attachment = _visible_attachment(request, attachment_id)
    response = render(
        request,
        "library/previews/pages.html",
        {
            "attachment": attachment,
            "library_page": attachment.page.specific,
            "pictures": page_pictures(attachment),
        },
    )
    if not is_public(attachment.page):
        patch_cache_control(response, private=True, no_store=True)
    return response
