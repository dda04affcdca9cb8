"""Turning normalised text into search terms, the same way for pages and for queries.

English (and any other space-separated script) is split into words and stemmed. Japanese
has no spaces, and stock full-text search indexes 光合成の授業案 as one token, so a search
for 授業案 misses it. Here every run of kanji/kana becomes overlapping character bigrams
(光合 合成 成の の授 授業 業案), the method of Lucene's CJK analyzer: a word of any length
is found inside any run by looking for its bigrams side by side (a phrase query). The last
character of each run is also kept on its own so that a one-character query (歌) can be
answered with a prefix query over the bigrams.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .english import STOPWORDS, stem
from .normalise import normalise

# Kanji (BMP + extension A + compatibility + supplementary planes), hiragana, katakana that
# survived folding (ヷ…ヺ), the prolonged sound mark ー and the iteration marks 々〆〇ゝゞ.
CJK = (
    "\u3005-\u3007\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
TOKEN_PATTERN = re.compile(
    rf"(?P<cjk>[{CJK}]+)"
    rf"|(?P<word>[^\W\d_{CJK}]+(?:['\u2019][^\W\d_{CJK}]+)*)"
    r"|(?P<number>\d+)"
)
PHRASE_PATTERN = re.compile(r'"([^"]*)"')

# A query longer than this is refused; the limit is the header box's maxlength.
MAX_QUERY_LENGTH = 200
# Parts beyond this are ignored: no teacher types 33 words, and the database is spared.
MAX_QUERY_PARTS = 32


def clean_word(word: str) -> str:
    """A word without its possessive or apostrophes: teacher's → teacher, let's → let."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    return word.replace("'", "").replace("\u2019", "")


@lru_cache(maxsize=200_000)
def english_key(word: str) -> str:
    """The indexed form of one word: cleaned, then stemmed."""
    return stem(clean_word(word))


def cjk_terms(run: str) -> list[str]:
    """Bigrams of a kanji/kana run, then its last character alone."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def analyse(text: str, words: set[str] | None = None) -> list[str]:
    """Every term of `text`, in order (their positions make phrases work). English words
    as written (cleaned, 3 to 40 ASCII letters) are added to `words` when it is given: the
    did-you-mean vocabulary, collected in the same pass."""
    terms: list[str] = []
    for cjk, word, number in TOKEN_PATTERN.findall(normalise(text)):
        if cjk:
            terms.extend(cjk_terms(cjk))
        elif word:
            terms.append(english_key(word))
            if words is not None and word.isascii():
                cleaned = clean_word(word)
                if 3 <= len(cleaned) <= 40:
                    words.add(cleaned)
        else:
            terms.append(number)
    return terms


def index_terms(text: str) -> list[str]:
    """Every term of `text`, in order."""
    return analyse(text)


def english_words(text: str) -> set[str]:
    """Lower-case English words as written, for the did-you-mean vocabulary."""
    words: set[str] = set()
    analyse(text, words)
    return words


@dataclass(frozen=True)
class QueryPart:
    """One thing every result must contain.

    `terms` side by side (a phrase) — one stem for an English word, the bigrams of a
    Japanese run — or, when `prefix` is set, any term starting with `terms[0]` (a
    one-character Japanese query)."""

    terms: tuple[str, ...]
    prefix: bool = False
    # The words as typed (normalised), to offer a spelling correction or highlight.
    surface: str = ""
    english: bool = False


@dataclass
class ParsedQuery:
    parts: list[QueryPart] = field(default_factory=list)
    # Normalised text the highlighter looks for: English stems and Japanese runs.
    stems: set[str] = field(default_factory=set)
    runs: list[str] = field(default_factory=list)
    # The query as normalised (width, case and kana folded) before it was split.
    text: str = ""

    def __bool__(self) -> bool:
        return bool(self.parts)


def _parts_of(text: str, phrase: bool) -> list[QueryPart]:
    parts: list[QueryPart] = []
    words: list[tuple[str, str]] = []  # (stem, surface) of an English phrase
    for match in TOKEN_PATTERN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "cjk":
            if len(token) == 1:
                parts.append(QueryPart((token,), prefix=True, surface=token))
            else:
                bigrams = tuple(token[i : i + 2] for i in range(len(token) - 1))
                parts.append(QueryPart(bigrams, surface=token))
        else:
            key = english_key(token) if kind == "word" else token
            if phrase:
                words.append((key, token))
            else:
                parts.append(QueryPart((key,), surface=token, english=kind == "word"))
    if words:
        parts.append(QueryPart(tuple(k for k, _ in words), surface=" ".join(s for _, s in words)))
    return parts


def parse_query(query: str) -> ParsedQuery:
    """What a teacher typed, as parts that must all match (AND). "Quoted words" must
    appear together; English stopwords are dropped unless nothing else is left."""
    text = normalise(query)
    parts: list[QueryPart] = []
    for chunk_index, chunk in enumerate(PHRASE_PATTERN.split(text)):
        parts.extend(_parts_of(chunk, phrase=chunk_index % 2 == 1))
    meaningful = [p for p in parts if not (p.english and p.surface in STOPWORDS)]
    parts = list(dict.fromkeys(meaningful or parts))[:MAX_QUERY_PARTS]
    parsed = ParsedQuery(parts=parts, text=text)
    for part in parsed.parts:
        if part.terms and all(not _is_cjk(t) for t in part.terms):
            parsed.stems.update(part.terms)
        else:
            parsed.runs.append(part.surface)
    return parsed


def _is_cjk(term: str) -> bool:
    return bool(re.fullmatch(f"[{CJK}]+", term))
