"""An ALT shares a Word worksheet and PowerPoint slides; after the previews worker has
converted them (real LibreOffice), a teacher finds the material by a word that is only in
the worksheet, sees the pages as a strip and opens the larger view — with and without
JavaScript, accessibly. A draft's pictures stay hidden."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from library.models import LibraryAttachment
from library.previews import preview_url
from library.tasks import make_file_preview
from tests.e2e.accessibility import assert_accessible, audit_context
from tests.factories.library import MaterialPageFactory
from tests.library.sample_files import docx_bytes, pptx_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def attach(page, name: str, content: bytes) -> LibraryAttachment:
    document = get_document_model().objects.create(title=name, file=ContentFile(content, name=name))
    attachment = LibraryAttachment.objects.create(page=page, document=document)
    make_file_preview.call(attachment.pk)  # the worker's run (and the re-index it causes)
    attachment.refresh_from_db()
    return attachment


@pytest.fixture
def shared(settings):
    settings.STORAGES = {**settings.STORAGES}
    material = MaterialPageFactory(
        title="Weather bingo",
        slug="weather-bingo",
        summary="Listen and mark the weather you hear.",
        grades=["JHS2"],
    )
    attach(material, "bingo-sheet.docx", docx_bytes("Weather bingo", "Thunderstorm umbrella"))
    attach(material, "weather-slides.pptx", pptx_bytes(("Sunny", "Rainy", "Cloudy")))
    draft = MaterialPageFactory(title="Unreviewed", slug="unreviewed", live=False)
    return material, attach(draft, "draft-sheet.docx", docx_bytes("Draft", "Secret"))


def test_find_by_a_word_inside_a_file_and_look_at_its_pages(live_server, browser, shared):
    _material, draft_file = shared
    context = audit_context(browser)  # axe-core is injected: the page's CSP is bypassed
    page = context.new_page()
    page.goto(live_server.url + "/search/?q=thunderstorm")
    hit = page.locator(".hit").first
    expect(hit).to_contain_text("Weather bingo")
    expect(hit).to_contain_text("found in bingo-sheet.docx")
    hit.get_by_role("link", name="Weather bingo").click()

    worksheet = page.get_by_role("list", name="Pages of bingo-sheet.docx")
    slides = page.get_by_role("list", name="Pages of weather-slides.pptx")
    expect(worksheet.get_by_role("img")).to_have_count(1)
    expect(slides.get_by_role("img")).to_have_count(3)
    for picture in slides.get_by_role("img").all():
        picture.scroll_into_view_if_needed()
        expect(picture).to_have_js_property("complete", True)
        assert picture.evaluate("img => img.naturalWidth") == 480
    assert_accessible(page, "a material page with previews")

    slides.get_by_role("link", name="Page 2 of weather-slides.pptx (opens a larger view)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pages of weather-slides.pptx")
    second = page.get_by_role("img", name="Page 2 of weather-slides.pptx")
    second.scroll_into_view_if_needed()
    expect(second).to_have_js_property("complete", True)
    assert second.evaluate("img => img.naturalWidth") == 1400
    assert_accessible(page, "the larger view")

    # A draft's pictures are not there for this visitor, whatever address they try.
    response = page.request.get(live_server.url + preview_url(draft_file))
    assert response.status == 404
    context.close()


def test_the_strip_works_without_javascript(live_server, browser, shared):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/library/weather-bingo/")
    page.get_by_role("link", name="Page 1 of bingo-sheet.docx (opens a larger view)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pages of bingo-sheet.docx")
    context.close()
