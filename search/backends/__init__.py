"""The two search backends — `database` (default, SQLite or PostgreSQL) and
`elasticsearch` — behind one interface (base.py), and the one place that chooses.

- `reader()` answers searches and suggestions: the cluster when it is configured, behind
  its circuit breaker with the database as fallback (guarded.py); else the database.
- `writers()` receive every index change: the database always (it is the fallback), the
  guarded cluster too when configured.
- `named()` is a backend itself, unguarded, for `manage.py search_index`, whose operator
  must see a dead cluster as an error.

The choice follows the settings at each call, so tests (and a changed setting) switch
backends without a restart.
"""

from .base import SearchBackend
from .database import DatabaseBackend
from .elasticsearch import CLUSTER_ERRORS, ElasticsearchBackend, breaker
from .elasticsearch import configured as cluster_configured
from .guarded import Guarded

NAMES = ("database", "elasticsearch")

DATABASE = DatabaseBackend()
CLUSTER = ElasticsearchBackend()
GUARDED_CLUSTER = Guarded(CLUSTER, breaker, fallback=DATABASE, errors=CLUSTER_ERRORS)

__all__ = [
    "CLUSTER_ERRORS",
    "DATABASE",
    "NAMES",
    "SearchBackend",
    "cluster_configured",
    "configured_names",
    "named",
    "reader",
    "writers",
]


def reader() -> SearchBackend:
    return GUARDED_CLUSTER if cluster_configured() else DATABASE


def writers() -> list[SearchBackend]:
    return [DATABASE, GUARDED_CLUSTER] if cluster_configured() else [DATABASE]


def configured_names() -> list[str]:
    return list(NAMES) if cluster_configured() else ["database"]


def named(name: str) -> SearchBackend:
    return CLUSTER if name == "elasticsearch" else DATABASE
