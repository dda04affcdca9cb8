"""What files teachers may upload, checked by name, by content and by size.

The extension alone is a claim; the first bytes of the file are the evidence. A file is
accepted only when both agree and the type is on the allow list, so an HTML page renamed
`.pdf` or an SVG carrying script never reaches another teacher's browser. Used by the
Wagtail document and image forms (library/admin_forms.py), the front-end share form and
the import command, so every way in is held to the same rule.
"""

import warnings
from dataclasses import dataclass
from pathlib import PurePath
from zipfile import BadZipFile, ZipFile

from defusedxml import ElementTree as SafeXml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    extension: str
    kind: str  # "document", "image" or "audio": how the library stores and shows it
    content_types: tuple[str, ...]
    shown_as: str  # the kind of file a teacher recognises (the icon on a material page)

    @property
    def content_type(self) -> str:
        """The type to serve it as (the first listed)."""
        return self.content_types[0]


ALLOWED = {
    kind.extension: kind
    for kind in [
        FileKind("pdf", "document", ("application/pdf",), "pdf"),
        FileKind(
            "docx",
            "document",
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
            "word",
        ),
        FileKind(
            "pptx",
            "document",
            ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
            "slides",
        ),
        FileKind(
            "xlsx",
            "document",
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
            "spreadsheet",
        ),
        FileKind("png", "image", ("image/png",), "image"),
        FileKind("jpg", "image", ("image/jpeg",), "image"),
        FileKind("jpeg", "image", ("image/jpeg",), "image"),
        FileKind("gif", "image", ("image/gif",), "image"),
        FileKind("mp3", "audio", ("audio/mpeg", "audio/mp3"), "audio"),
        FileKind("m4a", "audio", ("audio/mp4", "audio/x-m4a", "audio/m4a"), "audio"),
    ]
}
# Audio is stored as a Wagtail document, so documents take both.
DOCUMENT_EXTENSIONS = sorted(ext for ext, kind in ALLOWED.items() if kind.kind != "image")
IMAGE_EXTENSIONS = sorted(ext for ext, kind in ALLOWED.items() if kind.kind == "image")
ALL_KINDS = ("document", "image", "audio")
# For a file picker's `accept` attribute: narrows the choice, proves nothing.
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in sorted(ALLOWED))

# Markup and script: a browser may run what is inside them.
REFUSED_AS_ACTIVE = {
    "svg",
    "svgz",
    "html",
    "htm",
    "xhtml",
    "shtml",
    "xht",
    "xml",
    "js",
    "mjs",
    "hta",
    "swf",
}
# Kept for callers that imported the old name.
REFUSED_OUTRIGHT = REFUSED_AS_ACTIVE

# Which part of the Office zip proves which format.
OFFICE_MARKERS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
# Major brands an .m4a's `ftyp` box carries, from iTunes, phones and voice recorders.
M4A_BRANDS = (b"M4A", b"M4B", b"mp4", b"iso", b"3gp", b"MSN", b"dash", b"f4a")
# A photo from a 48-megapixel phone camera fits; a decompression bomb does not.
MAX_IMAGE_PIXELS = 50_000_000


def max_upload_bytes() -> int:
    return settings.KYOZAI_MAX_UPLOAD_BYTES


def shown_file_name(uploaded_file) -> str:
    """The file's own name, safe to place in a message that may end up in HTML.

    Wagtail's multiple-upload page inserts error messages as HTML, so angle brackets in a
    hostile file name are replaced rather than trusted to be escaped downstream.
    """
    name = PurePath(str(getattr(uploaded_file, "name", "") or "")).name
    name = "".join(ch for ch in name if ch.isprintable())
    return name.replace("<", "\u2039").replace(">", "\u203a")[:120]  # single angle quotes


def _size_of(uploaded_file) -> int | None:
    size = getattr(uploaded_file, "size", None)
    if size is not None:
        return size
    try:
        position = uploaded_file.tell()
        uploaded_file.seek(0, 2)
        size = uploaded_file.tell()
        uploaded_file.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return size


def _head(uploaded_file, size: int = 4096) -> bytes:
    position = uploaded_file.tell() if hasattr(uploaded_file, "tell") else 0
    uploaded_file.seek(0)
    head = uploaded_file.read(size)
    uploaded_file.seek(position)
    return head


