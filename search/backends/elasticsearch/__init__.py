"""The Elasticsearch backend (elasticsearch.dsl), used when ELASTICSEARCH_URL is set.

Every call here may raise one of CLUSTER_ERRORS; search/backends/guarded.py catches them,
logs a warning, opens the circuit breaker and answers from the database backend.
"""

from search.backends.base import IndexerBackend
from search.request import SearchRequest

from . import indexer, more_like_this, searcher
from .client import CLUSTER_ERRORS, breaker, configured, get_client

__all__ = ["CLUSTER_ERRORS", "ElasticsearchBackend", "breaker", "configured", "get_client"]


class ElasticsearchBackend(IndexerBackend):
    name = searcher.NAME
    indexer = indexer

    def search(self, request: SearchRequest):
        return searcher.run(request)

    def suggest(self, prefix: str, limit: int):
        return searcher.suggest(prefix, limit)

    def more_like_this(self, like, within, exclude, limit) -> list[int]:
        return more_like_this.similar(like, within, exclude, limit)

    def indexed_versions(self):
        return indexer.indexed_versions()

    def status(self) -> dict[str, object]:
        return indexer.status()
