"""The bytes of an uploaded file, once the rules have said yes.

By default Django streams the file (`FileResponse`: a gunicorn worker reads it in blocks,
never the whole file at once). With `MEDIA_ACCEL_REDIRECT_PREFIX` set (e.g.
`/_protected_media/`), the answer is an empty response with `X-Accel-Redirect` naming the
file under that prefix, and nginx sends the bytes from an `internal` location that aliases
MEDIA_ROOT (README, "Serving uploaded files"): the check stays in Django, the copying
leaves the worker. `sendfile` is the same for Wagtail's document view
(`SENDFILE_BACKEND`).
"""

import mimetypes
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from wagtail.utils import sendfile_streaming_backend

PUBLIC = "public, max-age=3600"
# Someone in particular may have it: no shared cache may keep it, and every use asks again.
PRIVATE = "private, no-cache"


def accel_prefix() -> str:
    return getattr(settings, "KYOZAI_MEDIA_ACCEL_REDIRECT_PREFIX", "") or ""


def _accel(name: str) -> HttpResponse:
    response = HttpResponse()
    response["X-Accel-Redirect"] = accel_prefix().rstrip("/") + "/" + quote(name)
    return response


def media_response(name: str, *, public: bool) -> HttpResponse:
    """`name` (a path in the default storage) for the viewer the rules let through."""
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if accel_prefix():
        response = _accel(name)
    else:
        try:
            handle = default_storage.open(name, "rb")
        except (FileNotFoundError, IsADirectoryError, PermissionError) as missing:
            raise Http404("No such file.") from missing
        response = FileResponse(handle)
    response["Content-Type"] = content_type
    response["Cache-Control"] = PUBLIC if public else PRIVATE
    response["X-Content-Type-Options"] = "nosniff"
    return response


def sendfile(request, filename, **kwargs) -> HttpResponse:
    """Wagtail's document view's file sender (SENDFILE_BACKEND): nginx sends documents too
    when the prefix is set, Django streams them otherwise. Wagtail adds the headers."""
    if not accel_prefix():
        return sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    try:
        name = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    except ValueError as outside:
        raise Http404("No such file.") from outside
    return _accel(name.as_posix())