def _office_parts(uploaded_file) -> list[str] | None:
    """The names inside an Office zip, or None when it is no readable zip at all.

    Only the zip's directory is read; nothing is extracted, so a zip bomb costs nothing.
    """
    position = uploaded_file.tell()
    try:
        uploaded_file.seek(0)
        with ZipFile(uploaded_file) as archive:
            return archive.namelist()
    except (BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        uploaded_file.seek(position)


def _is_mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # Straight into an MPEG audio frame: 11 sync bits, then a version and a layer that are
    # not the reserved values.
    return (
        len(head) > 1
        and head[0] == 0xFF
        and head[1] & 0xE0 == 0xE0
        and (head[1] >> 3) & 0b11 != 0b01
        and (head[1] >> 1) & 0b11 != 0b00
    )


def _is_office(extension: str, head: bytes, uploaded_file) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    names = _office_parts(uploaded_file)
    return (
        names is not None
        and "[Content_Types].xml" in names
        and any(name.startswith(OFFICE_MARKERS[extension]) for name in names)
    )


# What the first bytes of each allowed kind of file are (Office files are zips, checked
# separately for the parts their kind must have).
SIGNATURES = {
    "pdf": lambda head: head.startswith(b"%PDF-"),
    "png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "gif": lambda head: head[:6] in (b"GIF87a", b"GIF89a"),
    "mp3": _is_mp3,
    "m4a": lambda head: head[4:8] == b"ftyp" and any(head[8:12].startswith(b) for b in M4A_BRANDS),
}


def _looks_like(extension: str, head: bytes, uploaded_file) -> bool:
    if extension in OFFICE_MARKERS:
        return _is_office(extension, head, uploaded_file)
    signature = SIGNATURES.get(extension)
    return signature is not None and signature(head)


# Office files that reach out or carry programs of their own. Relationship types are
# matched by their last segment (Office and ISO/Strict spell the namespace differently).
# Embedded OLE objects and ActiveX controls are programs another teacher's Office may run.
EMBEDDED_PROGRAM_TYPES = {"oleObject", "activeXControl", "activeXControlBinary"}
EMBEDDED_PROGRAM_FOLDERS = ("/embeddings/", "/activex/")
# The one kind of outside target a teaching file may have: a link in its text.
ALLOWED_EXTERNAL_TYPES = {"hyperlink"}
# A relationships part is a few kilobytes; one larger than this is not read, but refused.
MAX_RELATIONSHIPS_BYTES = 1024 * 1024


def _relationships(archive: ZipFile) -> list[tuple[str, str]] | None:
    """(type, target mode) of every relationship in every part, or None when a
    relationships part cannot be read safely (too large, not XML, entity tricks)."""
    found = []
    for info in archive.infolist():
        if not info.filename.endswith(".rels"):
            continue
        if info.file_size > MAX_RELATIONSHIPS_BYTES:
            return None
        try:
            root = SafeXml.fromstring(archive.read(info))
        except (SafeXml.ParseError, ValueError, OSError, BadZipFile):
            return None  # defusedxml's refusals (entities, DTDs) are ValueErrors
        for element in root.iter():
            if str(element.tag).endswith("Relationship"):
                kind = element.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
                found.append((kind, element.get("TargetMode", "Internal")))
    return found


def _office_problem(uploaded_file) -> str | None:
    """Why an Office file may not be shared, or None. Only the zip's directory and its
    small relationships parts are read; nothing is extracted."""
    position = uploaded_file.tell()
    try:
        uploaded_file.seek(0)
        with ZipFile(uploaded_file) as archive:
            names = [name.lower() for name in archive.namelist()]
            relationships = _relationships(archive)
    except (BadZipFile, OSError, ValueError, EOFError):
        return "unreadable_office"
    finally:
        uploaded_file.seek(position)
    if relationships is None:
        return "unreadable_office"
    if any(name.endswith("vbaproject.bin") for name in names):
        return "macros"
    if any(kind in EMBEDDED_PROGRAM_TYPES for kind, _mode in relationships) or any(
        folder in f"/{name}" and name.endswith(".bin")
        for name in names
        for folder in EMBEDDED_PROGRAM_FOLDERS
    ):
        return "embedded_object"
    if any(
        mode.lower() == "external" and kind not in ALLOWED_EXTERNAL_TYPES
        for kind, mode in relationships
    ):
        return "external_link"
    return None


def _office_refusal(problem: str, name: str, extension: str) -> ValidationError:
    messages = {
        "macros": _(
            "%(name)s contains macros, which can run code on other teachers' computers. "
            "Please save it as a plain %(ext)s file without macros."
        ),
        "embedded_object": _(
            "%(name)s contains an embedded object or control (OLE or ActiveX), which can "
            "run code on other teachers' computers. Please paste its content as a picture "
            "or text instead, and save the %(ext)s file again."
        ),
        "external_link": _(
            "%(name)s loads something from outside the file (a template, a picture or "
            "data from another address). Please save a copy with everything inside it — "
            "links in the text are fine."
        ),
        "unreadable_office": _(
            "%(name)s could not be checked: its inner parts are damaged or unusual. Save "
            "it again as %(ext)s from the program that made it."
        ),
    }
    return ValidationError(
        messages[problem] % {"name": name, "ext": extension.upper()}, code=problem
    )


def _image_problem(uploaded_file) -> str | None:
    """Open the picture with Pillow, as the pages that show it later will; say what is
    wrong in a teacher's words, or None when it is a sound picture."""
    from PIL import Image, UnidentifiedImageError

    position = uploaded_file.tell()
    try:
        uploaded_file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded_file) as picture:
                width, height = picture.size
                if width * height > MAX_IMAGE_PIXELS:
                    return "too_many_pixels"
                picture.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "too_many_pixels"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "broken"
    finally:
        uploaded_file.seek(position)
    return None


