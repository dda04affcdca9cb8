"""HTTP responses for printouts: the file with a name a teacher recognises in Downloads, and
"Cannot print this" with the ways back."""

from __future__ import annotations

import re

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext


def safe_filename(stem: str, suffix: str = ".pdf") -> str:
    """A filename without path separators or control characters; keeps Japanese (Django
    sends it RFC 5987-encoded for browsers that need it)."""
    cleaned = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "-", stem).strip(" .-") or "kyozai"
    return cleaned[:120] + suffix


def file_response(
    handle, content_type: str, *, filename: str = "", download: bool = False
) -> FileResponse:
    """Stream an open file. PDFs are `inline` by default so the browser's PDF viewer opens
    with its Print button; `download=True` saves them instead."""
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=download,
        filename=safe_filename(filename.removesuffix(".pdf")) if filename else "",
    )
    return response


def png_response(png: bytes) -> HttpResponse:
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


def back_to(title: str) -> str:
    """The label of a link back to the thing being printed."""
    return gettext("Back to “%(title)s”") % {"title": title}


def print_error(
    request,
    message: str,
    back_links: list[tuple[str, str]],
    status: int = 400,
    heading: str = "",
) -> HttpResponse:
    """ "Cannot print this" (or `heading`): the reason (a bad option, a document over the
    limits, too many prints at once) and the ways back — (address, label) pairs — so the
    teacher is never left on a dead end."""
    return render(
        request,
        "printing/print_error.html",
        {"message": message, "back_links": back_links, "heading": heading},
        status=status,
    )
