"""Search endpoints of the JSON API (/api/v1/search/), used by the lesson builder and by
other clients. Public: the library is readable without an account.

Every parameter is received as text and checked by the search service, so a bad value
(page=abc, page_size=500, grade=XYZ, a 2,000-character q) is a 400 naming the parameter,
the same message the search page shows — never ninja's generic 422, never a 500. The
service's InvalidSearch is answered in the API's one error shape (config/api_errors.py:
`errors[0].field` names the parameter). The OpenAPI schema still documents numbers as
integers.
"""

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import WithJsonSchema

from common.api_errors import refusals

from .request import MAX_PAGE_SIZE, whole_number
from .results import Results, Why
from .service import SUGGESTION_LIMIT, search, suggest

router = Router(tags=["search"])


class Highlight(Schema):
    title: str
    text: str


class TermMatchOut(Schema):
    term: str
    fields: list[str] = Field(
        description="title, summary, keywords, body, file, reading (best first)."
    )
    translation: bool = Field(description="A bilingual expansion term, not one typed.")


class MatchOut(Schema):
    fields: list[str] = Field(
        description="Where anything matched: title, summary, keywords, body, file, reading, "
        "translation."
    )
    terms: list[TermMatchOut]
    missing_terms: list[str] = Field(description="The words this result does not have.")
    files: list[str] = Field(description="The files whose words matched.")


class SearchResult(Schema):
    slug: str
    type: str
    title: str
    title_ja: str
    summary: str
    url: str
    grades: list[str]
    skills: list[str]
    activity_types: list[str]
    duration_minutes: int | None
    highlight: Highlight
    score: float
    match: MatchOut


class FacetCount(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchResponse(Schema):
    query: str
    total: int
    page: int
    page_size: int
    backend: str
    partial: bool = Field(
        description="No page has every word: the results have most of them, best first."
    )
    terms: list[str] = Field(description="The words searched for, as the search read them.")
    missing_terms: list[str] = Field(description="Words no page has at all (when partial).")
    expanded: list[str] = Field(
        description="Other-language terms the query was widened with (病院 → hospital); "
        "[] with expand=0."
    )
    results: list[SearchResult]
    facets: dict[str, list[FacetCount]]


class TitleSuggestion(Schema):
    title: str
    title_ja: str
    url: str
    type: str


class SuggestResponse(Schema):
    query: str
    suggestions: list[TitleSuggestion]


# Numbers are received as text so that the service's checks (and its 400 naming the
# parameter) apply; the schema documents what clients should send.
WholeNumber = Annotated[str | None, WithJsonSchema({"type": "integer"})]
PageNumber = Annotated[str | None, WithJsonSchema({"type": "integer", "minimum": 1})]
PageSize = Annotated[
    str | None, WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE})
]
Values = list[str] | None


class SearchParameters(Schema):
    q: str = Field("", description="Words in English or Japanese (at most 200 characters).")
    type: Values = Field(None, description="material, speech_contest_guide or club_activity.")
    grade: Values = Field(None, description="Grade codes: ES3…ES6, JHS1…JHS3, SHS1…SHS3.")
    skill: Values = Field(None, description="Skill-area codes, e.g. listening, writing.")
    activity_type: Values = Field(None, description="Activity-type codes, e.g. game.")
    textbook: Values = Field(None, description="Textbook series ids (see the textbook facet).")
    unit: Values = Field(None, description="Textbook unit ids (see the unit facet).")
    duration: Values = Field(None, description="Duration buckets: 0-10, 11-20, 21-45, 46+.")
    max_minutes: WholeNumber = Field(None, description="Only pages taking at most this long.")
    sort: str = Field("relevance", description="relevance, newest or most_used.")
    page: PageNumber = Field(None, description="Page number, from 1.")
    page_size: PageSize = Field(None, description=f"Results per page, 1 to {MAX_PAGE_SIZE}.")
    expand: str | None = Field(
        None,
        description="1 (default): also find pages in the other language through the "
        "bilingual vocabulary (the terms added are `expanded`); 0: only the words as typed.",
    )


class SuggestParameters(Schema):
    q: str = Field("", description="What has been typed so far.")
    limit: WholeNumber = Field(
        None, description=f"At most this many (1 to {SUGGESTION_LIMIT * 2})."
    )


def match_json(why: Why) -> dict:
    return {
        "fields": why.fields,
        "terms": [
            {"term": match.term, "fields": match.fields, "translation": match.translation}
            for match in why.terms
        ],
        "missing_terms": why.missing_terms,
        "files": why.files,
    }


def as_json(results: Results) -> dict:
    return {
        # After a spelling retry this is the corrected query the results answer.
        "query": results.answered_query,
        "total": results.total,
        "page": results.page,
        "page_size": results.page_size,
        "backend": results.backend,
        "partial": results.partial,
        "terms": results.terms,
        "missing_terms": results.missing_terms,
        "expanded": results.expanded,
        "results": [
            {
                "slug": hit.slug,
                "type": hit.type,
                "title": hit.title,
                "title_ja": hit.title_ja,
                "summary": hit.summary,
                "url": hit.url,
                "grades": hit.grades,
                "skills": hit.skills,
                "activity_types": hit.activity_types,
                "duration_minutes": hit.duration_minutes,
                "highlight": {"title": hit.highlight_title, "text": hit.highlight_text},
                "score": hit.score,
                "match": match_json(hit.why),
            }
            for hit in results.hits
        ],
        "facets": {
            facet: [
                {
                    "value": value.value,
                    "label": value.label,
                    "count": value.count,
                    "selected": value.selected,
                }
                for value in values
            ]
            for facet, values in results.facets.items()
        },
    }


@router.get(
    "/",
    response={200: SearchResponse, **refusals(400)},
    url_name="search",
    summary="Search the library",
    description=(
        "Live teaching materials, speech-contest guides and English-club activities, in "
        "English or Japanese. List parameters repeat (`grade=ES5&grade=ES6`): values of "
        "one parameter are ORed, parameters ANDed; each facet's counts reflect the other "
        "facets' selections. Highlights are HTML with the matches in `<mark>` and all other "
        "text escaped. When nothing matches and a spelling correction does, the results "
        "answer the corrected query, which `query` then holds."
    ),
)
def search_library(request: HttpRequest, params: Query[SearchParameters]):
    filters = {
        key: getattr(params, key)
        for key in ("type", "grade", "skill", "activity_type", "textbook", "unit", "duration")
    }
    if params.max_minutes not in (None, ""):
        filters["max_minutes"] = [params.max_minutes]
    results = search(
        params.q or "",
        {key: value for key, value in filters.items() if value},
        sort=params.sort,
        page=params.page if params.page not in (None, "") else 1,
        page_size=params.page_size if params.page_size not in (None, "") else 20,
        expand=params.expand,
    )
    return Status(200, as_json(results))


@router.get(
    "/suggest/",
    response={200: SuggestResponse, **refusals(400)},
    url_name="search_suggest",
    summary="Title suggestions as you type",
    description="Titles whose English or Japanese title contains what was typed so far.",
)
def suggest_titles(request: HttpRequest, params: Query[SuggestParameters]):
    limit = params.limit
    count = whole_number("limit", limit, 1, SUGGESTION_LIMIT * 2) if limit else SUGGESTION_LIMIT
    found = suggest(params.q or "", count)
    return Status(
        200,
        {
            "query": params.q or "",
            "suggestions": [
                {"title": s.title, "title_ja": s.title_ja, "url": s.url, "type": s.type}
                for s in found
            ],
        },
    )
