"""A backend that may be unreachable (the cluster), behind a circuit breaker: the one place
that decides what happens when it fails.

A teacher must never wait on a dead cluster. After a failure the breaker stays open for a
cool-down, during which the cluster is not tried at all. While it cannot answer:

- a search or a suggestion is answered by the fallback backend (the database), and
- an index change is not sent (the database, always written first, has it; `manage.py
  search_index update` brings the cluster level again later) — a publish never fails.

Every failure and every skipped write is logged. The breaker (common/breaker.py, the
same one the Redis cache uses) is per process: each gunicorn worker learns on its own, at
the cost of one failed request.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

from common.breaker import CircuitBreaker
from search.documents import PageRecord
from search.request import SearchRequest
from search.results import Matches, Suggestion

from .base import Progress, SearchBackend

logger = logging.getLogger("kyozai.search")

Answer = TypeVar("Answer")


def described(page_ids: Iterable[int]) -> str:
    """ "page 3, 5" or "12 pages (1, 2, 3, 4, 5, …)", for a log line."""
    ids = sorted(set(page_ids))
    shown = ", ".join(str(pk) for pk in ids[:5])
    return f"page {shown}" if len(ids) <= 5 else f"{len(ids)} pages ({shown}, …)"


def _nothing() -> int:
    return 0


class Guarded(SearchBackend):
    """`backend` behind `breaker`; `errors` are the failures that mean "unreachable"."""

    def __init__(
        self,
        backend: SearchBackend,
        breaker: CircuitBreaker,
        fallback: SearchBackend,
        errors: tuple[type[Exception], ...],
    ):
        self.backend = backend
        self.breaker = breaker
        self.fallback = fallback
        self.errors = errors

    @property
    def name(self) -> str:
        return self.backend.name

    def _call(
        self,
        operation: Callable[[SearchBackend], Answer],
        instead: Callable[[], Answer],
        consequence: str,
        *,
        write: bool,
    ) -> Answer:
        """`operation` on the backend if the breaker allows and it answers; else `instead`,
        with the `consequence` logged."""
        if not self.breaker.allow():
            if write:
                logger.warning("Search cluster skipped (circuit open): %s.", consequence)
            return instead()
        try:
            answer = operation(self.backend)
        except self.errors as error:
            self.breaker.failed(error)
            logger.warning("Search cluster unreachable, %s: %s", consequence, error)
            return instead()
        self.breaker.succeeded()
        return answer

    def _read(self, operation: Callable[[SearchBackend], Answer], what: str) -> Answer:
        consequence = (
            f"{what} answered by the {self.fallback.name} for the next "
            f"{self.breaker.cooldown_seconds:g} s"
        )
        return self._call(operation, lambda: operation(self.fallback), consequence, write=False)

    def _write(self, operation: Callable[[SearchBackend], int], what: str) -> int:
        return self._call(operation, _nothing, f"{what} not sent", write=True)

    def search(self, request: SearchRequest) -> Matches:
        return self._read(lambda backend: backend.search(request), "search")

    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        return self._read(lambda backend: backend.suggest(prefix, limit), "suggestions")

    def more_like_this(self, like, within, exclude, limit) -> list[int]:
        return self._read(
            lambda backend: backend.more_like_this(like, within, exclude, limit),
            "related materials",
        )

    def save_records(self, records: Iterable[PageRecord]) -> int:
        records = list(records)
        what = f"index of {described(record.page_id for record in records)}"
        return self._write(lambda backend: backend.save_records(records), what)

    def delete_pages(self, page_ids: Iterable[int]) -> int:
        ids = list(page_ids)
        return self._write(
            lambda backend: backend.delete_pages(ids), f"removal of {described(ids)}"
        )

    def set_use_count(self, page_id: int, count: int) -> None:
        def send(backend: SearchBackend) -> int:
            backend.set_use_count(page_id, count)
            return 1

        self._write(send, f"use count of page {page_id}")

    # The whole-index operations are the operator's (manage.py search_index): they go to the
    # backend itself, so that a dead cluster is an error the operator sees.
    def rebuild(self, records: Iterable[PageRecord], progress: Progress = None) -> int:
        return self.backend.rebuild(records, progress)

    def indexed_versions(self) -> dict[int, datetime | None]:
        return self.backend.indexed_versions()

    def status(self) -> dict[str, object]:
        return self.backend.status()
