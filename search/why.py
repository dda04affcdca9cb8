"""Why a result came up: which of the words it has, in which of its fields, and which it
lacks (issue #14 point 5). The API returns it with every result and the search page
shows it in small text under each hit.

The database backend knows which words a page matched (every word, or — for partial
matches — the parts its SQL found) but not where: that is worked out here for the shown
page of results only, against the page's indexed terms (title, summary/tags) and its own
text analysed again (summary, body). A word the index found that is in none of those is
in the page's files (their words have a column of their own, search/documents.py), and the
files are read to name the one that has it. A word found through its alternatives (an
English word's family, a Japanese word's reading: search/text/tokens.py) is looked for as
those too, its reading in the page's readings column ("reading"); a word found only through
its translation is reported as the translation. A Japanese word form found only in the
summary or body (not re-analysed here: Sudachi per hit costs too much) still reads "file".
Elasticsearch says where itself, through named queries
(search/backends/elasticsearch/searcher.py).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from library.models import LibraryAttachment

from .results import TermMatch, Why
from .text.highlight import first_match
from .text.tokens import READING_COLUMN, QueryPart, analyse, parse_query

# Files a "found in" looks through per hit; a page rarely has more.
MAX_FILES_READ = 10


@dataclass
class PageTerms:
    """What one indexed page offers to match against (SearchText's columns)."""

    page_id: int
    title_terms: str
    keyword_terms: str
    summary_text: str
    summary_ja: str
    body_text: str
    reading_terms: str = ""

    @cached_property
    def title(self) -> list[str]:
        return self.title_terms.split()

    @cached_property
    def keywords(self) -> list[str]:
        return self.keyword_terms.split()

    @cached_property
    def summary(self) -> list[str]:
        return analyse(f"{self.summary_text}\n{self.summary_ja}")

    @cached_property
    def body(self) -> list[str]:
        return analyse(self.body_text)

    @cached_property
    def reading(self) -> list[str]:
        return self.reading_terms.split()

    @cached_property
    def sets(self) -> dict[str, set[str]]:
        """Each field's terms as a set, made on first use (the summary and the body are
        analysed only when a word needs them)."""
        return _LazySets(self)

    def fields_having(self, part: QueryPart) -> list[str]:
        """The fields holding `part` (a word, a phrase, or a one-character prefix)."""
        found = []
        if has_part(self.title, self.sets["title"], part):
            found.append("title")
        # The keyword column holds the summary's terms, then the tags' and taxonomy's: a
        # word not there is in neither, and one there is "summary" if the summary has it.
        if has_part(self.keywords, self.sets["keywords"], part):
            in_summary = has_part(self.summary, self.sets["summary"], part)
            found.append("summary" if in_summary else "keywords")
        if has_part(self.body, self.sets["body"], part):
            found.append("body")
        return found

    def fields_having_any(self, part: QueryPart) -> list[str]:
        """The fields holding `part`, else those holding one of its same-language
        alternatives (a word of its family, its Japanese word form), else "reading" when
        the page's readings hold its reading (a kana query matching 天気 by てんき)."""
        found = self.fields_having(part)
        if found:
            return found
        readings = []
        for other in part.same_language():
            if other.column != READING_COLUMN:
                found += [
                    n for n in self.fields_having(QueryPart(terms=other.terms)) if n not in found
                ]
            elif has_part(self.reading, self.sets["reading"], QueryPart(terms=other.terms)):
                readings = ["reading"]
        return found or readings


class _LazySets(dict):
    """field → set of its terms, built when first asked for."""

    def __init__(self, page: PageTerms) -> None:
        super().__init__()
        self.page = page

    def __missing__(self, name: str) -> set[str]:
        made = set(getattr(self.page, name))
        self[name] = made
        return made


def has_part(terms: Sequence[str], term_set: set[str], part: QueryPart) -> bool:
    """Does the term list hold the part as the index matches it: a prefix, or the terms
    side by side (a phrase, or a Japanese run's bigrams)?"""
    if not part.terms:
        return False
    if part.prefix:
        first = part.terms[0]
        return any(term.startswith(first) for term in term_set)
    if not all(term in term_set for term in part.terms):
        return False
    size = len(part.terms)
    if size == 1:
        return True
    wanted = list(part.terms)
    return any(
        list(terms[start : start + size]) == wanted
        for start in range(len(terms) - size + 1)
        if terms[start] == wanted[0]
    )


def file_names(page_id: int, surfaces: Iterable[str]) -> list[str]:
    """Names of the page's files whose words contain any of `surfaces` (first found)."""
    wanted = [parse_query(surface) for surface in surfaces]
    wanted = [parsed for parsed in wanted if parsed]
    if not wanted:
        return []
    files = (
        LibraryAttachment.objects.filter(page_id=page_id)
        .exclude(text="")
        .select_related("document", "image")
        .order_by("sort_order", "pk")[:MAX_FILES_READ]
    )
    return [
        attachment.file_name
        for attachment in files
        if any(first_match(attachment.text, parsed) != -1 for parsed in wanted)
    ]


def _translation_matches(
    page: PageTerms, expanded: Iterable[str], typed: set[str]
) -> list[TermMatch]:
    """The bilingual expansion's terms the page has, as "translation" matches."""
    out: list[TermMatch] = []
    for term in dict.fromkeys(expanded):
        expansion = parse_query(term, expand=False)
        if not expansion or term in typed:
            continue
        places = [page.fields_having(part) for part in expansion.parts]
        if all(places):
            fields = list(dict.fromkeys(name for found in places for name in found))
            out.append(TermMatch(term=term, fields=fields, translation=True))
    return out


def explain(
    page: PageTerms,
    parts: Sequence[QueryPart],
    matched: Iterable[int],
    expanded: Iterable[str] = (),
) -> Why:
    """Why `page` matched: `matched` are the indexes of the parts the index found in it
    (all of them unless the answer is partial), `expanded` the bilingual expansion's
    terms, reported as "translation" where the page has them."""
    matched = set(matched)
    typed = {part.surface for part in parts}
    translations = _translation_matches(page, expanded, typed)
    translated = {match.term for match in translations}
    terms: list[TermMatch] = []
    in_files: list[str] = []
    for index, part in enumerate(parts):
        if index not in matched:
            continue
        fields = page.fields_having_any(part)
        if not fields:
            if any(other.label in translated for other in part.translations()):
                # Found through its translation, listed below.
                continue
            # Found by the index, but not in the page's own text: in its files.
            fields = ["file"]
            in_files.append(part.surface)
        terms.append(TermMatch(term=part.surface, fields=fields))
    terms += translations
    return Why(
        terms=terms,
        missing_terms=[part.surface for index, part in enumerate(parts) if index not in matched],
        files=file_names(page.page_id, in_files) if in_files else [],
    )
