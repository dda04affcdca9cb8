"""Answering a search from Elasticsearch, in the same Results shape as the database."""

from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from search.facets import FACETS
from search.hits import HitSource, build_hit
from search.request import SearchRequest
from search.results import Hit, Matches, Suggestion
from search.text.tokens import ParsedQuery

from .client import CONNECTION_ALIAS, get_client, index_alias, kuromoji
from .query import LibrarySearch

NAME = "elasticsearch"


def _first(highlight: dict, *fields: str) -> str | None:
    for name in fields:
        fragments = highlight.get(name)
        if fragments:
            # Escaped by the cluster (encoder "html"); only <mark> is markup.
            return mark_safe(fragments[0])  # noqa: S308 - escaped by the cluster  # nosec B308, B703
    return None


def hit_from(source: dict, score: float, highlight: dict, parsed: ParsedQuery) -> Hit:
    published = source.get("first_published_at")
    hit_source = HitSource(
        page_id=int(source["page_id"]),
        slug=source.get("slug", ""),
        kind=source.get("kind", ""),
        url=source.get("url", ""),
        title=source.get("title", ""),
        title_ja=source.get("title_ja", ""),
        summary=source.get("summary", ""),
        summary_ja=source.get("summary_ja", ""),
        body_text=source.get("body_text", ""),
        grades=list(source.get("grades") or []),
        skills=list(source.get("skills") or []),
        activity_types=list(source.get("activity_types") or []),
        duration_minutes=source.get("duration_minutes"),
        first_published_at=parse_datetime(published) if isinstance(published, str) else None,
        use_count=int(source.get("use_count") or 0),
    )
    japanese = (get_language() or "en").startswith("ja")
    summaries = ["summary_ja", "summary_ja.cjk", "summary", "summary.cjk"]
    if not japanese:
        summaries = summaries[2:] + summaries[:2]
    return build_hit(
        hit_source,
        score,
        parsed,
        marked_title=_first(highlight, "title", "title.cjk"),
        marked_title_ja=_first(highlight, "title_ja", "title_ja.cjk"),
        marked_text=_first(highlight, *summaries, "body_text", "body_text.cjk"),
    )


def run(request: SearchRequest) -> Matches:
    get_client()
    faceted = LibrarySearch(request, index_alias(), kuromoji(), using=CONNECTION_ALIAS)
    response = faceted.execute()
    hits = []
    for hit in response.hits:
        highlight = hit.meta.highlight.to_dict() if "highlight" in hit.meta else {}
        score = float(hit.meta.score or 0.0)
        hits.append(hit_from(hit.to_dict(), score, highlight, request.parsed))
    counts = {
        facet: {str(value): count for value, count, _selected in response.facets[facet]}
        for facet in FACETS
    }
    return Matches(hits=hits, counts=counts, total=response.hits.total.value, backend=NAME)


def suggest(prefix: str, limit: int) -> list[Suggestion]:
    """Completion suggestions: title prefixes (and word prefixes of English titles)."""
    client = get_client()
    response = client.search(
        index=index_alias(),
        suggest={
            "titles": {
                "prefix": prefix,
                "completion": {"field": "suggest", "size": limit, "skip_duplicates": True},
            }
        },
        source=["page_id", "kind", "title", "title_ja", "url"],
    )
    options = response["suggest"]["titles"][0]["options"]
    return [
        Suggestion(
            found.get("title", ""),
            found.get("title_ja", ""),
            found.get("url", ""),
            found.get("kind", ""),
        )
        for found in (option["_source"] for option in options)
    ]
