"""Printouts of library pages (/print/library/…): real PDFs through real views.

Material, speech-guide and club pages print with their facts, body, files and QR codes; the
speech-contest guide makes landscape judging sheets and feedback sheets from its rubric.
Drafts and unknown pages are 404, bad options 400, and repeated downloads come from the
render cache until the page is published again.
"""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from library.models import LibraryAttachment
from library.printing.access import printable_page
from printing.cache import PdfKey
from printing.inspect import embedded_fonts, extract_text, image_count, page_sizes, page_texts
from tests.factories.accounts import PASSWORD
from tests.factories.library import (
    ClubActivityPageFactory,
    MaterialPageFactory,
    SpeechContestGuidePageFactory,
)
from tests.library.sample_files import image_bytes
from tests.printing.worker import (
    open_dialog,
    print_through_jobs,
    replace_stored_pdf,
    stored_pdf,
)

A4 = (595.3, 841.9)
A4_LANDSCAPE = (841.9, 595.3)
B4 = (728.5, 1031.8)
LETTER = (612.0, 792.0)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sizes(pdf: bytes) -> set[tuple[float, float]]:
    return {(round(w, 1), round(h, 1)) for w, h in page_sizes(pdf)}


def _print(client, url):
    """Ask as a browser would: a PDF or preview is fetched once its background job has run;
    a dialog is asked again once its preview is printed."""
    if "/judging-sheet/print/" in url:
        return open_dialog(client, url)
    return print_through_jobs(client, url)


def _pdf(response) -> bytes:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def picture(db):
    return Image.objects.create(
        title="Weather cards", file=ImageFile(io.BytesIO(image_bytes()), name="weather-cards.png")
    )


@pytest.fixture
def worksheet(db):
    return Document.objects.create(
        title="Bingo sheet", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bingo-sheet.pdf")
    )


@pytest.fixture
def material(db, picture, worksheet):
    page = MaterialPageFactory(
        title="Weather bingo",
        slug="weather-bingo",
        title_ja="天気ビンゴ",
        summary="A bingo game for weather words.",
        summary_ja="天気の言い方を練習するビンゴ。",
        grades=["ES5"],
        skills=["listening"],
        activity_types=["game"],
        duration_minutes=10,
        author_credit="Sam (ALT)",
        body=[
            ("materials_needed", {"items": ["Bingo sheets ビンゴシート", "Picture cards"]}),
            (
                "steps",
                {
                    "heading": "How to run it",
                    "steps": ["ALT models the words.", "JTE calls the cities."],
                },
            ),
            ("tips", {"jte_tip": "「天気はどうですか」を先に確認。", "alt_tip": "Use gestures."}),
            ("image", {"image": picture, "caption": "The picture cards", "alt_text": "Cards"}),
            ("variations", {"variations": ["Use city names."]}),
            ("rich_text", "<p>Works as a <b>warm-up</b>.</p>"),
        ],
    )
    LibraryAttachment.objects.create(page=page, document=worksheet, title="Bingo sheet")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def guide(db):
    return SpeechContestGuidePageFactory(
        title="Recitation contest",
        slug="recitation-contest",
        title_ja="暗唱大会",
        time_limit_seconds=180,
        rubric=[("Pronunciation", "発音", 30), ("Fluency", "流暢さ", 30), ("Delivery", "態度", 40)],
    )


def _material_url(page, **query):
    url = reverse("library_printing:material_pdf", kwargs={"page_id": page.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# --- Library page PDFs ---------------------------------------------------------------------


@pytest.mark.django_db
def test_material_prints_its_facts_body_files_and_credit(client, material):
    response = _print(client, _material_url(material))
    pdf = _pdf(response)
    assert 'filename="weather-bingo.pdf"' in response["Content-Disposition"]
    assert _sizes(pdf) == {A4}
    text = _flat(extract_text(pdf))
    for expected in [
        "Weatherbingo",
        "天気ビンゴ",
        "Abingogameforweatherwords.",
        "天気の言い方を練習するビンゴ。",
        "Elementary5",
        "Listening(聞くこと)",
        "Game(ゲーム)",
        "10minutes",
        "Materialsneeded",
        "Bingosheetsビンゴシート",
        "ALTmodelsthewords.",
        "「天気はどうですか」を先に確認。",
        "Usegestures.",
        "Usecitynames.",
        "Worksasawarm-up.",
        "Thepicturecards",
        "Filestodownload",
        "Bingosheet",
        "/documents/",
        "CCBY4.0",
        "MadebySam(ALT)",
        "http://testserver/library/weather-bingo/",
    ]:
        assert expected in text, expected
    # The page's own picture is embedded; fonts are subsets with Japanese in IPAex.
    assert image_count(pdf) == 1
    fonts = embedded_fonts(pdf)
    assert all(font.is_subset for font in fonts)
    assert any("IPAexGothic" in font.name for font in fonts)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("paper", "size"), [("A4", A4), ("B4", B4), ("LETTER", LETTER), ("letter", LETTER)]
)
def test_material_prints_on_each_paper(client, material, paper, size):
    assert _sizes(_pdf(_print(client, _material_url(material, paper=paper)))) == {size}


@pytest.mark.django_db
def test_japanese_printout_leads_with_the_japanese_title(client, material):
    response = _print(client, _material_url(material, language="ja"))
    text = _flat(page_texts(_pdf(response))[0])
    assert text.index("天気ビンゴ") < text.index("Weatherbingo")
    assert "小5" in text
    assert 'filename="weather-bingo-ja.pdf"' in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [SpeechContestGuidePageFactory, ClubActivityPageFactory])
