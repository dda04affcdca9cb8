"""A draft's files — their page pictures and the words inside them — never appear anywhere
public: search (page and API), related lists, the unit page, listing cards, the published
pages beside it. Converted as the previews worker converts them, published pages through
the real after-commit jobs (index, related materials)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from library.models import Grade, LibraryAttachment, LibraryPage, TextbookSeries, TextbookUnit
from library.previews import preview_url
from library.related import refresh_related
from library.tasks import make_file_preview
from library.units.addresses import unit_url
from tests.factories.library import MaterialPageFactory
from tests.library.sample_files import weasyprint_pdf_bytes

pytestmark = pytest.mark.django_db

SECRET_WORD = "Xylophone"


@pytest.fixture(autouse=True)
def fresh_storage(settings):
    settings.STORAGES = {**settings.STORAGES}


@pytest.fixture
def unit():
    return TextbookUnit.objects.get_or_create(
        series=TextbookSeries.objects.get(name="NEW HORIZON"),
        grade=Grade.objects.get(code="JHS2"),
        label="Unit 5",
    )[0]


@pytest.fixture
def pages(unit, django_capture_on_commit_callbacks):
    """A published material and a draft for the same unit and grade, sharing their words;
    the draft's worksheet converted (pictures and text)."""
    with django_capture_on_commit_callbacks(execute=True):
        public = MaterialPageFactory(
            title="Music bingo", summary="Instruments game.", grades=["JHS2"], tags=["music"]
        )
        public.textbook_units.add(unit)
        public.save_revision().publish()
        draft = MaterialPageFactory(
            title="Unreviewed instruments",
            summary="Instruments game.",
            grades=["JHS2"],
            tags=["music"],
            live=False,
        )
        draft.textbook_units.add(unit)
        draft.save_revision()
        document = get_document_model().objects.create(
            title="secret.pdf",
            file=ContentFile(weasyprint_pdf_bytes(SECRET_WORD), name="secret.pdf"),
        )
        attachment = LibraryAttachment.objects.create(page=draft, document=document)
        make_file_preview.call(attachment.pk)
    attachment.refresh_from_db()
    assert SECRET_WORD in attachment.text  # extracted, with pictures …
    assert attachment.preview_status == LibraryAttachment.PreviewStatus.READY
    return public, draft, attachment


def assert_no_trace(html: str, draft, attachment, *, asked: bool = False) -> None:
    """Nothing of the draft or its file in `html` (its words only where the page repeats
    what was asked for)."""
    assert draft.title not in html
    assert "secret.pdf" not in html
    if not asked:
        assert SECRET_WORD not in html
    assert preview_url(attachment) not in html
    assert attachment.preview.name.rsplit("/", 1)[-1] not in html


def test_search_page_and_api_never_show_a_drafts_file(client, pages):
    _public, draft, attachment = pages
    html = client.get("/search/", {"q": SECRET_WORD}).content.decode()
    assert_no_trace(html, draft, attachment, asked=True)
    assert '<li class="hit' not in html
    answer = client.get("/api/v1/search/", {"q": SECRET_WORD}).json()
    assert answer["total"] == 0
    listing = client.get("/api/v1/search/", {"q": "instruments"}).content.decode()
    assert_no_trace(listing, draft, attachment)


def test_related_lists_unit_page_cards_and_pages_never_show_a_draft(client, pages, unit):
    public, draft, attachment = pages
    refresh_related(public.pk)
    assert draft.pk not in [card.pk for card in LibraryPage.objects.related_cards(public)]
    for address in (public.url, unit_url(unit), "/library/", "/library/?grade=JHS2"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert_no_trace(response.content.decode(), draft, attachment)
