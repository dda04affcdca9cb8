"""Building a search request once (search/request.py): strict for the API and the lesson
builder, lenient for the search page, which answers the rest and names what it left out.
The query is parsed once per request, whoever needs it."""

import pytest

from library.filters import check_filters
from library.models import LibraryPage
from library.models.taxonomy import load_vocabulary
from search import request as request_module
from search.errors import InvalidSearch
from search.request import build_request
from search.service import answer, search

pytestmark = pytest.mark.django_db

BAD = {
    "query": "bingo",
    "filters": {"grade": ["ES5", "XYZ"], "colour": ["red"], "max_minutes": ["lots"]},
    "sort": "random",
    "page": "abc",
    "page_size": "500",
}


def test_lenient_keeps_what_it_can_and_lists_what_it_dropped(library):
    request, dropped = build_request(**BAD, lenient=True)

    assert (request.query, request.filters, request.max_minutes) == (
        "bingo",
        {"grade": ("ES5",)},
        None,
    )
    assert (request.sort, request.page, request.page_size) == ("relevance", 1, 20)
    assert [(item.param, item.value) for item in dropped] == [
        ("colour", None),
        ("grade", "XYZ"),
        ("max_minutes", None),
        ("sort", None),
        ("page_size", None),
        ("page", None),
    ]
    assert dropped[1].message == "Unknown value “XYZ”."


def test_strict_refuses_the_first_unusable_parameter(library):
    with pytest.raises(InvalidSearch) as refused:
        build_request(**BAD)
    assert (refused.value.param, refused.value.message) == ("colour", "Unknown filter “colour”.")


def test_a_clean_request_drops_nothing_in_either_mode(library):
    for lenient in (False, True):
        request, dropped = build_request(
            "天気", {"grade": ["ES5"], "max_minutes": ["20"]}, "newest", "2", "10", lenient=lenient
        )
        assert dropped == []
        assert (request.filters, request.max_minutes, request.page, request.page_size) == (
            {"grade": ("ES5",)},
            20,
            2,
            10,
        )


def test_a_long_query_is_cut_leniently_and_refused_strictly(db):
    request, dropped = build_request("word " * 100, lenient=True)
    assert len(request.query) <= 200
    assert [item.param for item in dropped] == ["q"]
    with pytest.raises(InvalidSearch) as refused:
        build_request("word " * 100)
    assert refused.value.param == "q"


def test_paging_past_the_window_goes_back_to_the_first_page(db):
    request, dropped = build_request(page=600, page_size=20, lenient=True)
    assert request.page == 1
    assert [item.param for item in dropped] == ["page"]


def test_the_lenient_answer_is_the_answer_without_the_dropped_parts(library):
    request, _dropped = build_request(**BAD, lenient=True)
    assert [hit.title for hit in answer(request).hits] == [
        hit.title for hit in search("bingo", {"grade": ["ES5"]}).hits
    ]


def test_the_query_is_parsed_once_per_search(library, monkeypatch):
    calls = []
    real = request_module.parse_query

    def counting(query, expand=False):
        calls.append(query)
        return real(query, expand=expand)

    monkeypatch.setattr(request_module, "parse_query", counting)
    results = search("weather words")
    assert results.total == 1
    assert calls == ["weather words"]


def test_a_spelling_retry_parses_the_correction_once_more(library, monkeypatch):
    calls = []
    real = request_module.parse_query
    monkeypatch.setattr(
        request_module,
        "parse_query",
        lambda query, expand=False: calls.append(query) or real(query, expand=expand),
    )
    assert search("wether").suggestion == "weather"
    assert calls == ["wether", "weather"]


def test_the_search_page_names_everything_it_left_out(client, library):
    response = client.get(
        "/search/", {"q": "", "grade": ["ES5", "XYZ"], "sort": "random", "max_minutes": "lots"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Grade: Unknown value “XYZ”." in html
    assert "Sort by one of: relevance, newest, most_used." in html
    assert "Fits in (minutes): Must be a whole number, not “lots”." in html
    assert "Word chain" in html  # the ES5 results, answered without the rest


@pytest.mark.parametrize(
    "filters",
    [
        {"grade": ["JHS1"]},
        {"grade": ["ES5", "ES6"], "activity_type": ["game", "warm_up"]},
        {"type": ["club_activity", "speech_contest_guide"]},
        {"duration": ["0-10", "46+"]},
        {"max_minutes": ["20"]},
        {"skill": ["listening"], "duration": ["11-20"]},
    ],
)
def test_search_and_the_library_listings_read_a_filter_alike(library, filters):
    """One definition: the search backends and the pages' QuerySet agree on what a filter
    lets through."""
    found = {hit.title for hit in search("", filters, page_size=100).hits}
    checked = check_filters(filters, load_vocabulary())
    listed = LibraryPage.objects.live().public().filtered(checked.values)
    assert found == set(listed.values_list("title", flat=True))
    assert found
