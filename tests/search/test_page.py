"""The search page and the header box: results with marks, facets that work with and
without htmx, sorting, paging, the empty state, both languages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGE = reverse("search:page")


def main_html(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"') :]


def in_japanese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"


def test_results_show_highlighted_titles_and_snippets(client, library):
    html = main_html(client.get(PAGE, {"q": "bingo"}))
    assert "Fruit <mark>bingo</mark>" in html
    assert (
        "<mark>ＢＩＮＧＯ</mark>大会のすすめ" in html
    )  # the Japanese title, as the editor wrote it
    assert html.count('class="hit"') == 2
    assert "2 results for “bingo”" in html


def test_page_text_is_escaped_and_only_marks_are_markup(client, publish):
    publish(title='<script>alert("x")</script> bingo', summary="<img src=x> bingo night")
    html = main_html(client.get(PAGE, {"q": "bingo"}))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>bingo</mark>" in html
    assert "&lt;img src=x&gt; <mark>bingo</mark> night" in html


def test_the_query_is_escaped_where_it_is_echoed(client, library):
    html = client.get(PAGE, {"q": '"><script>x</script>'}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_facets_are_checkboxes_with_counts_in_one_get_form(client, library):
    html = main_html(client.get(PAGE, {"q": "", "grade": "JHS1"}))
    form = html[html.index('<form id="search-form"') : html.index("</form>")]
    assert 'method="get"' in form
    assert re.search(
        r'<input type="checkbox" id="facet-grade-jhs1" name="grade" value="JHS1" checked>\s*'
        r'<label for="facet-grade-jhs1">Junior high 1 <span class="facet__count">\(4\)</span>',
        form,
    )
    # Works without JavaScript: an always-visible submit button applies the filters.
    assert (
        '<button type="submit" class="button--secondary search-apply">Apply filters</button>'
        in form
    )
    # With htmx: changes fetch the results region and push the URL.
    assert 'hx-get="/search/"' in form
    assert 'hx-push-url="true"' in form
    assert 'hx-target="#search-results"' in form


def test_an_htmx_request_gets_only_the_results_region_and_the_status(client, library):
    response = client.get(PAGE, {"q": "bingo", "grade": "ES3"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "<header" not in html
    assert '<div id="search-results"' in html
    assert '<p id="search-status" hx-swap-oob="innerHTML">1 result for “bingo”' in html
    assert "<title>bingo · Search · Kyozai</title>" in html
    assert response["Vary"]
    assert "HX-Request" in response["Vary"]


def test_the_status_line_is_a_live_region_outside_the_swapped_part(client, library):
    html = main_html(client.get(PAGE, {"q": "bingo"}))
    status = html.index('<p id="search-status"')
    assert 'role="status" aria-live="polite"' in html[status : status + 120]
    assert status < html.index('<div id="search-results"')


def test_sorting_is_a_select_that_keeps_its_choice(client, library):
    html = main_html(client.get(PAGE, {"q": "bingo", "sort": "newest"}))
    assert '<option value="newest" selected>Newest</option>' in html
    assert html.index("Class party ideas") < html.index("Fruit <mark>bingo</mark>")


def test_pagination_links_keep_the_search(client, publish):
    for n in range(23):
        publish(title=f"Colour game {n}", grades=["ES4"])
    html = main_html(client.get(PAGE, {"q": "colour", "grade": "ES4"}))
    assert "Page 1 of 2" in html
    assert 'href="?q=colour&amp;grade=ES4&amp;page=2" rel="next"' in html
    second = main_html(client.get(PAGE, {"q": "colour", "grade": "ES4", "page": "2"}))
    assert second.count('class="hit"') == 3
    assert '<ol class="hits" start="21">' in second


def test_selected_filters_can_be_removed_one_by_one(client, library):
    html = main_html(client.get(PAGE, {"q": "", "grade": ["ES5", "ES6"]}))
    assert 'href="?grade=ES6" class="search-chip">Grade: Elementary 5' in html
    assert 'href="?grade=ES5" class="search-chip">Grade: Elementary 6' in html


def test_empty_state_offers_removing_a_filter(client, library):
    html = main_html(client.get(PAGE, {"q": "天気", "grade": "JHS3"}))
    assert "Nothing found for “天気”" in html
    assert "Try removing a filter:" in html
    assert '<a href="?q=%E5%A4%A9%E6%B0%97">Remove “Grade: Junior high 3”</a>' in html


def test_a_misspelling_shows_the_corrected_results_and_says_so(client, library):
    html = main_html(client.get(PAGE, {"q": "wether"}))
    assert "No results for “wether”. Showing results for <strong>weather</strong>." in html
    assert "<mark>Weather</mark> words" in html


def test_a_bad_filter_value_is_explained_and_left_out(client, library):
    response = client.get(PAGE, {"q": "", "grade": ["ES5", "XYZ"]})
    assert response.status_code == 400
    html = main_html(response)
    assert "Grade: Unknown value “XYZ”." in html
    assert "here are the results without it" in html
    assert "Word chain" in html
    assert "Weather words" in html
    assert "Fruit bingo" not in html


def test_a_huge_query_is_shortened_with_a_note(client, db):
    response = client.get(PAGE, {"q": "x" * 5000})
    assert response.status_code == 200
    assert len(response.context["search_query"]) == 200
    assert "Your search was shortened to its first 200 characters." in response.content.decode()


def test_japanese_readers_see_japanese_titles_and_labels(client, library):
    in_japanese(client)
    html = main_html(client.get(PAGE, {"q": "天気"}))
    assert '<a href="/library/' in html
    assert re.search(
        r'<h3 class="hit__title"><a href="[^"]+"><mark>天気</mark>の表現を学ぼう</a></h3>', html
    )
    # 天気 is widened to "weather" (search/text/bilingual.py): the English title shows it.
    assert '<p class="hit__other-title" lang="en"><mark>Weather</mark> words</p>' in html
    assert "小5" in html


def test_english_readers_see_the_japanese_title_underneath(client, library):
    html = main_html(client.get(PAGE, {"q": "天気"}))
    assert '<p class="hit__other-title" lang="ja"><mark>天気</mark>の表現を学ぼう</p>' in html


def test_the_page_has_one_h1_and_labelled_controls(client, library):
    html = main_html(client.get(PAGE, {"q": "bingo"}))
    assert html.count("<h1") == 1
    for control in ("search-q", "search-sort", "search-max-minutes"):
        assert f'<label for="{control}"' in html
    assert '<fieldset class="facet">' in html
    assert "<legend>Grade</legend>" in html


def test_the_header_box_asks_for_suggestions_and_works_without_javascript(client, db):
    html = client.get("/").content.decode()
    box = html[html.index('<form class="site-search"') :]
    box = box[: box.index("</form>")]
    assert 'action="/search/" method="get"' in box
    assert 'name="q"' in box
    assert '<button type="submit">' in box
    assert 'hx-get="/search/suggest/"' in box
    assert 'aria-controls="site-search-suggestions"' in box
    assert (
        '<div id="site-search-suggestions" class="site-search__suggestions" aria-live="polite">'
        in box
    )


def test_header_suggestions_are_links_to_the_pages(client, library):
    html = client.get(reverse("search:suggest"), {"q": "天気"}).content.decode()
    assert f'<a href="{library.weather.url}">Weather words' in html
    assert '<span class="site-search__other" lang="ja">天気の表現を学ぼう</span>' in html
    assert "1 suggestion" in html
    assert client.get(reverse("search:suggest"), {"q": ""}).content.decode().strip() == ""


def test_the_page_answers_only_get(client, db):
    assert client.post(PAGE, {"q": "x"}).status_code == 405
