"""Page pictures and the larger view are served only while the page may be seen: a draft's
or a private page's pictures are a 404 for everyone who may not see the page."""

import io

import pytest
from django.core.files.base import ContentFile
from django.utils.html import escape
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from library.models import LibraryAttachment
from library.previews import first_preview_url, pages_url, preview_url
from library.previews.store import _store_pictures
from tests.factories.library import MaterialPageFactory

Status = LibraryAttachment.PreviewStatus


@pytest.fixture(autouse=True)
def fresh_storage(settings):
    settings.STORAGES = {**settings.STORAGES}


def png(colour: str, size=(700, 990)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def previewed(page, pages: int = 2, name: str = "bingo-sheet.docx") -> LibraryAttachment:
    """An attachment whose pictures are stored, as the worker leaves it."""
    document = get_document_model().objects.create(
        title=name, file=ContentFile(b"not converted here", name=name)
    )
    attachment = LibraryAttachment.objects.create(page=page, document=document)
    first = f"previews/doc-{document.pk}-0123456789abcdef.png"
    _store_pictures(first, [png("#a4161a") for _ in range(pages)])
    LibraryAttachment.objects.filter(pk=attachment.pk).update(
        preview=first, preview_pages=pages, preview_status=Status.READY
    )
    attachment.refresh_from_db()
    return attachment


@pytest.fixture
def public(db):
    return MaterialPageFactory(title="Weather bingo")


@pytest.fixture
def draft(teacher):
    return MaterialPageFactory(title="My draft", live=False, owner=teacher)


def test_a_public_pages_pictures_are_served_to_anyone_and_may_be_cached(client, public):
    attachment = previewed(public)
    response = client.get(preview_url(attachment, 2))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    picture = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert picture.width == 480
    large = client.get(preview_url(attachment, 1, large=True))
    assert Image.open(io.BytesIO(b"".join(large.streaming_content))).width == 700
    assert client.get(preview_url(attachment, 1).replace("/1.png", "/3.png")).status_code == 404


def test_the_material_page_shows_a_strip_that_opens_the_larger_view(client, public):
    attachment = previewed(public, pages=6)
    html = client.get(public.url).content.decode()
    strip = html.split('class="file__pages"', 1)[1].split("</ul>", 1)[0]
    assert strip.count("<img") == 6
    assert f'href="{pages_url(attachment, 3)}"' in strip
    assert 'alt="Page 3 of bingo-sheet.docx (opens a larger view)"' in strip

    larger = client.get(pages_url(attachment).split("#")[0])
    assert larger.status_code == 200
    text = larger.content.decode()
    assert "<h1>Pages of bingo-sheet.docx</h1>" in text
    assert f'src="{escape(preview_url(attachment, 6, large=True))}"' in text
    assert "The first 6 pages" in text
    japanese = client.get(pages_url(attachment).split("#")[0], HTTP_ACCEPT_LANGUAGE="ja")
    assert japanese.status_code == 200


def test_cards_show_the_first_page(client, public):
    attachment = previewed(public)
    assert first_preview_url(public) == preview_url(attachment)
    html = client.get(public.get_parent().url).content.decode()
    assert f'src="{escape(preview_url(attachment))}"' in html


def test_a_drafts_pictures_are_never_served_publicly(client, draft, teacher, other_teacher):
    attachment = previewed(draft)
    addresses = [
        preview_url(attachment),
        preview_url(attachment, 2, large=True),
        pages_url(attachment).split("#")[0],
    ]
    for address in addresses:
        assert client.get(address).status_code == 404
    client.force_login(other_teacher)
    for address in addresses:
        assert client.get(address).status_code == 404
    # Its owner sees them (My submissions), never cached by anyone else.
    client.force_login(teacher)
    response = client.get(addresses[0])
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    # Nor do they appear in the library's lists.
    client.logout()
    assert "/previews/" not in client.get(draft.get_parent().url).content.decode()


def test_a_private_pages_pictures_follow_its_privacy(client, public, teacher):
    attachment = previewed(public)
    PageViewRestriction.objects.create(page=public, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(preview_url(attachment)).status_code == 404
    client.force_login(teacher)
    response = client.get(preview_url(attachment))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_an_editor_previewing_a_draft_sees_its_pictures(client, draft, editor):
    attachment = previewed(draft)
    client.force_login(editor)
    assert client.get(preview_url(attachment)).status_code == 200


def test_no_pictures_no_addresses(client, public):
    document = get_document_model().objects.create(title="x", file=ContentFile(b"x", name="x.docx"))
    attachment = LibraryAttachment.objects.create(page=public, document=document)
    assert preview_url(attachment) == ""
    assert pages_url(attachment) == ""
    assert client.get(f"/previews/{attachment.pk}/").status_code == 404
    assert client.get(f"/previews/{attachment.pk}/1.png").status_code == 404
    assert client.post(f"/previews/{attachment.pk}/1.png").status_code in (403, 405)
