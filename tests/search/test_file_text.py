"""The words inside a page's files are searchable (less than the page's own words), found
by the background conversion, and a result found only inside a file says which file. A
draft's file text never reaches the index."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model

from library.models import LibraryAttachment
from library.tasks import make_file_preview
from search import service
from search.documents import MAX_FILE_TEXT_PER_PAGE, load_records
from search.models import SearchText
from tests.factories.library import MaterialPageFactory
from tests.library.sample_files import weasyprint_pdf_bytes

pytestmark = pytest.mark.django_db
PAGE = reverse("search:page")


@pytest.fixture(autouse=True)
def fresh_storage(settings):
    settings.STORAGES = {**settings.STORAGES}


def attach_and_convert(page, name: str, text: str, capture) -> LibraryAttachment:
    document = get_document_model().objects.create(
        title=name, file=ContentFile(weasyprint_pdf_bytes(text), name=name)
    )
    attachment = LibraryAttachment.objects.create(page=page, document=document)
    with capture(execute=True):  # the worker's run, and the re-index it causes
        make_file_preview.call(attachment.pk)
    return attachment


def page_ids(query: str) -> list[int]:
    return [hit.page_id for hit in service.search(query).hits]


def test_a_word_only_inside_a_file_finds_the_page_and_names_the_file(
    client, publish, django_capture_on_commit_callbacks
):
    page = publish(title="Weather bingo", summary="Listen and mark the weather.")
    attach_and_convert(
        page, "bingo-sheet.pdf", "Thunderstorm umbrella", django_capture_on_commit_callbacks
    )

    assert page_ids("thunderstorm") == [page.pk]
    # The page's stored text stays its own: the file's words are only searchable.
    assert "Thunderstorm" not in SearchText.objects.get(page_id=page.pk).body_text
    html = client.get(PAGE, {"q": "thunderstorm"}).content.decode()
    assert "found in bingo-sheet.pdf" in html
    # A word in the page itself gets no such note.
    assert "found in" not in client.get(PAGE, {"q": "weather"}).content.decode()
    # The API says the same: the word was found in a file, and which.
    (result,) = client.get("/api/v1/search/", {"q": "thunderstorm weather"}).json()["results"]
    assert result["match"]["terms"] == [
        {"term": "thunderstorm", "fields": ["file"], "translation": False},
        {"term": "weather", "fields": ["title", "summary"], "translation": False},
    ]
    assert result["match"]["fields"] == ["title", "summary", "file"]
    assert result["match"]["files"] == ["bingo-sheet.pdf"]


def test_the_pages_own_words_rank_above_the_same_words_in_a_file(
    publish, django_capture_on_commit_callbacks
):
    in_file = publish(title="Colour game", summary="Touch the colours.")
    attach_and_convert(
        in_file, "sheet.pdf", "Hedgehog hedgehog hedgehog", django_capture_on_commit_callbacks
    )
    in_body = publish(title="Animal game", summary="Say the animal: hedgehog.")
    assert page_ids("hedgehog") == [in_body.pk, in_file.pk]


def test_a_drafts_file_text_is_never_indexed(publish, django_capture_on_commit_callbacks):
    draft = MaterialPageFactory(title="Secret draft", live=False)
    attach_and_convert(draft, "secret.pdf", "Xylophone", django_capture_on_commit_callbacks)
    assert LibraryAttachment.objects.get(page=draft).text  # extracted, but…
    assert page_ids("xylophone") == []
    assert not SearchText.objects.filter(page_id=draft.pk).exists()


def test_file_text_is_bounded_per_page(publish):
    page = publish(title="Huge")
    document = get_document_model().objects.create(
        title="big.pdf", file=ContentFile(b"%PDF", name="big.pdf")
    )
    for _ in range(3):
        LibraryAttachment.objects.create(page=page, document=document, text="word " * 50_000)
    (record,) = load_records([page.pk])
    assert len(record.file_text) == MAX_FILE_TEXT_PER_PAGE


def test_a_files_words_have_their_own_field_below_the_body(
    publish, django_capture_on_commit_callbacks
):
    page = publish(title="Colour game", summary="Touch the colours.")
    attach_and_convert(page, "sheet.pdf", "Porcupine", django_capture_on_commit_callbacks)
    text = SearchText.objects.get(page_id=page.pk)
    assert "porcupin" in text.file_terms
    assert "porcupin" not in text.body_terms


def test_rebuild_reads_the_files_the_worker_has_not_converted_yet(publish, capsys):
    """`search_index rebuild` converts waiting files itself, with the worker's code, so
    their words are searchable at once; a draft's files are left to the worker."""
    page = publish(title="Weather bingo")
    draft = MaterialPageFactory(title="Secret draft", live=False)
    waiting = []
    for owner, name, word in ((page, "bingo-sheet.pdf", "Thunderclap"), (draft, "s.pdf", "Zebu")):
        document = get_document_model().objects.create(
            title=name, file=ContentFile(weasyprint_pdf_bytes(word), name=name)
        )
        # Saved as an upload is: its conversion waits in the previews queue.
        waiting.append(LibraryAttachment.objects.create(page=owner, document=document))
    assert all(a.preview_status == LibraryAttachment.PreviewStatus.WAITING for a in waiting)

    call_command("search_index", "rebuild", "--no-progress")

    public, secret = (LibraryAttachment.objects.get(pk=a.pk) for a in waiting)
    assert "Thunderclap" in public.text
    assert public.preview_status == LibraryAttachment.PreviewStatus.READY
    assert secret.text == ""
    assert secret.preview_status == LibraryAttachment.PreviewStatus.WAITING
    assert "Files read: 1 converted" in capsys.readouterr().out
    assert page_ids("thunderclap") == [page.pk]
    assert page_ids("zebu") == []
