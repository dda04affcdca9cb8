"""The connection to the cluster, and the circuit breaker in front of it.

A teacher must never wait on a dead cluster: requests use a short timeout and no retries,
and after a failure the breaker stays open for KYOZAI_SEARCH_ES_COOLDOWN seconds, during
which search answers from the database without trying the cluster at all. The breaker is
per process (each gunicorn worker learns on its own, at the cost of one failed request).
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections

logger = logging.getLogger("kyozai.search")

CONNECTION_ALIAS = "kyozai"


def _cooldown_setting() -> float:
    return float(settings.KYOZAI_SEARCH_ES_COOLDOWN)


@dataclass
class CircuitBreaker:
    """Open (cluster skipped) for a cool-down after each failure; read at failure time, so
    a changed setting applies to the next failure."""

    cooldown: Callable[[], float] = _cooldown_setting
    open_until: float = 0.0
    attempts: int = 0  # calls let through to the cluster
    failures: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def allow(self) -> bool:
        with self._lock:
            allowed = time.monotonic() >= self.open_until
            if allowed:
                self.attempts += 1
            return allowed

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    @property
    def cooldown_seconds(self) -> float:
        return self.cooldown()

    def record_failure(self) -> None:
        with self._lock:
            self.failures += 1
            self.open_until = time.monotonic() + self.cooldown()

    def record_success(self) -> None:
        with self._lock:
            self.open_until = 0.0

    def reset(self) -> None:
        with self._lock:
            self.open_until = 0.0
            self.attempts = 0
            self.failures = 0


breaker = CircuitBreaker()
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
