"""The Elasticsearch document for a library page (elasticsearch.dsl `Document`).

Every text field is indexed three ways: English (stemmed) as the main field, `.cjk`
(bigrams) and, with kuromoji on, `.ja`. Facet values are keywords; the `suggest` field
feeds the completion suggester. Searches go to the alias (KYOZAI_SEARCH_ES_INDEX); a
rebuild writes a new timestamped index and moves the alias (search/backends/elasticsearch/
indexer.py).
"""

from functools import lru_cache

from elasticsearch.dsl import Completion, Date, Document, Integer, Keyword, Text

from . import analysis

TEXT_FIELDS = [
    "title",
    "title_ja",
    "summary",
    "summary_ja",
    "keywords",
    "body_text",
    "file_text",  # the words inside the page's files, boosted below the body
]
# Japanese word forms and readings, analysed by Kyozai in Python at index time (indexer.py
# japanese_fields), so no cluster plugin is needed; searched with query.py's alternatives.
JAPANESE_FIELDS = ["title_words", "keyword_words", "body_words", "readings"]
# One shard is right for a library of tens of thousands of pages; replicas are the
# cluster operator's choice and left to the cluster's default.
INDEX_SETTINGS = {"number_of_shards": 1, "max_result_window": 10_000}


def _text(kuromoji: bool) -> Text:
    fields = {
        "cjk": Text(analyzer=analysis.cjk_index, search_analyzer=analysis.cjk_search),
    }
    if kuromoji:
        fields["ja"] = Text(analyzer=analysis.kuromoji)
    return Text(analyzer=analysis.english, fields=fields)


@lru_cache(maxsize=4)
def document_class(alias: str, kuromoji: bool) -> type[Document]:
    """The Document class for an index alias, with or without the kuromoji field."""
    text_fields = {name: _text(kuromoji) for name in TEXT_FIELDS}
    index_options = type(
        "Index",
        (),
        {"name": alias, "settings": INDEX_SETTINGS, "using": "kyozai"},
    )
    attributes = {
        "page_id": Integer(),
        "kind": Keyword(),
        "slug": Keyword(index=False),
        "url": Keyword(index=False),
        **text_fields,
        **{name: Text(analyzer=analysis.terms) for name in JAPANESE_FIELDS},
        "grades": Keyword(multi=True),
        "skills": Keyword(multi=True),
        "activity_types": Keyword(multi=True),
        "series": Keyword(multi=True),
        "units": Keyword(multi=True),
        "duration_minutes": Integer(),
        "first_published_at": Date(),
        "last_published_at": Date(),
        "use_count": Integer(),
        "suggest": Completion(analyzer=analysis.suggest, max_input_length=100),
        "Index": index_options,
    }
    return type("LibraryDocument", (Document,), attributes)


def index_body(alias: str, kuromoji: bool) -> dict:
    """Settings (analysis included) and mappings, as sent when an index is created."""
    return document_class(alias, kuromoji)._index.to_dict()
