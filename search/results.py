"""What the search service answers, whichever backend produced it.

The contract between search and its callers (the search page, the JSON API, the lesson
builder's inline material search): callers depend on these shapes, never on a backend.
"""

from dataclasses import dataclass, field


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


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Results:
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    total: int
    page: int = 1
    page_size: int = 20
    backend: str = "database"
    query: str = ""
    suggestion: str = ""  # "did you mean", when a retry with it found more
    filters: dict[str, list[str]] = field(default_factory=dict)
