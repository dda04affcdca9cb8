"""Real files for the upload, preview and sharing tests, made on the spot.

Each is the genuine article (a PDF pypdf or WeasyPrint wrote, a PNG Pillow encoded, an
Office zip with the parts Word looks for) or a deliberately hostile fake.
"""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

OOXML_TYPES = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}


def pdf_bytes(pages: int = 1, width: float = 595, height: float = 842) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width, height=height)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def weasyprint_pdf_bytes(text: str = "Weather bingo") -> bytes:
    """A worksheet-like PDF with real text on a red band, so a rendered preview has ink."""
    from weasyprint import HTML

    html = (
        "<style>@page{size:A4;margin:1cm} body{font-family:sans-serif}"
        ".band{background:#c00;height:6cm}</style>"
        f"<div class='band'></div><h1>{text}</h1><p>Worksheet for the ALT and JTE.</p>"
    )
    return HTML(string=html).write_pdf()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (640, 400), colour="#1f5f8b") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def ooxml_bytes(kind: str = "docx", *, macros: bool = False) -> bytes:
    part, content_type = OOXML_TYPES[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part, "<document>Hello</document>")
        if macros:
            archive.writestr(part.split("/")[0] + "/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not an Office file")
    return buffer.getvalue()


def mp3_bytes() -> bytes:
    # An ID3v2 tag followed by one MPEG-1 Layer III frame header and silence.
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 413


def m4a_bytes() -> bytes:
    return b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 64


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def hostile_uploads(limit_bytes: int) -> dict[str, SimpleUploadedFile]:
    """The six files every upload route must refuse, keyed by what they are."""
    return {
        "svg with script": upload("worksheet.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        "html renamed pdf": upload("worksheet.pdf", HTML_PAGE, "application/pdf"),
        "png renamed docx": upload("worksheet.docx", image_bytes()),
        "zip renamed docx": upload("worksheet.docx", plain_zip_bytes()),
        "oversized pdf": upload("big.pdf", b"%PDF-1.4\n" + b"0" * limit_bytes),
        "empty pdf": upload("empty.pdf", b""),
    }


def docx_bytes(heading: str = "Weather bingo", words: str = "sunny rainy cloudy") -> bytes:
    """A real Word file (python-docx), the kind an ALT shares."""
    import docx

    document = docx.Document()
    document.add_heading(heading, 0)
    document.add_paragraph(words)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pptx_bytes(titles: tuple[str, ...] = ("Hello!", "How are you?")) -> bytes:
    """A real PowerPoint file (python-pptx) with one slide per title."""
    import pptx

    presentation = pptx.Presentation()
    for title in titles:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = f"{title} (notes for the class)"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows: tuple[tuple[str, str], ...] = (("word", "meaning"), ("apple", "りんご"))):
    """A real Excel file (openpyxl)."""
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
