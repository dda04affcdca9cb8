"""The database backend: Kyozai's own index tables, on SQLite (FTS5) or PostgreSQL
(tsvector). The default, and the fallback whenever Elasticsearch cannot answer."""

from search.backends.base import IndexerBackend
from search.models import SearchDocument, SearchText
from search.request import SearchRequest
from search.results import Matches, Suggestion

from . import indexer, more_like_this, searcher
from .suggest import suggest as matching_titles

__all__ = ["DatabaseBackend"]


class DatabaseBackend(IndexerBackend):
    name = searcher.NAME
    indexer = indexer

    def search(self, request: SearchRequest) -> Matches:
        return searcher.run(request)

    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        return [
            Suggestion(text.title, text.title_ja, text.url, text.kind)
            for text in matching_titles(prefix, limit)
        ]

    def more_like_this(self, like, within, exclude, limit) -> list[int]:
        return more_like_this.similar(like, within, exclude, limit)

    def indexed_versions(self):
        return dict(SearchText.objects.values_list("page_id", "last_published_at"))

    def status(self) -> dict[str, object]:
        return {"documents": SearchDocument.objects.count()}
