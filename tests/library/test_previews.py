"""Previews of library files, with the real converters: PDFs drawn by pdftoppm, Word,
PowerPoint and Excel files converted by Debian's LibreOffice, images by Pillow. Saving
only queues the conversion (the "previews" queue); the tests then run the task itself
(the real worker process: test_preview_worker.py)."""

import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from library.models import LibraryAttachment
from library.previews import PREVIEW_WIDTH, make_preview, page_pictures
from library.previews.store import page_picture_name
from library.tasks import make_file_preview
from tests.factories.library import MaterialPageFactory

from .sample_files import (
    docx_bytes,
    image_bytes,
    ooxml_bytes,
    pdf_bytes,
    pptx_bytes,
    weasyprint_pdf_bytes,
    xlsx_bytes,
)

Document = get_document_model()
WagtailImage = get_image_model()
Status = LibraryAttachment.PreviewStatus


@pytest.fixture(autouse=True)
def fresh_storage(settings):
    """A new in-memory storage per test: pictures from another test must not be found."""
    settings.STORAGES = {**settings.STORAGES}


@pytest.fixture
def page(db):
    return MaterialPageFactory(title="Weather bingo")


def make_document(name: str, content: bytes):
    return Document.objects.create(title=name, file=ContentFile(content, name=name))


def make_image(name: str, content: bytes):
    return WagtailImage.objects.create(title=name, file=ContentFile(content, name=name))


def converted(page, **item) -> LibraryAttachment:
    """Attach a file and run its queued conversion, as the worker would."""
    attachment = LibraryAttachment.objects.create(page=page, **item)
    make_file_preview.call(attachment.pk)
    attachment.refresh_from_db()
    return attachment