def test_guides_and_club_activities_print_too(client, factory):
    page = factory(title="Halloween masks", title_ja="ハロウィンのお面", summary="Make masks.")
    text = _flat(extract_text(_pdf(_print(client, _material_url(page)))))
    assert "Halloweenmasks" in text
    assert "ハロウィンのお面" in text


@pytest.mark.django_db
def test_guide_printout_includes_its_rubric(client, guide):
    text = _flat(extract_text(_pdf(_print(client, _material_url(guide)))))
    assert "Rubric" in text
    assert "Pronunciation発音30" in text
    assert "Total100" in text


@pytest.mark.django_db
def test_download_parameter_makes_an_attachment(client, material):
    response = _print(client, _material_url(material, download=1))
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [({"paper": "A3"}, "Unknown paper size"), ({"language": "fr"}, "Unknown print language")],
)
def test_bad_options_are_a_400_with_a_message(client, material, query, message):
    response = _print(client, _material_url(material, **query))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Weather bingo" in response.content.decode()  # the way back to the page


@pytest.mark.django_db
def test_typed_markup_prints_as_text(client):
    hostile = '<img src="file:///etc/passwd"> <link rel=stylesheet href="http://127.0.0.1:9/x.css">'
    page = MaterialPageFactory(
        title="Sneaky <b>title</b>",
        summary=hostile,
        body=[("steps", {"heading": "Steps", "steps": [hostile]})],
    )
    pdf = _pdf(_print(client, _material_url(page)))
    text = _flat(extract_text(pdf))
    assert _flat(hostile) in text
    assert text.count(_flat(hostile)) == 2
    assert "Sneaky<b>title</b>" in text
    assert image_count(pdf) == 0


@pytest.mark.django_db
def test_drafts_and_unknown_pages_are_404(client, teacher):
    draft = MaterialPageFactory(live=False)
    client.login(username=teacher.username, password=PASSWORD)
    assert _print(client, _material_url(draft)).status_code == 404
    home = Page.objects.get(depth=2)
    assert _print(client, _material_url(home)).status_code == 404
    assert (
        client.get(reverse("library_printing:material_pdf", kwargs={"page_id": 999999})).status_code
        == 404
    )
    client.logout()
    assert _print(client, _material_url(draft)).status_code == 404


@pytest.mark.django_db
def test_an_editor_can_proof_a_draft(client, editor):
    draft = MaterialPageFactory(title="Draft bingo", live=False)
    client.login(username=editor.username, password=PASSWORD)
    response = _print(client, _material_url(draft))
    assert "Draftbingo" in _flat(extract_text(_pdf(response)))
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_repeated_download_comes_from_the_cache_until_the_page_is_published(client, material):
    first = _pdf(_print(client, _material_url(material)))
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    printable = printable_page(request, material.pk)
    key = PdfKey("material", material.pk, printable.version, "page", "A4", "en")
    assert stored_pdf(key) == first
    # Put a marker in the stored file: a second download returning it was not re-rendered.
    replace_stored_pdf(key, b"%PDF-cached-copy")
    assert _pdf(_print(client, _material_url(material))) == b"%PDF-cached-copy"
    # Other paper, other entry.
    assert _pdf(_print(client, _material_url(material, paper="B4"))) != b"%PDF-cached-copy"
    # Publishing a change gives a new version, so the next download renders afresh.
    material.title = "Weather bingo, second edition"
    material.save_revision().publish()
    fresh = _pdf(_print(client, _material_url(material)))
    assert fresh != b"%PDF-cached-copy"
    assert "Weatherbingo,secondedition" in _flat(extract_text(fresh))


# --- Speech-contest sheets -----------------------------------------------------------------


def _row_numbers(text: str) -> list[int]:
    """Contestant numbers: each row reads "7 /30 /30 /40 /100" in the extracted text."""
    return [int(number) for number in re.findall(r"(?m)^\s*(\d+)\s+/\d+", text)]


