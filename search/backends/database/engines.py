"""The SQL that finds matching documents: SQLite FTS5 or PostgreSQL tsvector.

Both receive the same parsed query (search/text/tokens.py) and answer the same three
questions: which pages match (unranked), which match in their title (ranked), and all
matches ranked. Filters, facet counts and paging are then worked out on the in-memory doc
values (docvalues.py), identically for both databases.

A query part matches by its own terms or any of its alternatives (a Japanese word's
normalised form, its reading in the readings column, an English word's family); its
translations (the bilingual vocabulary) widen which pages match, but those pages come after
every page the query matches in its own language.
"""

from django.db import connection

from search.text.tokens import ParsedQuery, QueryPart

TEXT_TABLE = "kyozai_search_searchtext"
FTS_TABLE = "kyozai_search_fts"
# bm25 column weights for (title, keywords, body, readings) and ts_rank's {D, C, B, A}
# (readings are weight C, below the body: a reading-only match ranks below an exact one).
SQLITE_WEIGHTS = "10.0, 4.0, 1.0, 0.5"
POSTGRES_WEIGHTS = "{0.1, 0.05, 0.4, 1.0}"
READING_COLUMN = "reading_terms"
# Pages found only through a translation are ranked after the rest, with this share of
# their text rank (the score the API shows).
TRANSLATION_SHARE = 0.1


def _fts_phrase(terms: tuple[str, ...]) -> str:
    return '"' + " ".join(term.replace('"', '""') for term in terms) + '"'


def _fts_part(part: QueryPart, translations: bool) -> str:
    main = _fts_phrase(part.terms) + ("*" if part.prefix else "")
    others = part.alternatives if translations else part.same_language()
    if not others:
        return main
    pieces = [main]
    for other in others:
        phrase = _fts_phrase(other.terms)
        pieces.append(f"{{{READING_COLUMN}}} : {phrase}" if other.column else phrase)
    return "(" + " OR ".join(pieces) + ")"


def fts5_query(parsed: ParsedQuery, translations: bool = True) -> str:
    """`"天気" AND ("授業 業案" OR "w授業 w案" OR {reading_terms} : "yじゅぎょう yあん")` —
    quoted, so no user text is FTS5 syntax."""
    return " AND ".join(_fts_part(part, translations) for part in parsed.parts)


def _ts_term(term: str, weight: str, prefix: bool) -> str:
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    suffix = ("*" if prefix else "") + weight
    return f"{quoted}:{suffix}" if suffix else quoted


def _ts_phrase(terms: tuple[str, ...], weight: str, prefix: bool) -> str:
    quoted = [_ts_term(term, weight, prefix) for term in terms]
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def tsquery(parsed: ParsedQuery, weight: str = "", translations: bool = True) -> str:
    """`'天気' & ('授業' <-> '業案' | 'w授業' <-> 'w案' | …) & '歌':*` (with `:A` on every
    term for the title; readings are weight C, so they never match there)."""
    pieces = []
    for part in parsed.parts:
        options = [_ts_phrase(part.terms, weight, part.prefix)]
        others = part.alternatives if translations else part.same_language()
        options.extend(_ts_phrase(other.terms, weight, False) for other in others)
        pieces.append(options[0] if len(options) == 1 else "(" + " | ".join(options) + ")")
    return " & ".join(pieces)


def _matches(sql: str, params: list[object]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def matching_ids(parsed: ParsedQuery) -> list[int]:
    """Every matching page id, unranked: cheap, for the bitmap and the total."""
    if connection.vendor == "postgresql":
        sql = f"SELECT page_id FROM {TEXT_TABLE} WHERE search_vector @@ %s::tsquery"  # noqa: S608 - constant names, values as %s  # nosec B608
        rows = _matches(sql, [tsquery(parsed)])
    else:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - constant names, values as %s  # nosec B608
        rows = _matches(sql, [fts5_query(parsed)])
    return [row[0] for row in rows]


def title_matches(parsed: ParsedQuery) -> list[tuple[int, float]]:
    """(page id, rank) of pages whose title alone matches everything, best first, ranked
    on the title. They come before every other match, so page 1 of a broad search
    usually needs no ranking of the (many) body matches at all."""
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT page_id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, q) AS r "  # noqa: S608 - constant names, values as %s  # nosec B608
            f"FROM {TEXT_TABLE}, CAST(%s AS tsquery) q WHERE search_vector @@ q "
            f"ORDER BY r DESC, page_id"
        )
        return _matches(sql, [tsquery(parsed, "A", translations=False)])
    sql = (
        f"SELECT rowid, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS r FROM {FTS_TABLE} "  # noqa: S608 - constant names, values as %s  # nosec B608
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY r DESC, rowid"
    )
    return _matches(sql, [f"{{title_terms}} : ({fts5_query(parsed, translations=False)})"])


def ranked_matches(parsed: ParsedQuery) -> list[tuple[int, float]]:
    """(page id, rank) of every match, best first, ranked on all fields (title weighted
    above summary, tags and taxonomy, above body, above readings); then the pages found
    only through a translation, ranked among themselves."""
    own = _ranked(parsed, translations=False)
    if not parsed.has_translations:
        return own
    seen = {page_id for page_id, _rank in own}
    widened = [
        (page_id, float(rank or 0.0) * TRANSLATION_SHARE)
        for page_id, rank in _ranked(parsed, translations=True)
        if page_id not in seen
    ]
    return own + widened


def _ranked(parsed: ParsedQuery, translations: bool) -> list[tuple[int, float]]:
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT page_id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, q) AS r "  # noqa: S608 - constant names, values as %s  # nosec B608
            f"FROM {TEXT_TABLE}, CAST(%s AS tsquery) q WHERE search_vector @@ q "
            f"ORDER BY r DESC, page_id"
        )
        return _matches(sql, [tsquery(parsed, translations=translations)])
    sql = (
        f"SELECT rowid, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS r FROM {FTS_TABLE} "  # noqa: S608 - constant names, values as %s  # nosec B608
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY r DESC, rowid"
    )
    return _matches(sql, [fts5_query(parsed, translations=translations)])
