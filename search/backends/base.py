"""What every search backend does: one interface, so the service and the index
maintenance never branch on which backend they talk to.

Two implement it: the database (search/backends/database/) and Elasticsearch
(search/backends/elasticsearch/); search/backends/guarded.py wraps the cluster in the
circuit breaker, and search/backends/__init__.py chooses between them, in one place.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING

from search.documents import PageRecord
from search.request import SearchRequest
from search.results import Matches, Suggestion

if TYPE_CHECKING:
    from search.likeness import Likeness

Progress = Callable[[int], None] | None


class SearchBackend(ABC):
    name: str

    # Answering ----------------------------------------------------------------------------
    @abstractmethod
    def search(self, request: SearchRequest) -> Matches:
        """The requested page of hits, facet counts and total for a checked request."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int) -> list[Suggestion]:
        """Titles (English or Japanese) containing what has been typed so far."""

    @abstractmethod
    def more_like_this(
        self, like: Likeness, within: Mapping[str, Sequence[str]], exclude: set[int], limit: int
    ) -> list[int]:
        """Ids of up to `limit` indexed pages whose text is most like `like`, most similar
        first, among those having a value of every facet in `within` (values ORed), never
        one in `exclude` (search/more_like_this.py)."""

    # Keeping the index up to date ------------------------------------------------------------
    @abstractmethod
    def save_records(self, records: Iterable[PageRecord]) -> int:
        """Add or replace these pages; how many were written."""

    @abstractmethod
    def delete_pages(self, page_ids: Iterable[int]) -> int:
        """Remove these pages; how many were removed."""

    @abstractmethod
    def set_use_count(self, page_id: int, count: int) -> None:
        """How many teachers used the page in class ("most used" sorts by it)."""

    # The whole index (manage.py search_index) ------------------------------------------------
    @abstractmethod
    def rebuild(self, records: Iterable[PageRecord], progress: Progress = None) -> int:
        """Replace the whole index with these pages without a moment with no index."""

    @abstractmethod
    def indexed_versions(self) -> dict[int, datetime | None]:
        """page id → the publication the index holds (last_published_at) of every page."""

    @abstractmethod
    def status(self) -> dict[str, object]:
        """What `search_index status` prints about the index itself."""


class IndexerBackend(SearchBackend):
    """A backend whose index writes are the functions of its own `indexer` module (both
    backends' indexer.py have the same four), so each backend class only says where they
    are and how it reads."""

    indexer: ModuleType

    def save_records(self, records: Iterable[PageRecord]) -> int:
        return self.indexer.save_records(records)

    def delete_pages(self, page_ids: Iterable[int]) -> int:
        return self.indexer.delete_pages(page_ids)

    def set_use_count(self, page_id: int, count: int) -> None:
        self.indexer.set_use_count(page_id, count)

    def rebuild(self, records: Iterable[PageRecord], progress: Progress = None) -> int:
        return self.indexer.rebuild(records, progress)
