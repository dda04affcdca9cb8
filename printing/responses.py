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
