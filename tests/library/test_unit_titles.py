"""Each unit shows its title wherever it appears in the library (#13.1): result cards of the
listings and of search, the series → grade → unit filter options of both, the unit page,
the material page and the sharing form, in English and Japanese, and always escaped. (Plans
are in tests/lessons/test_unit_titles.py, PDFs in tests/printing/test_unit_titles.py.)

The title is made of markup on purpose: a title that rendered as markup anywhere would
show up here as an unescaped tag."""

import pytest
from django.urls import reverse

from library.models import Grade, MaterialIndexPage, TextbookSeries, TextbookUnit
from library.units.addresses import unit_url
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db

TITLE = "Rock & Roll <b>Hall</b>"
TITLE_HTML = "Rock &amp; Roll &lt;b&gt;Hall&lt;/b&gt;"
TITLE_JA = "「夢」<i>未来</i>"
TITLE_JA_HTML = "「夢」&lt;i&gt;未来&lt;/i&gt;"


def titled_unit(title: str = TITLE, title_ja: str = TITLE_JA) -> TextbookUnit:
    unit, _created = TextbookUnit.objects.update_or_create(
        series=TextbookSeries.objects.get(name="NEW HORIZON"),
        grade=Grade.objects.get(code="JHS2"),
        label="Unit 5",
        defaults={"title": title, "title_ja": title_ja},
    )
    return unit


@pytest.fixture
def unit() -> TextbookUnit:
    return titled_unit()


@pytest.fixture
def material(unit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows
        page = MaterialPageFactory(title="Hall of fame quiz", grades=["JHS2"])
        page.textbook_units.add(unit)
        page.save_revision().publish()
    return page


def english(client, url: str, query=None) -> str:
    response = client.get(url, query or {})
    assert response.status_code == 200
    return response.content.decode()


def japanese(client, url: str, query=None) -> str:
    response = client.get(url, query or {}, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    return response.content.decode()


def assert_escaped(html: str, escaped: str) -> None:
    assert escaped in html
    assert "<b>Hall</b>" not in html
    assert "<i>未来</i>" not in html


def test_listing_cards_show_the_title(client, material):
    url = MaterialIndexPage.objects.get().url
    assert_escaped(english(client, url), f"NEW HORIZON 2 · Unit 5: {TITLE_HTML}")
    assert_escaped(japanese(client, url), f"NEW HORIZON 2 · Unit 5: {TITLE_JA_HTML}")


def test_search_cards_show_the_title(client, material):
    query = {"q": "quiz"}
    assert_escaped(english(client, "/search/", query), f"Unit 5: {TITLE_HTML}")
    assert_escaped(japanese(client, "/search/", query), f"Unit 5: {TITLE_JA_HTML}")


def test_the_unit_filter_options_show_the_title(client, unit, material):
    query = {"textbook": unit.series_id, "grade": "JHS2"}
    listing = MaterialIndexPage.objects.get().url
    assert_escaped(english(client, listing, query), f"Unit 5: {TITLE_HTML} (1)</option>")
    assert f"Unit 5: {TITLE_JA_HTML} (1)</option>" in japanese(client, listing, query)
    count = '<span class="facet__count">(1)</span>'
    assert_escaped(english(client, "/search/", query), f"Unit 5: {TITLE_HTML} {count}")
    assert f"Unit 5: {TITLE_JA_HTML} {count}" in japanese(client, "/search/", query)


def test_the_unit_page_shows_the_title_in_its_heading_and_its_title(client, unit):
    html = english(client, unit_url(unit))
    assert_escaped(html, f'Unit 5: <span lang="en">{TITLE_HTML}</span></h1>')
    assert f"<title>NEW HORIZON 2 · Unit 5: {TITLE_HTML} · Kyozai</title>" in html
    assert f'lang="ja">{TITLE_JA_HTML}</p>' in html  # the other language's title too
    html = japanese(client, unit_url(unit))
    assert_escaped(html, f'Unit 5: <span lang="ja">{TITLE_JA_HTML}</span></h1>')


def test_the_material_page_shows_the_title_in_its_facts(client, material):
    html = english(client, material.url)
    assert_escaped(html, f'NEW HORIZON 2 · Unit 5: {TITLE_HTML}</a> <span lang="ja"')
    assert_escaped(japanese(client, material.url), f"NEW HORIZON 2 · Unit 5: {TITLE_JA_HTML}</a>")


def test_a_unit_with_only_a_japanese_title_shows_it_to_english_readers(client):
    unit = titled_unit(title="", title_ja=TITLE_JA)
    page = MaterialPageFactory(title="Dream map", grades=["JHS2"])
    page.textbook_units.add(unit)
    page.save_revision().publish()
    assert unit.display_name("en") == f"NEW HORIZON 2 · Unit 5: {TITLE_JA}"
    assert_escaped(english(client, page.url), f"Unit 5: {TITLE_JA_HTML}")
    listing = MaterialIndexPage.objects.get().url
    html = english(client, listing, {"textbook": unit.series_id, "grade": "JHS2"})
    assert f"Unit 5: {TITLE_JA_HTML} (1)" in html
    assert_escaped(english(client, unit_url(unit)), f'<span lang="en">{TITLE_JA_HTML}</span>')


def test_the_sharing_form_offers_units_with_their_titles(client, teacher, unit):
    client.force_login(teacher)
    html = english(client, reverse("sharing:new"))
    assert_escaped(html, f"NEW HORIZON · Junior high 2 · Unit 5: {TITLE_HTML}</option>")
    client.get(reverse("switch_language", args=["ja"]))
    html = english(client, reverse("sharing:new"))
    assert_escaped(html, f"NEW HORIZON · 中2 · Unit 5: {TITLE_JA_HTML}</option>")
