"""HTTP responses for printouts: the PDF with a filename a teacher recognises in Downloads."""

from __future__ import annotations

import io
import re

from django.http import FileResponse, HttpResponse


def safe_filename(stem: str, suffix: str = ".pdf") -> str:
    """A filename without path separators or control characters; keeps Japanese (Django
    sends it RFC 5987-encoded for browsers that need it)."""
    cleaned = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', "-", stem).strip(" .-") or "kyozai"
    return cleaned[:120] + suffix


def pdf_response(pdf: bytes, filename: str, *, download: bool = False) -> FileResponse:
    """`inline` by default so the browser's PDF viewer opens with its Print button;
    `download=True` saves it instead."""
    response = FileResponse(
        io.BytesIO(pdf),
        content_type="application/pdf",
        as_attachment=download,
        filename=safe_filename(filename.removesuffix(".pdf")),
    )
    response["Content-Length"] = str(len(pdf))
    return response


def png_response(png: bytes) -> HttpResponse:
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


def back_to(title: str) -> str:
    """The label of a link back to the thing being printed."""
    from django.utils.translation import gettext

    return gettext("Back to “%(title)s”") % {"title": title}


def print_error(
    request, message: str, back_links: list[tuple[str, str]], status: int = 400
) -> HttpResponse:
    """ "Cannot print this": the reason (a bad option, a document over the limits) and the
    ways back — (address, label) pairs — so the teacher is never left on a dead end."""
    from django.shortcuts import render

    return render(
        request,
        "printing/print_error.html",
        {"message": message, "back_links": back_links},
        status=status,
    )