def check_upload(uploaded_file, *, allowed_kinds: tuple[str, ...] = ALL_KINDS) -> FileKind:
    """Raise a ValidationError a teacher can act on, or return what the file is.

    `allowed_kinds` narrows the allow list for one route: the Wagtail image form takes
    only images, the document form documents and audio. The checks run cheapest first:
    the name, the size, the first bytes, then the parts of an Office file or the picture.
    """
    name = shown_file_name(uploaded_file) or _("This file")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = _allowed_kind(name, extension, allowed_kinds)
    _check_size(name, _size_of(uploaded_file))
    if not _looks_like(extension, _head(uploaded_file), uploaded_file):
        raise ValidationError(
            _(
                "%(name)s does not contain what its name says: it is not a real %(ext)s file. "
                "Save it again as %(ext)s from the program that made it."
            )
            % {"name": name, "ext": extension.upper()},
            code="content_mismatch",
        )
    if extension in OFFICE_MARKERS:
        problem = _office_problem(uploaded_file)
        if problem:
            raise _office_refusal(problem, name, extension)
    if kind.kind == "image":
        _check_image(name, uploaded_file)
    return kind


def _allowed_kind(name: str, extension: str, allowed_kinds: tuple[str, ...]) -> FileKind:
    """What a file of this name is, if this route takes it."""
    if extension in REFUSED_AS_ACTIVE:
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
        allowed_names = ", ".join(
            ext.upper()
            for ext, allowed in ALLOWED.items()
            if allowed.kind in allowed_kinds and ext != "jpeg"
        )
        raise ValidationError(
            _("%(name)s is not a file type Kyozai accepts here. Allowed: %(allowed)s.")
            % {"name": name, "allowed": allowed_names},
            code="unsupported_type",
        )
    return kind


def _check_size(name: str, size: int | None) -> None:
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
    if not size:
        raise ValidationError(
            _("%(name)s is empty (0 bytes). Please choose the saved file again.") % {"name": name},
            code="empty",
        )


def _check_image(name: str, uploaded_file) -> None:
    problem = _image_problem(uploaded_file)
    if problem == "too_many_pixels":
        raise ValidationError(
            _("%(name)s has too many pixels. Please make the picture smaller and try again.")
            % {"name": name},
            code="too_many_pixels",
        )
    if problem == "broken":
        raise ValidationError(
            _("%(name)s is damaged or incomplete and cannot be shown as a picture.")
            % {"name": name},
            code="broken_image",
        )
