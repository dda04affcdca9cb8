"""`/media/<path>`: uploaded pictures, each checked against the pages that show it.

What lives under MEDIA_ROOT and how each is answered:
- `previews/…`: the picture of an attachment's first page — as its page (or its file's
  manager) allows;
- `original_images/…` and `images/…` (an image and its renditions) — as the pages using the
  image allow;
- `documents/…` and anything else: 404. Documents are served at `/documents/<id>/<name>`
  by Wagtail's view, which asks the same rules (hooks.py) and counts downloads.
A refusal is a 404, the answer for a file that is not there: a guessed name tells nothing.
"""

import posixpath

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from library.models import LibraryAttachment, Viewer, visible_pages

from . import rules, usage
from .responses import media_response


def _clean(path: str) -> str:
    """The storage name asked for; 404 for anything that climbs out or is not plain."""
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "..")) or "\\" in name or "\x00" in name:
        raise Http404("No such file.")
    return name


def _image(name: str):
    images = get_image_model()
    if name.startswith("original_images/"):
        return images.objects.filter(file=name).first()
    rendition_model = images.get_rendition_model()
    rendition = rendition_model.objects.filter(file=name).select_related("image").first()
    return rendition.image if rendition is not None else None


def _serve_image(request: HttpRequest, name: str) -> HttpResponse:
    image = _image(name)
    if image is None:
        raise Http404("No such file.")
    # Most pictures are public: asked first, that answer needs no look at the viewer.
    public = rules.is_public_image(image)
    if not public and not rules.may_have_image(request, image):
        raise Http404("No such file.")
    return media_response(name, public=public)


def _serve_preview(request: HttpRequest, name: str) -> HttpResponse:
    pages = usage.pages_using_preview(name)
    public = visible_pages(pages, Viewer.anonymous()).exists()
    if not public and not rules.may_see_pages(request, pages):
        attachments = LibraryAttachment.objects.filter(preview=name)
        items = [a.document or a.image for a in attachments.select_related("document", "image")]
        if not any(rules.may_manage(request.user, item) for item in items if item is not None):
            raise Http404("No such file.")
    return media_response(name, public=public)


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    name = _clean(path)
    if name.startswith("previews/"):
        return _serve_preview(request, name)
    if name.startswith(("original_images/", "images/")):
        return _serve_image(request, name)
    raise Http404("No such file.")
