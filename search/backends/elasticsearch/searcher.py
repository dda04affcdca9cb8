"""Answering a search from Elasticsearch, in the same Results shape as the database."""

from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from search.facets import FACETS
from search.hits import HitSource, build_hit
from search.request import SearchRequest
from search.results import MATCH_FIELDS, Hit, Matches, Suggestion, TermMatch, Why
from search.text.tokens import ParsedQuery
from search.why import file_names

from .client import CONNECTION_ALIAS, get_client, index_alias, kuromoji
from .query import PARTS_AGGREGATION, LibrarySearch

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


def _named_places(
    matched_queries: list[str],
) -> tuple[dict[int, set[str]], dict[tuple[int, int], set[str]]]:
    """Where each part matched ("0:title") and each of its translations ("0:body:1")."""
    places: dict[int, set[str]] = {}
    translated: dict[tuple[int, int], set[str]] = {}
    for name in matched_queries:
        index, _colon, rest = name.partition(":")
        group, _colon, number = rest.partition(":")
        if not index.isdigit() or group not in MATCH_FIELDS:
            continue
        if number.isdigit():
            translated.setdefault((int(index), int(number)), set()).add(group)
        elif not number:
            places.setdefault(int(index), set()).add(group)
    return places, translated


def why_from(page_id: int, matched_queries: list[str], parsed: ParsedQuery) -> Why:
    """Why a hit matched, from its named queries ("0:title", "1:file": part index and
    field group; "0:body:1": the part's second translation, search/backends/elasticsearch/
    query.py). A part found only through a translation is not missing: its translation is
    listed instead."""
    places, translated = _named_places(matched_queries)
    parts = parsed.parts
    terms = [
        TermMatch(term=part.surface, fields=[name for name in MATCH_FIELDS if name in found])
        for index, part in enumerate(parts)
        if (found := places.get(index))
    ]
    typed = {part.surface for part in parts}
    labels: dict[str, set[str]] = {}
    for (index, number), found in translated.items():
        others = parts[index].translations() if index < len(parts) else ()
        if number < len(others) and others[number].label not in typed:
            labels.setdefault(others[number].label, set()).update(found)
    terms += [
        TermMatch(term=label, fields=[n for n in MATCH_FIELDS if n in found], translation=True)
        for label, found in labels.items()
    ]
    have = set(places) | {index for index, _number in translated}
    in_files = [match.term for match in terms if "file" in match.fields and not match.translation]
    return Why(
        terms=terms,
        missing_terms=[part.surface for index, part in enumerate(parts) if index not in have],
        files=file_names(page_id, in_files) if in_files else [],
    )


def missing_terms(response, parsed: ParsedQuery) -> list[str]:
    """The parts no page has (most-words answers count pages per part)."""
    aggregations = response.aggregations.to_dict() if "aggregations" in response else {}
    buckets = aggregations.get(PARTS_AGGREGATION, {}).get("buckets", {})
    return [
        part.surface
        for index, part in enumerate(parsed.parts)
        if str(index) in buckets and not buckets[str(index)].get("doc_count")
    ]


def run(request: SearchRequest) -> Matches:
    get_client()
    faceted = LibrarySearch(request, index_alias(), kuromoji(), using=CONNECTION_ALIAS)
    response = faceted.execute()
    hits = []
    words = bool(request.query and request.parsed)
    for hit in response.hits:
        highlight = hit.meta.highlight.to_dict() if "highlight" in hit.meta else {}
        score = float(hit.meta.score or 0.0)
        found = hit_from(hit.to_dict(), score, highlight, request.parsed)
        if words:
            named = list(getattr(hit.meta, "matched_queries", None) or [])
            found.why = why_from(found.page_id, named, request.parsed)
        hits.append(found)
    counts = {
        facet: {str(value): count for value, count, _selected in response.facets[facet]}
        for facet in FACETS
    }
    return Matches(
        hits=hits,
        counts=counts,
        total=response.hits.total.value,
        backend=NAME,
        missing_terms=missing_terms(response, request.parsed) if request.most_words else [],
    )


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
