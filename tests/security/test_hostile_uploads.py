"""Hostile files through the forms teachers really use, not only through check_upload.

tests/library/test_uploads.py tests the check itself and the admin forms, and
tests/library/test_sharing.py sends the six classic hostile files through the new-material
form. What is left, and covered here: the same six and the rest of the hostile set through
the *edit* form (a teacher fixing a sent-back submission), and the rest of the set (macros,
HTML under any name, executables, pixel bombs, damaged pictures, a file name that is markup)
through the new-material form. Each time: a clear message, and nothing saved.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from library.models import MaterialPage
from tests.library.sample_files import (
    HTML_PAGE,
    SVG_WITH_SCRIPT,
    hostile_uploads,
    image_bytes,
    ooxml_bytes,
    upload,
)

from .world import OWNER, share_form_data

LIMIT = 2_000_000

# What test_sharing.py does not send through the share form, and what each must say.
MORE_HOSTILE = {
    "word with macros": (
        lambda: upload("lesson.docx", ooxml_bytes("docx", macros=True)),
        "contains macros",
    ),
    "html page": (
        lambda: upload("lesson.html", HTML_PAGE, "text/html"),
        "HTML files can carry scripts",
    ),
    "html behind a pdf name": (
        lambda: upload("worksheet.pdf.html", HTML_PAGE, "application/pdf"),
        "HTML files can carry scripts",
    ),
    "executable": (
        lambda: upload("bingo.exe", b"MZ\x90\x00" + b"\x00" * 200),
        "is not a file type Kyozai accepts",
    ),
    "script renamed mp3": (
        lambda: upload("chant.mp3", b"#!/bin/sh\necho hello\n" * 20),
        "it is not a real MP3 file",
    ),
    "damaged picture": (
        lambda: upload("card.png", image_bytes("PNG")[:300]),
        "is damaged or incomplete",
    ),
    "pixel bomb": (
        lambda: upload("huge.png", image_bytes("PNG", size=(8000, 7000), colour="white")),
        "has too many pixels",
    ),
    "file name that is markup": (
        lambda: upload('"><img src=x onerror=alert(1)>.svg', SVG_WITH_SCRIPT),
        "files can carry scripts",
    ),
}
# The six classic ones, with the words test_uploads.py expects.
CLASSIC = {
    "svg with script": "SVG files can carry scripts",
    "html renamed pdf": "it is not a real PDF file",
    "png renamed docx": "it is not a real DOCX file",
    "zip renamed docx": "it is not a real DOCX file",
    "oversized pdf": "the largest file Kyozai accepts is",
    "empty pdf": "is empty",
}


@pytest.fixture(autouse=True)
def upload_limit(settings):
    settings.KYOZAI_MAX_UPLOAD_BYTES = LIMIT


def stored_files() -> tuple[int, int]:
    return get_document_model().objects.count(), get_image_model().objects.count()


def assert_refused(response, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200, html[:300]
    assert escape(message) in html
    assert "please choose your files again" in html
    # A file name is shown as text, never as markup.
    assert "<img src=x" not in html


@pytest.mark.parametrize("what", MORE_HOSTILE)
def test_the_share_form_refuses_the_rest_of_the_hostile_set(world, what):
    make_file, message = MORE_HOSTILE[what]
    before = (MaterialPage.objects.count(), stored_files())
    response = world.client(OWNER).post(
        reverse("sharing:new"), {**share_form_data(title="New bingo"), "files": [make_file()]}
    )
    assert_refused(response, message)
    assert (MaterialPage.objects.count(), stored_files()) == before


EDIT_CASES = {
    **{what: (lambda what=what: hostile_uploads(LIMIT)[what], CLASSIC[what]) for what in CLASSIC},
    **MORE_HOSTILE,
}


@pytest.mark.parametrize("what", EDIT_CASES)
def test_fixing_a_submission_refuses_hostile_files_too(world, what):
    """Sam's draft went back to him; he edits it and attaches a hostile file: refused,
    with the message, and the draft, its revisions and its files are as they were."""
    make_file, message = EDIT_CASES[what]
    draft = world.draft
    before = (draft.latest_revision_id, draft.attachments.count(), stored_files())
    response = world.client(OWNER).post(
        reverse("sharing:edit", args=[draft.pk]),
        {**share_form_data(title="Weather bingo, improved"), "files": [make_file()]},
    )
    assert_refused(response, message)
    draft.refresh_from_db()
    assert (draft.latest_revision_id, draft.attachments.count(), stored_files()) == before
    assert draft.get_latest_revision_as_object().title == "Weather bingo"
