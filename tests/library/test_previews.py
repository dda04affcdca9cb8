"""Preview pictures of library files: real PDFs rendered by PDFium, real PNGs by Pillow,
made after the save commits, never breaking it, and redone when the file changes."""

import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from library.models import LibraryAttachment
from library.previews import PREVIEW_WIDTH, make_preview
from tests.factories.library import MaterialPageFactory

from .sample_files import image_bytes, ooxml_bytes, pdf_bytes, weasyprint_pdf_bytes

Document = get_document_model()
WagtailImage = get_image_model()


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


def attach(page, capture, **item) -> LibraryAttachment:
    with capture(execute=True):
        attachment = LibraryAttachment.objects.create(page=page, **item)
    attachment.refresh_from_db()
    return attachment


def picture_of(attachment) -> Image.Image:
    with attachment.preview.open("rb") as handle:
        picture = Image.open(io.BytesIO(handle.read()))
        picture.load()
    return picture


def test_a_pdf_gets_a_picture_of_its_first_page(page, django_capture_on_commit_callbacks):
    document = make_document("bingo.pdf", weasyprint_pdf_bytes())
    attachment = attach(page, django_capture_on_commit_callbacks, document=document)

    assert attachment.preview.name.startswith("previews/doc-")
    picture = picture_of(attachment)
    assert picture.format == "PNG"
    assert picture.width == PREVIEW_WIDTH
    assert picture.height == pytest.approx(PREVIEW_WIDTH * 297 / 210, abs=2)  # A4
    # The red band at the top of the worksheet is in the picture: it really rendered.
    red, green, blue = picture.convert("RGB").getpixel((PREVIEW_WIDTH // 2, 60))
    assert red > 150
    assert green < 80
    assert blue < 80


def test_an_image_gets_a_smaller_copy(page, django_capture_on_commit_callbacks):
    image = make_image("cards.png", image_bytes("PNG", size=(1280, 800), colour="#00aa00"))
    attachment = attach(page, django_capture_on_commit_callbacks, image=image)
    picture = picture_of(attachment)
    assert attachment.preview.name.startswith("previews/img-")
    assert picture.size == (PREVIEW_WIDTH, 300)
    assert picture.convert("RGB").getpixel((10, 10)) == (0, 170, 0)


def test_a_small_image_is_not_blown_up(page, django_capture_on_commit_callbacks):
    image = make_image("icon.gif", image_bytes("GIF", size=(120, 90)))
    assert picture_of(attach(page, django_capture_on_commit_callbacks, image=image)).size == (
        120,
        90,
    )


def test_a_very_tall_pdf_page_is_cut_to_a_sensible_height(page, django_capture_on_commit_callbacks):
    document = make_document("scroll.pdf", pdf_bytes(width=200, height=2000))
    picture = picture_of(attach(page, django_capture_on_commit_callbacks, document=document))
    assert picture.height <= 960


def test_a_broken_pdf_saves_without_a_preview_and_logs_why(
    page, django_capture_on_commit_callbacks, caplog
):
    document = make_document("broken.pdf", b"%PDF-1.4\nthis is not really a PDF\n")
    with caplog.at_level(logging.WARNING, logger="kyozai.library.previews"):
        attachment = attach(page, django_capture_on_commit_callbacks, document=document)
    assert LibraryAttachment.objects.filter(pk=attachment.pk).exists()
    assert not attachment.preview
    assert "No preview for attachment" in caplog.text


def test_office_files_and_audio_get_no_preview(page, django_capture_on_commit_callbacks):
    document = make_document("game.pptx", ooxml_bytes("pptx"))
    attachment = attach(page, django_capture_on_commit_callbacks, document=document)
    assert not attachment.preview
    assert make_preview(attachment) == "none"


def test_nothing_is_rendered_before_the_save_commits(page, django_capture_on_commit_callbacks):
    document = make_document("bingo.pdf", pdf_bytes())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attachment = LibraryAttachment.objects.create(page=page, document=document)
        attachment.refresh_from_db()
        assert not attachment.preview
    assert len(callbacks) == 1


def test_a_replaced_document_gets_a_new_preview(page, django_capture_on_commit_callbacks):
    document = make_document("bingo.pdf", pdf_bytes(width=595, height=842))
    attachment = attach(page, django_capture_on_commit_callbacks, document=document)
    first = attachment.preview.name
    storage = attachment.preview.storage

    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(pdf_bytes(width=842, height=595), name="bingo.pdf")
        document._set_document_file_metadata()
        document.save()
    attachment.refresh_from_db()

    assert attachment.preview.name != first
    assert picture_of(attachment).height < PREVIEW_WIDTH  # landscape now
    assert not storage.exists(first)  # the stale picture is cleaned up


def test_an_unchanged_file_is_not_rendered_twice(page, django_capture_on_commit_callbacks):
    document = make_document("bingo.pdf", pdf_bytes())
    attachment = attach(page, django_capture_on_commit_callbacks, document=document)
    assert make_preview(attachment) == "unchanged"
    # A revision restored with an empty preview value finds the existing picture again.
    LibraryAttachment.objects.filter(pk=attachment.pk).update(preview="")
    attachment.refresh_from_db()
    assert make_preview(attachment) == "reused"
    attachment.refresh_from_db()
    assert attachment.preview


def test_publishing_a_revision_keeps_the_preview(page, django_capture_on_commit_callbacks):
    document = make_document("bingo.pdf", pdf_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        page.attachments.add(LibraryAttachment(document=document))
        page.save_revision().publish()
    revision = page.save_revision()  # serialised while the preview exists
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert LibraryAttachment.objects.get(page=page).preview


def test_make_previews_builds_what_is_missing(page, capsys):
    pdf = LibraryAttachment.objects.create(
        page=page, document=make_document("bingo.pdf", pdf_bytes())
    )
    png = LibraryAttachment.objects.create(page=page, image=make_image("c.png", image_bytes()))
    LibraryAttachment.objects.create(page=page, document=make_document("b.pdf", b"%PDF-1.4 x"))
    # No commit callbacks ran (the test transaction never commits): nothing yet.
    assert not LibraryAttachment.objects.exclude(preview="").exists()

    call_command("make_previews")
    output = capsys.readouterr().out
    assert "2 made" in output
    assert "1 unreadable" in output
    pdf.refresh_from_db()
    png.refresh_from_db()
    assert pdf.preview
    assert png.preview

    call_command("make_previews")
    assert "2 already up to date" in capsys.readouterr().out
    call_command("make_previews", "--force")
    assert "2 made" in capsys.readouterr().out


def test_sharing_a_pdf_gives_it_a_preview(
    client, teacher, django_capture_on_commit_callbacks, settings
):
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
    assert picture_of(attachment).width == PREVIEW_WIDTH
