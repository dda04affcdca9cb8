"""The database backend: Kyozai's own index tables, on SQLite (FTS5) or PostgreSQL
(tsvector). The default, and the fallback whenever Elasticsearch cannot answer."""

from .indexer import delete_pages, rebuild, save_records, set_use_count
from .searcher import NAME, run
from .suggest import suggest

__all__ = ["NAME", "delete_pages", "rebuild", "run", "save_records", "set_use_count", "suggest"]
