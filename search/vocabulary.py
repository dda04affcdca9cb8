"""Kyozai's own bilingual vocabulary, for widening a query into the other language: the
taxonomy's English and Japanese names (grades, skills, activity types), textbook unit
titles, and series names with their kana readings (NEW HORIZON ↔ ニューホライズン).

Registered with search/text/bilingual.py by SearchConfig.ready(); read from the database at
most every VOCABULARY_SECONDS per process (a few small tables), so a renamed activity type
shows up in searches within a minute, with no download and no index rebuild.
"""

import time

from library.models import ActivityType, Grade, Skill, TextbookSeries, TextbookUnit

VOCABULARY_SECONDS = 60
# Names longer than this (in words) are sentences, not search terms.
MAX_NAME_WORDS = 3

_loaded: dict[str, object] = {"at": None, "pairs": []}


def _short(name: str) -> bool:
    return bool(name) and len(name.split()) <= MAX_NAME_WORDS


def load_pairs() -> list[tuple[str, str]]:
    """(English, Japanese) pairs from the taxonomy, the unit titles and the series."""
    pairs: list[tuple[str, str]] = []
    for model in (Grade, Skill, ActivityType):
        pairs.extend(model.objects.exclude(name_ja="").values_list("name", "name_ja"))
    pairs.extend(
        TextbookUnit.objects.exclude(title_ja="").exclude(title="").values_list("title", "title_ja")
    )
    pairs.extend(
        TextbookSeries.objects.exclude(name_reading="").values_list("name", "name_reading")
    )
    return [(en, ja) for en, ja in pairs if _short(en) and len(ja) <= 20]


def taxonomy_pairs() -> list[tuple[str, str]]:
    """The pairs, remembered for VOCABULARY_SECONDS."""
    now = time.monotonic()
    loaded_at = _loaded["at"]
    if loaded_at is None or now - loaded_at > VOCABULARY_SECONDS:
        _loaded["pairs"] = load_pairs()
        _loaded["at"] = now
    return _loaded["pairs"]  # type: ignore[return-value]


def forget() -> None:
    _loaded["at"] = None
