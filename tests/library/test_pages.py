"""The material, speech-contest guide and club activity pages, as a teacher reads them."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image as PILImage
from pypdf import PdfWriter
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from library import links
from library.models import Grade, LibraryAttachment, TextbookSeries, TextbookUnit
from library.previews import pages_url, preview_url
from library.related import refresh_related
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)

pytestmark = pytest.mark.django_db

STEPS = ("steps", {"heading": "How to run it", "steps": ["Hand out the sheets.", "Call words."]})
TIPS = ("tips", {"jte_tip": "Explain the rules in Japanese.", "alt_tip": "Speak slowly."})


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes(colour: str = "#1f5f8b", size: tuple[int, int] = (120, 160)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def attach_pdf(page, title: str = "Bingo sheet", *, preview: bool = True) -> LibraryAttachment:
    document = Document(title=title, file=ContentFile(pdf_bytes(), name="bingo-sheet.pdf"))
    document.save()
    attachment = LibraryAttachment(page=page, document=document, sort_order=0)
    if preview:
        attachment.preview.save("bingo-preview.png", ContentFile(png_bytes("#a4161a")), save=False)
        attachment.preview_pages = 1
        attachment.preview_status = LibraryAttachment.PreviewStatus.READY
    attachment.save()
    return attachment


def attach_png(page, title: str = "Weather cards") -> LibraryAttachment:
    image = Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes()), name="weather-cards.png")
    )
    return LibraryAttachment.objects.create(page=page, image=image, sort_order=1)


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def bingo():
    return MaterialPageFactory(
        title="Weather Bingo",
        title_ja="天気ビンゴ",
        slug="weather-bingo",
        summary="A listening bingo with weather words.",
        summary_ja="天気の単語を使ったリスニングビンゴ。",
        grades=["ES5", "ES6"],
        skills=["listening", "spoken_interaction"],
        activity_types=["game", "warm_up"],
        tags=["weather", "bingo"],
        duration_minutes=15,
        body=[STEPS, TIPS],
        licence="cc-by-nc-sa",
        author_credit="Sam Carter (ALT, Gunma)",
    )


def test_material_page_shows_everything_at_a_glance(client, bingo):
    # The catalogue ships this unit; the test gives it its own titles.
    unit, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name="NEW HORIZON Elementary"),
        grade=Grade.objects.get(code="ES5"),
        label="Unit 4",
        defaults={"title": "What's the weather?", "title_ja": "天気"},
    )
    bingo.textbook_units.add(unit)
    bingo.save_revision().publish()

    response = client.get("/library/weather-bingo/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Weather Bingo</h1>" in html
    assert '<p class="lp__subtitle" lang="ja">天気ビンゴ</p>' in html
    # Grades, skills and activity types in English and Japanese.
    assert (
        '<span lang="en">Elementary 5</span> '
        '<span class="other-language"><span lang="ja">小5</span>' in html
    )
    assert (
        '<span lang="en">Listening</span> '
        '<span class="other-language"><span lang="ja">聞くこと</span>' in html
    )
    assert (
        '<span lang="en">Game</span> <span class="other-language"><span lang="ja">ゲーム</span>'
        in html
    )
    assert "15 minutes" in html
    # The unit as teachers name it, linked to its unit page, with its Japanese title.
    assert (
        '<a href="/units/new-horizon-elementary/ES5/4/">'
        "NEW HORIZON Elementary 5 · Unit 4: What&#x27;s the weather?</a>"
    ) in html
    assert '<span lang="ja" class="other-language">天気</span>' in html
    assert ">weather</a>" in html
    assert ">bingo</a>" in html
    # The body blocks.
    assert "Hand out the sheets." in html
    assert "Explain the rules in Japanese." in html


def test_both_summaries_are_shown_the_japanese_one_marked(client, bingo):
    html = client.get(bingo.url).content.decode()
    assert '<p class="lp__summary" lang="en">A listening bingo with weather words.</p>' in html
    assert (
        '<p class="lp__summary lp__summary--second" lang="ja">'
        "天気の単語を使ったリスニングビンゴ。</p>" in html
    )


def test_japanese_readers_get_the_japanese_summary_first(client, bingo):
    html = client.get(bingo.url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<h1>天気ビンゴ</h1>" in html
    japanese = html.index('lang="ja">天気の単語を使ったリスニングビンゴ。')
    english = html.index('lang="en">A listening bingo with weather words.')
    assert japanese < english


def test_files_have_previews_sizes_and_download_links(client, bingo):
    pdf = attach_pdf(bingo)
    png = attach_png(bingo)

    html = client.get(bingo.url).content.decode()

    files = html.split('id="files-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<img class="file__preview" src="{escape(preview_url(pdf))}"' in files
    assert f'href="{pages_url(pdf)}"' in files
    assert "Bingo sheet" in files
    assert "PDF · " in files
    assert f'href="{pdf.document.url}" download' in files
    # The image is offered as the original upload; without a preview it gets an icon.
    assert "Weather cards" in files
    assert f'href="{png.image.file.url}" download' in files
    assert png.image.file.url.endswith(".png")
    assert '<span class="file__icon file__icon--image" aria-hidden="true">PNG</span>' in files
    assert files.index("Bingo sheet") < files.index("Weather cards")


def test_the_document_download_link_serves_the_pdf(client, bingo, settings, tmp_path):
    # Wagtail's serve view sends files from disk: use a real folder, not the test's memory.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    pdf = attach_pdf(bingo)
    response = client.get(pdf.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_page_without_files_says_so(client, bingo):
    assert "No files to download" in client.get(bingo.url).content.decode()


def test_licence_links_to_its_deed_and_credits_the_author(client, bingo):
    html = client.get(bingo.url).content.decode()
    assert (
        '<a rel="license" href="https://creativecommons.org/licenses/by-nc-sa/4.0/">'
        "CC BY-NC-SA 4.0</a>" in html
    )
    assert "Made by Sam Carter (ALT, Gunma)" in html


def test_breadcrumbs_lead_home_through_the_section(client, bingo):
    html = client.get(bingo.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert crumbs
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', crumbs.group(1))
    assert links == [
        ("/", "Home"),
        ("/library/", "Library"),
        ("/library/weather-bingo/", "Weather Bingo"),
    ]
    assert 'aria-current="page">Weather Bingo' in crumbs.group(1)


def test_share_link_is_the_full_address_visible_without_javascript(client, bingo):
    html = client.get(bingo.url).content.decode()
    assert re.search(
        r'<input id="share-url" type="url" '
        r'value="http://testserver/library/weather-bingo/" readonly',
        html,
    )
    assert '<label for="share-url">' in html
    # Copy/Share buttons exist for library.js to reveal; hidden until it runs.
    assert re.search(r"<button[^>]*data-copy hidden", html)
    assert "js/library.js" in html


def test_print_add_to_lesson_and_pdf_link(client, bingo):
    html = client.get(bingo.url).content.decode()
    assert re.search(r"<button[^>]*data-print hidden>Print</button>", html)
    assert f'href="{reverse("lessons:add_material", args=[bingo.id])}"' in html
    assert f'href="{reverse("library_printing:material_pdf", args=[bingo.id])}"' in html


def test_tags_and_the_home_page_box_search_the_library(client, bingo):
    html = client.get(bingo.url).content.decode()
    assert '<li><a href="/search/?q=weather">weather</a></li>' in html
    home = client.get("/").content.decode()
    assert '<form class="hero__search" role="search" action="/search/" method="get">' in home


def test_links_to_the_apps_above_the_library_are_passed_down(client, bingo, monkeypatch, settings):
    """The library names no lessons or search URL: without their registered links a page
    still renders, with no button to nowhere and its tags as plain words."""
    settings.KYOZAI_PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(links, "_builders", {})

    html = client.get(bingo.url).content.decode()

    assert "Add to a lesson plan" not in html
    assert "/search/" not in main_of(html)
    assert "<li>weather</li>" in html
    assert "hero__search" not in client.get("/").content.decode()


def test_drafts_and_private_pages_are_not_shown_to_anonymous_visitors(client):
    draft = MaterialPageFactory(title="Draft", slug="a-draft", live=False)
    assert client.get("/library/a-draft/").status_code == 404
    assert client.get(f"/library/{draft.slug}/").status_code == 404

    private = MaterialPageFactory(title="Private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/library/private/")
    assert response.status_code == 302
    assert "Private" not in response.content.decode()


def test_page_html_is_the_same_for_every_visitor(client, bingo, teacher):
    """So it can be cached whole: per-user buttons load from /shelf/ with htmx."""
    anonymous = main_of(client.get(bingo.url).content.decode())
    client.force_login(teacher)
    signed_in = main_of(client.get(bingo.url).content.decode())

    assert anonymous == signed_in
    assert "csrfmiddlewaretoken" not in signed_in
    shelf_url = reverse("shelf:buttons", args=[bingo.id])
    assert f'hx-get="{shelf_url}" hx-trigger="load"' in signed_in
    # Without JavaScript the same address opens as a page of its own.
    assert f'<a href="{shelf_url}">' in signed_in


def test_user_text_is_escaped(client):
    page = MaterialPageFactory(
        title="<script>alert(1)</script>",
        summary="<img src=x onerror=alert(1)>",
        author_credit="<b>me</b>",
        tags=["<i>tag</i>"],
    )
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "<b>me</b>" not in html
    assert "<i>tag</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_speech_guide_shows_category_time_limit_and_rubric(client):
    guide = SpeechContestGuidePageFactory(
        title="Recitation coaching",
        time_limit_seconds=185,
        rubric=[
            ("Pronunciation", "発音", 25),
            ("Intonation and rhythm", "イントネーション・リズム", 20),
            ("Fluency and volume", "流暢さ・声量", 20),
            ("Delivery", "態度", 20),
            ("Memorisation", "暗記", 15),
        ],
    )

    html = client.get(guide.url).content.decode()

    assert "Recitation (暗唱)" in html
    assert '<span class="fact__big">3:05</span>' in html
    table = html.split('<table class="rubric__table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td lang="ja">([^<]*)</td>'
        r'<td class="num">(\d+)</td></tr>',
        table,
    )
    assert rows == [
        ("Pronunciation", "発音", "25"),
        ("Intonation and rhythm", "イントネーション・リズム", "20"),
        ("Fluency and volume", "流暢さ・声量", "20"),
        ("Delivery", "態度", "20"),
        ("Memorisation", "暗記", "15"),
    ]
    assert re.search(r'Total</th><td class="num">100</td>', table)
    judging_dialog = reverse("library_printing:judging_sheet_dialog", args=[guide.id])
    assert f'href="{judging_dialog}"' in html


def test_club_activity_shows_group_size_and_season(client):
    club = ClubActivityPageFactory(title="Costume parade", group_size=4, season="halloween")
    html = client.get(club.url).content.decode()
    assert "4 students per group" in html
    assert "Halloween" in html

    whole_club = ClubActivityPageFactory(group_size=None, season="culture_festival")
    html = client.get(whole_club.url).content.decode()
    assert "The whole club" in html
    assert "Culture festival (文化祭)" in html


def test_one_heading_level_one_and_page_specific_title(client, bingo):
    html = client.get(bingo.url).content.decode()
    assert html.count("<h1") == 1
    assert "<title>Weather Bingo · Kyozai</title>" in html


def test_material_page_queries_are_bounded(client, bingo, django_assert_max_num_queries):
    attach_pdf(bingo)
    attach_png(bingo)
    for _ in range(8):
        MaterialPageFactory(grades=["ES5"], activity_types=["game"], tags=["weather"])
    refresh_related(bingo.pk)  # what the publish's background job stores
    # Related materials are read, not ranked: six fewer queries than when they were.
    with django_assert_max_num_queries(26):
        response = client.get(bingo.url)
    assert len(response.context["related_pages"]) == 6
