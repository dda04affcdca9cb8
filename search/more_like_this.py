"""Related materials by text: the library asks (library/related/ranking.py, through the
ranker registered in SearchConfig.ready()) which pages read most like a page, within its
unit or its stage; the search backend answers with its "more like this" — Elasticsearch's
`more_like_this` query, or the database index's OR query of the page's most telling terms
(search/backends/database/more_like_this.py).

The page's text is taken from the page itself (title, summary, tags, body in both
languages), not from the index, so a page is compared the moment it is published, before
or after its own index entry is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import DatabaseError, transaction

from library.related import RankingUnavailable

from . import backends
from .likeness import Likeness

__all__ = ["Likeness", "similar_pages"]

# How much more than `limit` a backend is asked for: a few of its answers may be pages
# the privacy check then leaves out.
SLACK = 4


def similar_pages(
    page, within: Mapping[str, Sequence[str]], exclude: set[int], limit: int
) -> list[int]:
    """Ids of the indexed pages most like `page` within the filters `within` (facet →
    values ORed; facets ANDed), never those in `exclude`; most similar first. A cluster
    that fails is answered by the database (search/backends/guarded.py); a database that
    fails raises RankingUnavailable, and the library falls back to its tier queries."""
    like = Likeness.of_page(page)
    if not like.texts():
        return []
    try:
        # A savepoint: on PostgreSQL a failed statement would spoil the transaction the
        # tier queries then run in.
        with transaction.atomic():
            return backends.reader().more_like_this(like, within, exclude, limit + SLACK)
    except DatabaseError as error:
        raise RankingUnavailable(f"the search index could not answer ({error})") from error
