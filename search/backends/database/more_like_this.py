""" "More like this" on the database index: the page's most telling terms, run as one OR
query ranked by the engine (FTS5 bm25 on SQLite, ts_rank on PostgreSQL), then kept to the
pages within the asked facets by the in-memory doc values.

Which terms tell: those of the page's title, summary, tags and body (weighted in that
order, as the index weighs its fields), without stopwords, numbers and single characters,
scored by how often the page uses them times how rare they are in the index
(log(1 + pages / pages with the term)) — the tf·idf choice Lucene's MoreLikeThis makes. A
term in more than half the pages says nothing and is left out; so is a term no other page
has (the first rule only once the library has a few dozen pages). Our own few lines
rather than a library: the terms must be those of Kyozai's own analyser (search/text/),
and the engines are the ones the index already runs.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import reduce
from math import log
from operator import and_, or_

from django.db import connection

from search.text.english import STOPWORDS
from search.text.tokens import analyse, english_key

from .docvalues import DocValues, doc_values
from .engines import FTS_TABLE, POSTGRES_WEIGHTS, SQLITE_WEIGHTS, TEXT_TABLE

# (field of the Likeness, weight): title above summary and tags above body.
FIELD_WEIGHTS = (("title", 3.0), ("summary", 2.0), ("tags", 2.0), ("body", 1.0))
# Terms whose rarity is looked up (one query), and how many of the best go into the query.
MAX_CANDIDATE_TERMS = 40
MAX_QUERY_TERMS = 12
MAX_DOCUMENT_SHARE = 0.5
# …once the library is big enough for "half the pages" to mean something.
SHARE_FROM_PAGES = 20
# Ranked matches read at most: plenty to find a handful within a unit or a stage.
MAX_MATCHES = 2000
STOP_TERMS = frozenset(english_key(word) for word in STOPWORDS)


def telling(term: str) -> bool:
    return len(term) > 1 and not term.isdigit() and term not in STOP_TERMS


def weighted_terms(like) -> Counter[str]:
    """term → how much the page says it (its uses, weighted by field)."""
    weights: Counter[str] = Counter()
    for name, weight in FIELD_WEIGHTS:
        for term in analyse(getattr(like, name)):
            if telling(term):
                weights[term] += weight
    return weights


def _quoted_fts(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _quoted_ts(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def document_frequencies(terms: list[str]) -> dict[str, int]:
    """term → how many indexed pages have it: one statement of one indexed count each."""
    if not terms:
        return {}
    if _postgres():
        one = f"(SELECT count(*) FROM {TEXT_TABLE} WHERE search_vector @@ %s::tsquery)"  # noqa: S608 - constant names, values as %s  # nosec B608
        params = [_quoted_ts(term) for term in terms]
    else:
        one = f"(SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608 - constant names, values as %s  # nosec B608
        params = [_quoted_fts(term) for term in terms]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([one] * len(terms)), params)
        counts = cursor.fetchone()
    return dict(zip(terms, counts, strict=True))


def query_terms(like, values: DocValues) -> list[str]:
    """The page's most telling terms, best first."""
    weights = weighted_terms(like)
    candidates = [term for term, _weight in weights.most_common(MAX_CANDIDATE_TERMS)]
    frequencies = document_frequencies(candidates)
    pages = max(values.size, 1)
    # A term only the page itself has (when it is indexed) matches nothing else.
    fewest = 2 if like.page_id in values.ordinal else 1
    most = pages * MAX_DOCUMENT_SHARE if pages >= SHARE_FROM_PAGES else pages
    scored = {
        term: weights[term] * log(1 + pages / frequency)
        for term, frequency in frequencies.items()
        if fewest <= frequency <= most
    }
    return sorted(scored, key=lambda term: (-scored[term], term))[:MAX_QUERY_TERMS]


def ranked_any(terms: list[str]) -> list[tuple[int, float]]:
    """(page id, rank) of pages with any of `terms`, best first."""
    if _postgres():
        sql = (
            f"SELECT page_id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, q) AS r "  # noqa: S608 - constant names, values as %s  # nosec B608
            f"FROM {TEXT_TABLE}, CAST(%s AS tsquery) q WHERE search_vector @@ q "
            f"ORDER BY r DESC, page_id LIMIT {MAX_MATCHES}"
        )
        query = " | ".join(_quoted_ts(term) for term in terms)
    else:
        sql = (
            f"SELECT rowid, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS r FROM {FTS_TABLE} "  # noqa: S608 - constant names, values as %s  # nosec B608
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY r DESC, rowid LIMIT {MAX_MATCHES}"
        )
        query = " OR ".join(_quoted_fts(term) for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, [query])
        return cursor.fetchall()


def allowed(values: DocValues, within: Mapping[str, Sequence[str]]) -> int:
    """The documents having a value of every facet in `within` (values ORed)."""
    selections = [
        reduce(or_, (values.bitmap(f"{facet}:{value}") for value in chosen), 0)
        for facet, chosen in within.items()
    ]
    return reduce(and_, selections, values.everything)


def similar(like, within: Mapping[str, Sequence[str]], exclude: set[int], limit: int) -> list[int]:
    values = doc_values()
    terms = query_terms(like, values)
    if not terms or limit <= 0:
        return []
    passing = allowed(values, within)
    flags = passing.to_bytes(values.size, "little") if values.size else b""
    found: list[int] = []
    for page_id, _rank in ranked_any(terms):
        position = values.ordinal.get(page_id)
        if position is None or not flags[position] or page_id in exclude:
            continue
        found.append(page_id)
        if len(found) >= limit:
            break
    return found
