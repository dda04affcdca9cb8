"""What files teachers may upload, checked by name, by content and by size.

The extension alone is a claim; the first bytes of the file are the evidence. A file is
accepted only when both agree and the type is on the allow list, so an HTML page renamed
`.pdf` or an SVG carrying script never reaches another teacher's browser. Used by the
Wagtail document and image forms, the front-end share form and the import command.
"""

from dataclasses import dataclass
from pathlib import PurePath
from zipfile import BadZipFile, ZipFile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    extension: str
    kind: str  # "document", "image" or "audio": how the library stores and shows it
    content_types: tuple[str, ...]


ALLOWED = {
    kind.extension: kind
    for kind in [
        FileKind("pdf", "document", ("application/pdf",)),
        FileKind(
            "docx",
            "document",
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        ),
        FileKind(
            "pptx",
            "document",
            ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
        ),
        FileKind(
            "xlsx",
            "document",
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
        ),
        FileKind("png", "image", ("image/png",)),
        FileKind("jpg", "image", ("image/jpeg",)),
        FileKind("jpeg", "image", ("image/jpeg",)),
        FileKind("gif", "image", ("image/gif",)),
        FileKind("mp3", "audio", ("audio/mpeg", "audio/mp3")),
        FileKind("m4a", "audio", ("audio/mp4", "audio/x-m4a", "audio/m4a")),
    ]
}
DOCUMENT_EXTENSIONS = sorted(ext for ext, kind in ALLOWED.items() if kind.kind != "image")
IMAGE_EXTENSIONS = sorted(ext for ext, kind in ALLOWED.items() if kind.kind == "image")
REFUSED_OUTRIGHT = {"svg", "svgz", "html", "htm", "xhtml", "js", "xml", "php", "exe"}

# Which part of the Office zip proves which format.
OFFICE_MARKERS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}


def max_upload_bytes() -> int:
    return settings.KYOZAI_MAX_UPLOAD_BYTES


def _head(uploaded_file, size: int = 4096) -> bytes:
    position = uploaded_file.tell() if hasattr(uploaded_file, "tell") else 0
    uploaded_file.seek(0)
    head = uploaded_file.read(size)
    uploaded_file.seek(position)
    return head


def _looks_like(extension: str, head: bytes, uploaded_file) -> bool:
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if extension == "gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if extension == "mp3":
        # An ID3 tag, or straight into an MPEG audio frame (11 sync bits set).
        return head.startswith(b"ID3") or (
            len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
        )
    if extension == "m4a":
        return head[4:8] == b"ftyp" and head[8:11] in (b"M4A", b"M4B", b"mp4", b"iso")
    if extension in OFFICE_MARKERS:
        if not head.startswith(b"PK\x03\x04"):
            return False
        position = uploaded_file.tell()
        try:
            uploaded_file.seek(0)
            with ZipFile(uploaded_file) as archive:
                names = archive.namelist()
        except (BadZipFile, OSError, ValueError):
            return False
        finally:
            uploaded_file.seek(position)
        return "[Content_Types].xml" in names and any(
            name.startswith(OFFICE_MARKERS[extension]) for name in names
        )
    return False


def check_upload(
    uploaded_file, *, allowed_kinds: tuple[str, ...] = ("document", "image", "audio")
) -> FileKind:
    """Raise a ValidationError a teacher can act on, or return what the file is."""
    name = PurePath(getattr(uploaded_file, "name", "") or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed_names = ", ".join(
        ext for ext, kind in ALLOWED.items() if kind.kind in allowed_kinds and ext != "jpeg"
    )

    if extension in REFUSED_OUTRIGHT:
        raise ValidationError(
            _(
                "%(name)s: %(ext)s files can carry scripts, so Kyozai does not accept them. "
                "Please upload a PDF or a PNG/JPG picture instead."
            )
            % {"name": name, "ext": extension.upper()},
            code="refused_type",
        )
    kind = ALLOWED.get(extension)
    if kind is None or kind.kind not in allowed_kinds:
        raise ValidationError(
            _("%(name)s is not a file type Kyozai accepts. Allowed: %(allowed)s.")
            % {"name": name or _("This file"), "allowed": allowed_names},
            code="unsupported_type",
        )

    size = getattr(uploaded_file, "size", None)
    if size is not None and size > max_upload_bytes():
        raise ValidationError(
            _("%(name)s is %(size)s; the largest file Kyozai accepts is %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(max_upload_bytes()),
            },
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")

    if not _looks_like(extension, _head(uploaded_file), uploaded_file):
        raise ValidationError(
            _("%(name)s does not contain what its name says: it is not a real %(ext)s file.")
            % {"name": name, "ext": extension.upper()},
            code="content_mismatch",
        )
    return kind
