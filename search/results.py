"""What the search service answers, whichever backend produced it.

The contract between search and its callers (the search page, the JSON API, the lesson
builder's inline material search): callers depend on these shapes, never on a backend.
Fields may be added; none may be renamed or removed. `Matches` is what a backend gives the
service, which adds the labels (search/service.py).
"""

from dataclasses import dataclass, field
from datetime import datetime
from math import ceil

# Where a term was found, best first: the page's titles, its summaries, its tags and
# taxonomy names ("keywords"), its body, the words inside its files, the readings of its
# Japanese words (a kana query matching 天気 by てんき).
MATCH_FIELDS = ("title", "summary", "keywords", "body", "file", "reading")
TRANSLATION = "translation"


@dataclass
class TermMatch:
    """One word of the query (or of its bilingual expansion) and where a result has it."""

    term: str  # as the teacher typed it (normalised), or the expansion term
    fields: list[str]  # among MATCH_FIELDS, best first
    translation: bool = False  # an expansion term, not one the teacher typed


@dataclass
class Why:
    """Why a result came up: which of the words it has, where, and which it lacks."""

    terms: list[TermMatch] = field(default_factory=list)
    missing_terms: list[str] = field(default_factory=list)
    # The files whose words matched (when a term was found in "file").
    files: list[str] = field(default_factory=list)

    @property
    def fields(self) -> list[str]:
        """Every place anything matched, best first; "translation" last when an expansion
        term matched."""
        found = {name for match in self.terms for name in match.fields}
        out = [name for name in MATCH_FIELDS if name in found]
        if any(match.translation for match in self.terms):
            out.append(TRANSLATION)
        return out


@dataclass
class Hit:
    page_id: int
    slug: str
    type: str  # "material" | "speech_contest_guide" | "club_activity"
    title: str
    title_ja: str
    summary: str
    url: str
    grades: list[str]  # codes, e.g. ["ES5", "ES6"]
    skills: list[str]  # codes, e.g. ["listening"]
    activity_types: list[str]  # codes, e.g. ["game"]
    duration_minutes: int | None
    highlight_title: str = ""  # HTML-safe: user text escaped, matches wrapped in <mark>
    highlight_text: str = ""
    score: float = 0.0
    # Added for the Japanese-reading search page and the "most used" sort.
    summary_ja: str = ""
    highlight_title_ja: str = ""  # HTML-safe, like highlight_title
    first_published_at: datetime | None = None
    use_count: int = 0  # teachers who recorded using it in class
    # Added for "why it matched" (issue #14): empty for a search without words.
    why: Why = field(default_factory=Why)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False

    @property
    def disabled(self) -> bool:
        """Nothing to find with it (and not chosen): shown, but not offered."""
        return not self.count and not self.selected


@dataclass
class Results:
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    total: int
    page: int = 1
    page_size: int = 20
    backend: str = "database"
    query: str = ""  # as the teacher typed it
    # "Did you mean": set only when the query found nothing and a retry with this
    # spelling did; hits, total and facets are then the retry's.
    suggestion: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    # Set when no page has every word: the hits are the pages with most of them, ranked by
    # how many and where (search/service.py). `terms` are the words asked (as parsed) and
    # `missing_terms` those no page in the library has at all.
    partial: bool = False
    terms: list[str] = field(default_factory=list)
    missing_terms: list[str] = field(default_factory=list)
    # The other-language terms the query was widened with (search/text/bilingual.py).
    expanded: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def answered_query(self) -> str:
        """The query the hits answer: the suggestion when one was used."""
        return self.suggestion or self.query

    @property
    def selected(self) -> list[tuple[str, FacetValue]]:
        """(facet, value) for every ticked facet value, for "remove this filter" links."""
        return [
            (facet, value)
            for facet, values in self.facets.items()
            for value in values
            if value.selected
        ]


@dataclass
class Matches:
    """What a backend found for one request: the requested page of hits, how many matches
    have each facet value (each facet counted under the *other* facets' selections), the
    total, and which backend answered (the database answers when the cluster cannot)."""

    hits: list[Hit]
    counts: dict[str, dict[str, int]]
    total: int
    backend: str
    # With MOST_WORDS: the query words (part surfaces) no page has at all.
    missing_terms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    """A title suggested as the teacher types."""

    title: str
    title_ja: str
    url: str
    type: str
