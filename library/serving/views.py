"""`/media/<path>`: uploaded pictures, each checked against the pages that show it.

What lives under MEDIA_ROOT and how each is answered:
- `original_images/…` and `images/…` (an image and its renditions) — as the pages using the
  image allow;
- `documents/…`, `previews/…` and anything else: 404. Documents are served at
  `/documents/<id>/<name>` by Wagtail's view, which asks the same rules (hooks.py) and
  counts downloads; page pictures at `/previews/…` (library/previews/views.py), the one
  address `library.previews.preview_url` gives them.
A refusal is a 404, the answer for a file that is not there: a guessed name tells nothing.
"""

import posixpath

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from . import rules
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


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    name = _clean(path)
    if name.startswith(("original_images/", "images/")):
        return _serve_image(request, name)
    raise Http404("No such file.")
