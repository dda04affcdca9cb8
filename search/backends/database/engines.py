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
# bm25 column weights for (title, keywords, body, the words inside files, the readings of
# Japanese words) and ts_rank's {D, C, B, A} = {files and readings, body, keywords, title}:
# each below the one before; a file-only or reading-only match ranks below a body match.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0, 0.5, 0.5"
POSTGRES_WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"
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
    term for the title; readings are weight D, so they never match there)."""
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


def _window(limit: int | None, offset: int) -> tuple[str, list[int]]:
    """` LIMIT %s OFFSET %s` for one window of a ranked list ("" for all of it)."""
    if limit is None:
        return "", []
    return " LIMIT %s OFFSET %s", [limit, offset]


def title_matches(
    parsed: ParsedQuery, limit: int | None = None, offset: int = 0
) -> list[tuple[int, float]]:
    """(page id, rank) of pages whose title alone matches everything, best first, ranked
    on the title — `limit` of them from `offset`. They come before every other match, so
    page 1 of a broad search usually needs no ranking of the (many) body matches at all."""
    window, numbers = _window(limit, offset)
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT page_id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, q) AS r "  # noqa: S608 - constant names, values as %s  # nosec B608
            f"FROM {TEXT_TABLE}, CAST(%s AS tsquery) q WHERE search_vector @@ q "
            f"ORDER BY r DESC, page_id{window}"
        )
        return _matches(sql, [tsquery(parsed, "A", translations=False), *numbers])
    sql = (
        f"SELECT rowid, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS r FROM {FTS_TABLE} "  # noqa: S608 - constant names, values as %s  # nosec B608
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY r DESC, rowid{window}"
    )
    title_query = fts5_query(parsed, translations=False)
    return _matches(sql, [f"{{title_terms}} : ({title_query})", *numbers])


def ranked_matches(
    parsed: ParsedQuery, limit: int | None = None, offset: int = 0
) -> list[tuple[int, float]]:
    """(page id, rank) of every match, best first, ranked on all fields (title weighted
    above summary, tags and taxonomy, above body, above files and readings) — `limit` of
    them from `offset`; then the pages found only through a translation, ranked among
    themselves."""
    own = _ranked(parsed, False, limit, offset)
    if not parsed.has_translations or (limit is not None and len(own) >= limit):
        return own
    # This window reaches past the pages the query matches in its own language: the
    # translation-only pages follow them (read whole: only the last windows get here).
    own_ids = {page_id for page_id, _rank in _ranked(parsed, False)}
    widened = [
        (page_id, float(rank or 0.0) * TRANSLATION_SHARE)
        for page_id, rank in _ranked(parsed, True)
        if page_id not in own_ids
    ]
    start = max(offset - len(own_ids), 0)
    end = None if limit is None else start + limit - len(own)
    return own + widened[start:end]


def _ranked(
    parsed: ParsedQuery, translations: bool, limit: int | None = None, offset: int = 0
) -> list[tuple[int, float]]:
    window, numbers = _window(limit, offset)
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT page_id, ts_rank('{POSTGRES_WEIGHTS}', search_vector, q) AS r "  # noqa: S608 - constant names, values as %s  # nosec B608
            f"FROM {TEXT_TABLE}, CAST(%s AS tsquery) q WHERE search_vector @@ q "
            f"ORDER BY r DESC, page_id{window}"
        )
        return _matches(sql, [tsquery(parsed, translations=translations), *numbers])
    sql = (
        f"SELECT rowid, -bm25({FTS_TABLE}, {SQLITE_WEIGHTS}) AS r FROM {FTS_TABLE} "  # noqa: S608 - constant names, values as %s  # nosec B608
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY r DESC, rowid{window}"
    )
    return _matches(sql, [fts5_query(parsed, translations=translations), *numbers])


# Where a word was found, for ranking pages that have only some of the words: the title
# counts most, then the summary, tags and taxonomy (keywords), then anywhere (body, files).
FIELD_RANKS = (("title_terms", "A", 3), ("keyword_terms", "B", 2), ("", "", 1))


def part_matches(parsed: ParsedQuery) -> list[tuple[int, int, int]]:
    """(page id, part index, field rank) for every page having any of the parts, in one
    statement: a UNION ALL of one match per part and field (FIELD_RANKS). A page appears
    once per part and field it has; the caller keeps the best field of each part."""
    selects: list[str] = []
    params: list[object] = []
    postgres = connection.vendor == "postgresql"
    for index, part in enumerate(parsed.parts):
        one = ParsedQuery(parts=[part])
        for column, weight, rank in FIELD_RANKS:
            if postgres:
                selects.append(
                    f"SELECT page_id, {index:d}, {rank:d} FROM {TEXT_TABLE} "  # noqa: S608 - constant names, ints  # nosec B608
                    "WHERE search_vector @@ %s::tsquery"
                )
                params.append(tsquery(one, weight))
            else:
                selects.append(
                    f"SELECT rowid, {index:d}, {rank:d} FROM {FTS_TABLE} "  # noqa: S608 - constant names, ints  # nosec B608
                    f"WHERE {FTS_TABLE} MATCH %s"
                )
                query = fts5_query(one)
                params.append(f"{{{column}}} : ({query})" if column else query)
    if not selects:
        return []
    return _matches(" UNION ALL ".join(selects), params)
