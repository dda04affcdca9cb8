""" "More like this" on the cluster: Elasticsearch's own `more_like_this` query
(elasticsearch.dsl `MoreLikeThis`) over the page's text given as `like` strings (the page
need not be indexed yet), within the asked facets as filters, the page itself and those
already chosen excluded by id. Only ids come back (`_source: false`)."""

from collections.abc import Mapping, Sequence

from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import MoreLikeThis

from .client import CONNECTION_ALIAS, get_client, index_alias

# The library's filter names → the index's keyword fields (mapping.py).
FACET_FIELDS = {
    "grade": "grades",
    "unit": "units",
    "textbook": "series",
    "skill": "skills",
    "activity_type": "activity_types",
    "type": "kind",
}
# Compared fields: the English analysis and the Japanese bigrams of each; not the words
# inside files (a shared worksheet template is not a shared topic).
LIKE_FIELDS = [
    f"{name}{suffix}"
    for name in ("title", "title_ja", "summary", "summary_ja", "keywords", "body_text")
    for suffix in ("", ".cjk")
]
# Lucene's defaults, but a word used once in a short page still counts.
MLT_OPTIONS = {"min_term_freq": 1, "min_doc_freq": 2, "max_query_terms": 25}


def search_body(like, within: Mapping[str, Sequence[str]], exclude: set[int], limit: int) -> dict:
    """The JSON body sent to `POST /<alias>/_search` (tests compare it exactly)."""
    query = Q(
        "bool",
        must=[MoreLikeThis(fields=LIKE_FIELDS, like=like.texts(), **MLT_OPTIONS)],
        filter=[
            Q("terms", **{FACET_FIELDS[facet]: list(values)})
            for facet, values in sorted(within.items())
        ],
        must_not=[Q("ids", values=[str(pk) for pk in sorted(exclude)])] if exclude else [],
    )
    return Search().query(query).source(False).extra(size=limit).to_dict()


def similar(like, within: Mapping[str, Sequence[str]], exclude: set[int], limit: int) -> list[int]:
    if limit <= 0:
        return []
    get_client()
    search = Search(using=CONNECTION_ALIAS, index=index_alias()).update_from_dict(
        search_body(like, within, exclude, limit)
    )
    return [int(hit.meta.id) for hit in search.execute()]
