"""GET /api/v1/search/ and /api/v1/search/suggest/: the exact shape, 400 naming the
parameter for anything bad, never a 500, and both in the OpenAPI schema."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"
RESULT_KEYS = {
    "slug",
    "type",
    "title",
    "title_ja",
    "summary",
    "url",
    "grades",
    "skills",
    "activity_types",
    "duration_minutes",
    "highlight",
    "score",
    "match",
}


def test_the_response_has_exactly_the_agreed_shape(client, library):
    response = client.get(URL, {"q": "天気", "grade": ["ES5", "ES6"]})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "query",
        "total",
        "page",
        "page_size",
        "backend",
        "partial",
        "terms",
        "missing_terms",
        "expanded",
        "results",
        "facets",
    }
    assert (data["partial"], data["terms"], data["missing_terms"]) == (False, ["天気"], [])
    assert data["query"] == "天気"
    assert (data["total"], data["page"], data["page_size"]) == (1, 1, 20)
    assert data["backend"] == "database"
    [result] = data["results"]
    assert set(result) == RESULT_KEYS
    assert set(result["highlight"]) == {"title", "text"}
    assert result["title"] == "Weather words"
    assert result["url"] == library.weather.url
    assert result["grades"] == ["ES5", "ES6"]
    assert isinstance(result["score"], float)
    # The bilingual expansion (on by default) adds "weather", which the title has too.
    assert "weather" in data["expanded"]
    assert result["match"] == {
        "fields": ["title", "translation"],
        "terms": [
            {"term": "天気", "fields": ["title"], "translation": False},
            {"term": "weather", "fields": ["title"], "translation": True},
        ],
        "missing_terms": [],
        "files": [],
    }
    assert set(data["facets"]) == {
        "type",
        "grade",
        "skill",
        "activity_type",
        "textbook",
        "duration",
    }
    grade = {value["value"]: value for value in data["facets"]["grade"]}
    assert grade["ES5"] == {"value": "ES5", "label": "Elementary 5", "count": 1, "selected": True}


def test_list_parameters_repeat_and_the_unit_facet_appears_with_a_series(client, library):
    data = client.get(URL, {"textbook": str(library.unit.series_id)}).json()
    assert [r["title"] for r in data["results"]] == ["Loanword practice"]
    assert data["facets"]["unit"][0]["value"] == str(library.unit.pk)


def test_highlights_escape_page_text(client, publish):
    publish(title="<img src=x onerror=alert(1)> bingo", summary="<b>bold</b> bingo")
    result = client.get(URL, {"q": "bingo"}).json()["results"][0]
    assert result["highlight"]["title"] == ("&lt;img src=x onerror=alert(1)&gt; <mark>bingo</mark>")
    assert result["highlight"]["text"] == "&lt;b&gt;bold&lt;/b&gt; <mark>bingo</mark>"
    assert result["title"] == "<img src=x onerror=alert(1)> bingo"  # data, for the client to escape


def test_a_spelling_retry_answers_the_corrected_query(client, library):
    data = client.get(URL, {"q": "wether"}).json()
    assert data["query"] == "weather"
    assert data["results"][0]["title"] == "Weather words"


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "lots"}, "page_size"),
        ({"grade": "XYZ"}, "grade"),
        ({"grade": ["ES5", "XYZ"]}, "grade"),
        ({"skill": "flying"}, "skill"),
        ({"activity_type": "nap"}, "activity_type"),
        ({"type": "blog"}, "type"),
        ({"textbook": "NEW HORIZON"}, "textbook"),
        ({"unit": "99999"}, "unit"),
        ({"duration": "forever"}, "duration"),
        ({"max_minutes": "abc"}, "max_minutes"),
        ({"max_minutes": "0"}, "max_minutes"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 2000}, "q"),
        ({"q": "天" * 201}, "q"),
    ],
)
def test_bad_parameters_get_400_naming_the_parameter(client, db, params, param):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    # The API's one error shape (config/api_errors.py): the parameter is the error's field.
    assert body["errors"][0]["field"] == param
    assert body["detail"]


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%00%01",
        "q=%ff%fe",
        "page=%F0%9F%92%A9",
        "page=99999999999999999999999",
        "page_size=1e3",
        "grade=",
        "grade=&grade=ES5",
        'q="unclosed',
        "q=AND OR NOT NEAR(",
        "q=*",
        "q='; DROP TABLE kyozai_search_searchtext; --",
        "q=%E2%80%AE%E2%80%AE",
        "sort=",
        "max_minutes=-5",
    ],
)
def test_odd_input_is_never_a_server_error(client, library, query_string):
    response = client.get(f"{URL}?{query_string}")
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")


def test_suggest_gives_titles_for_english_and_japanese_prefixes(client, library):
    english = client.get(f"{URL}suggest/", {"q": "wea"}).json()
    assert english["query"] == "wea"
    assert english["suggestions"][0] == {
        "title": "Weather words",
        "title_ja": "天気の表現を学ぼう",
        "url": library.weather.url,
        "type": "material",
    }
    japanese = client.get(f"{URL}suggest/", {"q": "天気"}).json()
    assert [s["title"] for s in japanese["suggestions"]] == ["Weather words"]
    half_width = client.get(f"{URL}suggest/", {"q": "ｶﾀｶﾅ"}).json()
    assert [s["title"] for s in half_width["suggestions"]] == ["Loanword practice"]


def test_suggest_puts_title_starts_first_and_never_shows_drafts(client, library, publish):
    publish(title="A bingo for fruit lovers")
    titles = [
        s["title"] for s in client.get(f"{URL}suggest/", {"q": "fruit"}).json()["suggestions"]
    ]
    assert titles == ["Fruit bingo", "A bingo for fruit lovers"]
    draft = client.get(f"{URL}suggest/", {"q": "secret"}).json()
    assert draft["suggestions"] == []


def test_suggest_refuses_bad_limits_and_long_text(client, db):
    refused = client.get(f"{URL}suggest/", {"q": "a", "limit": "x"}).json()
    assert refused["errors"][0]["field"] == "limit"
    assert client.get(f"{URL}suggest/", {"q": "a" * 300}).status_code == 400


def test_both_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    search = schema["paths"]["/api/v1/search/"]["get"]
    names = [parameter["name"] for parameter in search["parameters"]]
    assert names == [
        "q",
        "type",
        "grade",
        "skill",
        "activity_type",
        "textbook",
        "unit",
        "duration",
        "max_minutes",
        "sort",
        "page",
        "page_size",
        "expand",
    ]
    page = next(p for p in search["parameters"] if p["name"] == "page")
    assert page["schema"]["type"] == "integer"
    assert set(search["responses"]) == {"200", "400"}
    assert "/api/v1/search/suggest/" in schema["paths"]