def _sheet_url(name, page, **query):
    url = reverse(f"library_printing:{name}", kwargs={"page_id": page.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.django_db
def test_judging_sheet_is_a4_landscape_with_a_column_per_criterion(client, guide):
    response = _print(client, _sheet_url("judging_sheet", guide))
    pdf = _pdf(response)
    assert _sizes(pdf) == {A4_LANDSCAPE}
    assert len(page_sizes(pdf)) == 1
    assert 'filename="recitation-contest-judging-sheet-10.pdf"' in response["Content-Disposition"]
    text = _flat(extract_text(pdf))
    for expected in [
        "Recitationcontest",
        "暗唱大会",
        "Pronunciation",
        "発音",
        "/30",
        "Fluency",
        "流暢さ",
        "Delivery",
        "態度",
        "/40",
        "Total",
        "/100",
        "Judge",
        "Signature",
        "Recitation(暗唱)",
        "3:00",
    ]:
        assert expected in text, expected
    assert _row_numbers(extract_text(pdf)) == list(range(1, 11))


@pytest.mark.django_db
@pytest.mark.parametrize(("rows", "pages_at_least"), [(1, 1), (25, 2), (60, 4)])
def test_judging_sheet_has_the_rows_asked_for_with_headers_on_every_page(
    client, guide, rows, pages_at_least
):
    pdf = _pdf(_print(client, _sheet_url("judging_sheet", guide, rows=rows)))
    pages = page_texts(pdf)
    assert len(pages) >= pages_at_least
    assert _sizes(pdf) == {A4_LANDSCAPE}
    for text in pages:
        assert "Pronunciation" in text
        assert "/100" in text
        assert "Judge" in text
    assert _row_numbers("\n".join(pages)) == list(range(1, rows + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("rows", ["0", "61", "-3", "ten", "1e3"])
def test_bad_row_counts_are_a_form_error(client, guide, rows):
    response = _print(client, _sheet_url("judging_sheet", guide, rows=rows))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'name="rows"' in html
    assert f'value="{rows}"' in html
    assert "errorlist" in html


@pytest.mark.django_db
def test_judging_sheet_on_b4_and_letter_stays_landscape(client, guide):
    pdf = _pdf(_print(client, _sheet_url("judging_sheet", guide, paper="B4")))
    assert _sizes(pdf) == {(B4[1], B4[0])}
    pdf = _pdf(_print(client, _sheet_url("judging_sheet", guide, paper="LETTER")))
    assert _sizes(pdf) == {(LETTER[1], LETTER[0])}


@pytest.mark.django_db
def test_feedback_sheet_is_one_portrait_page_with_a_box_per_criterion(client, guide):
    response = _print(client, _sheet_url("feedback_sheet", guide, language="ja"))
    pdf = _pdf(response)
    assert _sizes(pdf) == {A4}
    assert len(page_sizes(pdf)) == 1
    text = _flat(extract_text(pdf))
    assert text.index("暗唱大会") < text.index("Recitationcontest")
    # A Japanese sheet names each criterion in Japanese first.
    for expected in ["発音Pronunciation", "/30", "流暢さFluency", "態度Delivery", "/40", "/100"]:
        assert expected in text, expected
    # The judging sheet form's `sheet=feedback` gives the same sheet.
    same = _pdf(_print(client, _sheet_url("judging_sheet", guide, sheet="feedback", language="ja")))
    assert len(page_sizes(same)) == 1
    assert _sizes(same) == {A4}


@pytest.mark.django_db
def test_sheets_are_only_for_live_speech_guides(client, material):
    assert _print(client, _sheet_url("judging_sheet", material)).status_code == 404
    assert _print(client, _sheet_url("feedback_sheet", material)).status_code == 404
    assert _print(client, _sheet_url("judging_sheet_dialog", material)).status_code == 404
    draft = SpeechContestGuidePageFactory(live=False)
    for name in [
        "judging_sheet",
        "feedback_sheet",
        "judging_sheet_dialog",
        "judging_sheet_preview",
    ]:
        assert _print(client, _sheet_url(name, draft)).status_code == 404


@pytest.mark.django_db
def test_print_dialog_offers_the_options_and_a_preview(client, guide):
    response = _print(client, _sheet_url("judging_sheet_dialog", guide))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for expected in [
        'name="rows"',
        'value="10"',
        'name="paper"',
        'name="sheet"',
        'name="language"',
        reverse("library_printing:judging_sheet_preview", kwargs={"page_id": guide.pk}),
        reverse("library_printing:judging_sheet", kwargs={"page_id": guide.pk}),
    ]:
        assert expected in html, expected
    bad = _print(client, _sheet_url("judging_sheet_dialog", guide, rows=99, paper="B4"))
    assert bad.status_code == 400
    assert 'value="99"' in bad.content.decode()
    assert "preview.png" not in bad.content.decode()
    # Options left out keep their defaults on screen: the judging sheet stays chosen.
    assert re.search(r'value="judging"[^>]*checked', bad.content.decode())
    assert re.search(r'<option value="B4" selected>', bad.content.decode())


@pytest.mark.django_db
def test_preview_is_a_png_of_page_one(client, guide):
    from PIL import Image as PILImage

    response = _print(client, _sheet_url("judging_sheet_preview", guide, rows=5))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = PILImage.open(io.BytesIO(response.content))
    assert image.width > image.height  # landscape
    assert _print(client, _sheet_url("judging_sheet_preview", guide, rows=0)).status_code == 400


@pytest.mark.django_db
def test_print_urls_are_get_only(client, guide, material):
    assert client.post(_material_url(material)).status_code == 405
    assert client.post(_sheet_url("judging_sheet", guide)).status_code == 405
