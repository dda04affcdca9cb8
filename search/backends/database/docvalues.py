"""Facet values and sort orders of every indexed page, held in memory by each process as
bitmaps — the way search engines keep "doc values" and filter bitsets.

Every document gets an ordinal (0 … N-1). A set of documents is a byte-per-document bitmap
stored in a Python int (byte i is 1 when document i is in the set): intersecting two sets
is one `&`, counting one is `int.bit_count()`, both in C over N/8 machine words. Facet
counting for a search is then a few dozen AND + popcount operations, whatever the number
of matches, instead of a Python loop over thousands of rows.

The values are reloaded — one narrow table scan, a few milliseconds for 10,000 pages —
whenever the index's version token (SearchIndexVersion, changed in the same transaction as
every index write) differs from the one they were loaded under. The token is read before
the values, so a change committed in between only causes one extra reload, never stale
values under a new token.
"""

import threading
import uuid
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat

from django.db import connection

from search.models import SearchIndexVersion

TABLE = "kyozai_search_searchdocument"


def bitmap_of(ordinals: Iterable[int], size: int) -> int:
    """The set of these documents as a byte-per-document bitmap."""
    flags = bytearray(size)
    deque(map(flags.__setitem__, ordinals, repeat(1)), maxlen=0)  # a C loop
    return int.from_bytes(flags, "little")


@dataclass
class DocValues:
    token: str | None
    page_ids: list[int]  # ordinal → page id
    ordinal: dict[int, int]  # page id → ordinal
    durations: list[int | None]
    use_counts: list[int]
    postings: dict[str, list[int]]  # "grade:ES5" → ordinals
    newest: list[int]  # ordinals, newest first
    most_used: list[int]  # ordinals, most used first (then newest)
    _bitmaps: dict[str, int] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def size(self) -> int:
        return len(self.page_ids)

    @property
    def everything(self) -> int:
        return self.bitmap("*")

    def bitmap(self, key: str) -> int:
        """Documents having a facet key ("grade:ES5"); "*" for all. Built on first use."""
        found = self._bitmaps.get(key)
        if found is None:
            if key == "*":
                found = int.from_bytes(b"\x01" * self.size, "little") if self.size else 0
            else:
                found = bitmap_of(self.postings.get(key, ()), self.size)
            with self._lock:
                self._bitmaps[key] = found
        return found

    def keys_of(self, facet: str) -> list[str]:
        prefix = f"{facet}:"
        return [key for key in self.postings if key.startswith(prefix)]

    def within_minutes(self, limit: int) -> int:
        """Documents that take at most `limit` minutes (and say how long they take)."""
        key = f"minutes<={limit}"
        found = self._bitmaps.get(key)
        if found is None:
            found = self.bitmap_from(
                ordinal
                for ordinal, minutes in enumerate(self.durations)
                if minutes is not None and minutes <= limit
            )
            with self._lock:
                self._bitmaps[key] = found
        return found

    def bitmap_from(self, ordinals: Iterable[int]) -> int:
        return bitmap_of(ordinals, self.size)


def _build(token: str | None, rows: list[tuple]) -> DocValues:
    """rows: (page id, facet keys, duration, published, use count), any order."""
    rows.sort(key=lambda row: row[0])
    postings: dict[str, list[int]] = defaultdict(list)
    for ordinal, row in enumerate(rows):
        for key in row[1].split():
            postings[key].append(ordinal)
    ordinals = range(len(rows))
    published = [row[3] for row in rows]
    use_counts = [row[4] for row in rows]
    return DocValues(
        token=token,
        page_ids=[row[0] for row in rows],
        ordinal={row[0]: ordinal for ordinal, row in enumerate(rows)},
        durations=[row[2] for row in rows],
        use_counts=use_counts,
        postings=dict(postings),
        newest=sorted(ordinals, key=lambda o: (published[o], rows[o][0]), reverse=True),
        most_used=sorted(
            ordinals, key=lambda o: (use_counts[o], published[o], rows[o][0]), reverse=True
        ),
    )


_loaded: dict[str, DocValues] = {}


def current_token() -> str | None:
    return SearchIndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()


def touch() -> None:
    """Call inside the transaction that changes SearchDocument."""
    token = uuid.uuid4().hex
    if not SearchIndexVersion.objects.filter(pk=1).update(token=token):
        SearchIndexVersion.objects.create(pk=1, token=token)


def _load() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, facet_keys, duration_minutes, published, use_count FROM {TABLE}"  # noqa: S608 - constant names, values as %s  # nosec B608
        )
        return list(cursor.fetchall())


def doc_values() -> DocValues:
    """The current doc values of the default database's index."""
    token = current_token()
    loaded = _loaded.get(connection.alias)
    if token is not None and loaded is not None and loaded.token == token:
        return loaded
    values = _build(token, _load())
    if token is not None:
        _loaded[connection.alias] = values
    return values


def forget() -> None:
    """Drop what this process holds (after a raw change to SearchDocument)."""
    _loaded.clear()
