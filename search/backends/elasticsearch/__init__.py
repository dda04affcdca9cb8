"""The Elasticsearch backend (elasticsearch.dsl), used when ELASTICSEARCH_URL is set.

Every call here may raise elasticsearch / elastic_transport errors; the service catches
them, logs a warning, opens the circuit breaker and answers from the database backend.
"""

from .client import breaker, configured, get_client
from .indexer import delete_pages, rebuild, save_records, set_use_count, status
from .searcher import NAME, run, suggest

__all__ = [
    "NAME",
    "breaker",
    "configured",
    "delete_pages",
    "get_client",
    "rebuild",
    "run",
    "save_records",
    "set_use_count",
    "status",
    "suggest",
]
