"""A bilingual vocabulary for expanding a query into the other language: 病院 → hospital,
アンケート → survey, survey → アンケート.

Two sources, both local:

- JMdict (the Electronic Dictionary Research and Development Group's Japanese-English
  dictionary, CC BY-SA 4.0), from the `jamdict-data` package's SQLite copy, filtered to
  the school-English domain: words JMdict marks as common (priority ichi1, news1, spec1,
  gai1), their first sense only, glosses of at most two words. About 20,000 Japanese
  words; written once as a JSON file by search/text/data.py (~1 MB), never downloaded.
- Kyozai's own taxonomy, read from the database by the search app (search/vocabulary.py):
  grade, skill and activity-type names, textbook unit titles and series names in both
  languages.

Keys are folded by search/text/normalise.py (アンケート is looked up as あんけーと); English
goes both ways through its search key (search/text/tokens.py english_key), so "surveys"
finds アンケート too.
"""

import importlib.util
import sqlite3
from collections import defaultdict
from functools import cache
from pathlib import Path

from .british import american
from .data import stored
from .normalise import normalise

COMMON = ("ichi1", "news1", "spec1", "gai1")
MAX_GLOSS_WORDS = 2
MAX_GLOSSES = 4
MAX_JAPANESE = 3
# Leading words a gloss carries that are not part of the meaning ("to eat", "a survey").
GLOSS_LEADS = ("to ", "a ", "an ", "the ")

JMDICT_QUERY = """
SELECT form.text, gloss.text, priority.text
FROM {forms} form
JOIN {priorities} priority ON priority.kid = form.ID
JOIN Sense sense ON sense.idseq = form.idseq
JOIN SenseGloss gloss ON gloss.sid = sense.ID
WHERE priority.text IN ({common}) {only}
  AND (gloss.lang = 'eng' OR gloss.lang IS NULL)
  AND sense.ID = (SELECT MIN(first.ID) FROM Sense first WHERE first.idseq = form.idseq)
ORDER BY form.ID, gloss.rowid
"""


def _jmdict_path() -> Path | None:
    spec = importlib.util.find_spec("jamdict_data")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "jamdict.db"
    return path if path.exists() else None


def clean_gloss(gloss: str) -> str:
    """ "to summarize" → "summarize"; "(a) questionnaire" → "questionnaire"; "" when the
    gloss is longer than a search term."""
    text = gloss.lower().strip()
    while "(" in text and ")" in text:
        start, end = text.index("("), text.index(")")
        if end < start:
            break
        text = (text[:start] + text[end + 1 :]).strip()
    for lead in GLOSS_LEADS:
        if text.startswith(lead):
            text = text[len(lead) :]
    text = " ".join(text.split())
    if (
        not text
        or len(text.split()) > MAX_GLOSS_WORDS
        or not text.replace(" ", "").replace("'", "").replace("-", "").isalpha()
    ):
        return ""
    return text


def build_jmdict() -> dict[str, list[str]]:
    """Japanese word (as written) → English glosses, from JMdict's common words."""
    path = _jmdict_path()
    if path is None:
        return {}
    table: dict[str, list[str]] = defaultdict(list)
    common = ", ".join(f"'{mark}'" for mark in COMMON)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        # Kana forms only of words written without kanji (アンケート): the kana of a kanji
        # word (てんき) reaches it through Sudachi's normalised form (天気).
        kana_only = "AND NOT EXISTS (SELECT 1 FROM Kanji kanji WHERE kanji.idseq = form.idseq)"
        for forms, priorities, only in (("Kanji", "KJP", ""), ("Kana", "KNP", kana_only)):
            query = JMDICT_QUERY.format(
                forms=forms, priorities=priorities, common=common, only=only
            )
            for text, gloss, _priority in connection.execute(query):
                key, cleaned = text, clean_gloss(gloss)
                if cleaned and cleaned not in table[key] and len(table[key]) < MAX_GLOSSES:
                    table[key].append(cleaned)
    return {key: glosses for key, glosses in table.items() if glosses}


@cache
def jmdict() -> dict[str, tuple[str, ...]]:
    """Japanese word as written → English glosses."""
    return {key: tuple(value) for key, value in stored("jmdict", build_jmdict).items()}


@cache
def japanese_to_english() -> dict[str, tuple[str, ...]]:
    """Folded Japanese word (アンケート as あんけーと) → English glosses."""
    folded: dict[str, tuple[str, ...]] = {}
    for word, glosses in jmdict().items():
        key = normalise(word)
        folded[key] = tuple(dict.fromkeys(folded.get(key, ()) + glosses))[:MAX_GLOSSES]
    return folded


@cache
def english_to_japanese() -> dict[str, tuple[str, ...]]:
    """A one-word gloss → Japanese words (as written) glossed by it. Keyed by the word, not
    its stem: Porter2 makes hospital and hospitality one stem."""
    reverse: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for japanese, glosses in jmdict().items():
        for position, gloss in enumerate(glosses):
            if " " not in gloss:
                reverse[gloss].append((position, japanese))
    # The words an English word glosses first come first (survey: アンケート's second
    # gloss, 調査's first).
    return {
        key: tuple(japanese for _position, japanese in sorted(found)[:MAX_JAPANESE])
        for key, found in reverse.items()
    }


def english_lookup_keys(word: str) -> list[str]:
    """The forms of a typed English word to look up: as typed, American, singular."""

    keys = [word, american(word)]
    if word.endswith("ies"):
        keys.append(word[:-3] + "y")
    elif word.endswith("es"):
        keys.extend([word[:-2], word[:-1]])
    elif word.endswith("s"):
        keys.append(word[:-1])
    return list(dict.fromkeys(keys))


# Sources of (English, Japanese) pairs beside JMdict: functions registered by the search
# app (search/vocabulary.py: the taxonomy), asked at each query.
_sources: list = []


def register_source(source) -> None:
    if source not in _sources:
        _sources.append(source)


def _pairs() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for source in _sources:
        pairs.extend(source())
    return pairs


_own_index: dict[str, object] = {"pairs": None, "by_japanese": {}}


def _by_japanese(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The registered pairs by folded Japanese, rebuilt only when the pairs change."""
    if _own_index["pairs"] != pairs:
        grouped: dict[str, list[str]] = {}
        for english, japanese in pairs:
            grouped.setdefault(normalise(japanese), []).append(english)
        _own_index.update(pairs=pairs, by_japanese=grouped)
    return _own_index["by_japanese"]  # type: ignore[return-value]


def glosses_for(japanese_keys: list[str]) -> tuple[str, ...]:
    """English for the first of these folded Japanese keys that has any: the taxonomy's
    own names first, then JMdict."""
    own = _by_japanese(_pairs())
    table = japanese_to_english()
    for key in japanese_keys:
        found = tuple(own.get(key, ())) + table.get(key, ())
        if found:
            return tuple(dict.fromkeys(found))[:MAX_GLOSSES]
    return ()


def japanese_for(word: str) -> tuple[str, ...]:
    """Japanese for a typed English word (or a whole short name: "class survey"): the
    taxonomy's names first, then JMdict's words glossed by it."""
    found: list[str] = [japanese for english, japanese in _pairs() if english.lower() == word]
    table = english_to_japanese()
    for key in english_lookup_keys(word):
        found.extend(table.get(key, ()))
        if found:
            break
    return tuple(dict.fromkeys(found))[:MAX_JAPANESE]