def picture(attachment, number: int = 1, *, large: bool = False) -> Image.Image:
    name = page_picture_name(attachment.preview.name, number, large=large)
    with attachment.preview.storage.open(name, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_saving_only_queues_the_conversion(page, django_capture_on_commit_callbacks):
    document = make_document("bingo.pdf", pdf_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        attachment = LibraryAttachment.objects.create(page=page, document=document)
    attachment.refresh_from_db()
    assert attachment.preview_status == Status.WAITING
    assert not attachment.preview
    queued = DBTaskResult.objects.get(queue_name="previews")
    assert queued.args_kwargs == {"args": [attachment.pk], "kwargs": {}}
    assert queued.task_path == "library.tasks.make_file_preview"


def test_a_pdf_gets_pictures_of_its_first_six_pages(page):
    attachment = converted(page, document=make_document("bingo.pdf", weasyprint_pdf_bytes()))
    assert attachment.preview_status == Status.READY
    assert attachment.preview_pages == 1
    assert attachment.preview.name.startswith("previews/doc-")
    small = picture(attachment)
    assert small.width == PREVIEW_WIDTH
    assert small.height == pytest.approx(PREVIEW_WIDTH * 297 / 210, abs=2)  # A4
    # The red band at the top of the worksheet is in the picture: it really rendered.
    red, green, blue = small.convert("RGB").getpixel((PREVIEW_WIDTH // 2, 60))
    assert (red > 150, green < 80, blue < 80) == (True, True, True)
    assert picture(attachment, large=True).height == 1400
    assert "Weather bingo" in attachment.text

    long = converted(page, document=make_document("long.pdf", pdf_bytes(pages=9)))
    assert long.preview_pages == 6
    assert len(page_pictures(long)) == 6


def test_word_powerpoint_and_excel_files_are_converted_by_libreoffice(page):
    word = converted(page, document=make_document("bingo-sheet.docx", docx_bytes()))
    assert (word.preview_status, word.preview_pages) == (Status.READY, 1)
    assert picture(word).width == PREVIEW_WIDTH  # portrait page
    assert "sunny rainy cloudy" in word.text

    slides = converted(page, document=make_document("greetings.pptx", pptx_bytes()))
    assert slides.preview_pages == 2
    landscape = picture(slides, 2)
    assert landscape.width > landscape.height
    assert "How are you?" in slides.text

    sheet = converted(page, document=make_document("words.xlsx", xlsx_bytes()))
    assert sheet.preview_status == Status.READY
    assert "apple" in sheet.text


def test_an_image_gets_a_smaller_copy(page):
    image = make_image("cards.png", image_bytes("PNG", size=(1280, 800), colour="#00aa00"))
    attachment = converted(page, image=image)
    assert attachment.preview.name.startswith("previews/img-")
    assert picture(attachment).size == (PREVIEW_WIDTH, 300)
    assert picture(attachment).convert("RGB").getpixel((10, 10)) == (0, 170, 0)
    small = converted(page, image=make_image("icon.gif", image_bytes("GIF", size=(120, 90))))
    assert picture(small).size == (120, 90)  # never blown up


def test_a_very_tall_pdf_page_is_narrowed_to_a_sensible_height(page):
    attachment = converted(
        page, document=make_document("scroll.pdf", pdf_bytes(width=200, height=2000))
    )
    assert picture(attachment).height <= 960


def test_files_that_cannot_be_converted_say_no_preview(page, client, caplog):
    broken_pdf = make_document("broken.pdf", b"%PDF-1.4\nthis is not really a PDF\n")
    not_really_word = make_document("game.pptx", ooxml_bytes("pptx"))
    with caplog.at_level(logging.WARNING, logger="kyozai.library.previews"):
        for document in (broken_pdf, not_really_word):
            attachment = converted(page, document=document)
            assert attachment.preview_status == Status.FAILED
            assert not attachment.preview
    assert "No preview for attachment" in caplog.text
    html = client.get(page.url).content.decode()
    assert html.count("No preview") == 2


def test_audio_has_no_pages(page):
    attachment = converted(page, document=make_document("song.mp3", b"ID3" + b"\x00" * 64))
    assert attachment.preview_status == Status.NONE
    assert make_preview(attachment) == "none"


def test_a_replaced_document_gets_new_pictures_and_the_old_ones_go(page):
    document = make_document("bingo.pdf", pdf_bytes(pages=2))
    attachment = converted(page, document=document)
    first = attachment.preview.name
    storage = attachment.preview.storage
    assert storage.exists(page_picture_name(first, 2, large=True))

    document.file = ContentFile(pdf_bytes(width=842, height=595), name="bingo.pdf")
    document._set_document_file_metadata()
    document.save()
    make_file_preview.call(attachment.pk)
    attachment.refresh_from_db()

    assert attachment.preview.name != first
    assert attachment.preview_pages == 1
    assert picture(attachment).height < PREVIEW_WIDTH  # landscape now
    assert not storage.exists(first)
    assert not storage.exists(page_picture_name(first, 2, large=True))


def test_an_unchanged_file_is_not_converted_twice(page):
    document = make_document("bingo.pdf", pdf_bytes())
    attachment = converted(page, document=document)
    assert make_preview(attachment) == "unchanged"
    # The same file on another page (or a restored revision) finds the pictures again.
    again = LibraryAttachment.objects.create(page=page, document=document)
    assert make_preview(again) == "reused"
    assert again.preview.name == attachment.preview.name


def test_make_previews_converts_what_is_missing_in_the_foreground(page, capsys):
    LibraryAttachment.objects.create(page=page, document=make_document("a.pdf", pdf_bytes()))
    LibraryAttachment.objects.create(page=page, image=make_image("c.png", image_bytes()))
    LibraryAttachment.objects.create(page=page, document=make_document("b.pdf", b"%PDF-1.4 x"))
    assert not LibraryAttachment.objects.exclude(preview="").exists()

    call_command("make_previews")
    captured = capsys.readouterr()
    assert "2 made" in captured.out
    assert "1 that cannot be converted" in captured.out
    assert "3/3" in captured.err  # the progress bar
    assert LibraryAttachment.objects.filter(preview_status=Status.READY).count() == 2

    call_command("make_previews")
    assert "2 already up to date" in capsys.readouterr().out
    call_command("make_previews", "--force")
    assert "2 made" in capsys.readouterr().out


def test_sharing_a_file_queues_its_preview(client, teacher, django_capture_on_commit_callbacks):
    from library.models import Grade, MaterialPage
    from tests.factories.accounts import PASSWORD

    from .sample_files import upload

    client.login(username=teacher.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/share/",
            {
                "title": "Colour hunt",
                "summary": "Find something red.",
                "steps": "Say a colour\nStudents touch it",
                "grades": [str(Grade.objects.get(code="ES3").pk)],
                "licence": "cc-by",
                "confirm_rights": "on",
                "files": [upload("hunt.pdf", weasyprint_pdf_bytes("Colour hunt"))],
            },
        )
    assert response.status_code == 302
    attachment = MaterialPage.objects.get(title="Colour hunt").attachments.get()
    assert DBTaskResult.objects.filter(queue_name="previews").exists()
    make_file_preview.call(attachment.pk)
    attachment.refresh_from_db()
    assert picture(attachment).width == PREVIEW_WIDTH
