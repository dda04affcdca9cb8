"""The connection to the cluster, and the circuit breaker in front of it.

A teacher must never wait on a dead cluster: requests use a short timeout and no retries,
and after a failure the breaker stays open for KYOZAI_SEARCH_ES_COOLDOWN seconds, during
which search answers from the database without trying the cluster at all
(search/backends/guarded.py).
"""

import threading

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.dsl import connections
from elasticsearch.dsl.exceptions import ElasticsearchDslException

from common.breaker import CircuitBreaker

CONNECTION_ALIAS = "kyozai"


def _cooldown_setting() -> float:
    return float(settings.KYOZAI_SEARCH_ES_COOLDOWN)


# The cluster's breaker (common/breaker.py, worked by search/backends/guarded.py):
# open for KYOZAI_SEARCH_ES_COOLDOWN seconds after a failure.
breaker = CircuitBreaker(name="Elasticsearch", cooldown=_cooldown_setting)
# What "the cluster did not answer" looks like: connection, timeout, HTTP and DSL errors.
CLUSTER_ERRORS = (ApiError, TransportError, ElasticsearchDslException)
_configured: tuple | None = None
_lock = threading.Lock()


def configured() -> bool:
    """Whether Elasticsearch is the chosen backend (KYOZAI_SEARCH_BACKEND)."""
    return settings.KYOZAI_SEARCH_BACKEND == "elasticsearch" and bool(settings.KYOZAI_SEARCH_ES_URL)


def index_alias() -> str:
    return settings.KYOZAI_SEARCH_ES_INDEX


def kuromoji() -> bool:
    return settings.KYOZAI_SEARCH_ES_KUROMOJI


def get_client() -> Elasticsearch:
    """The client for the configured cluster, (re)created when the settings change
    (tests point it at a closed port, then at a live cluster)."""
    global _configured
    options = (
        settings.KYOZAI_SEARCH_ES_URL,
        settings.KYOZAI_SEARCH_ES_TIMEOUT,
        settings.KYOZAI_SEARCH_ES_API_KEY,
    )
    with _lock:
        if _configured != options:
            url, timeout, api_key = options
            extra = {"api_key": api_key} if api_key else {}
            connections.create_connection(
                alias=CONNECTION_ALIAS,
                hosts=[url],
                request_timeout=timeout,
                max_retries=0,
                retry_on_timeout=False,
                **extra,
            )
            _configured = options
    return connections.get_connection(CONNECTION_ALIAS)
