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
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import bilingual, japanese
from .english import STOPWORDS, stem
from .normalise import KATAKANA_TO_HIRAGANA, normalise
from .variants import related_stems

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


# Index columns an alternative can be looked for in: the part's own (title, keywords, body)
# or the readings of Japanese words (search/text/japanese.py), weighted lowest.
OWN_COLUMNS = ""
READING_COLUMN = "reading"


@dataclass(frozen=True)
class Alternative:
    """Another way one query part may match: a phrase of index terms.

    Same-language alternatives (a Japanese word's normalised form or reading, an English
    word's family) count as the part itself; translations (`translation`, from the
    bilingual vocabulary) only widen the search, and rank below."""

    terms: tuple[str, ...]
    column: str = OWN_COLUMNS
    translation: bool = False
    # What the teacher sees in the API's `expanded` list ("hospital", "アンケート").
    label: str = ""


@dataclass(frozen=True)
class QueryPart:
    """One thing every result must contain.

    `terms` side by side (a phrase) — one stem for an English word, the bigrams of a
    Japanese run — or, when `prefix` is set, any term starting with `terms[0]` (a
    one-character Japanese query). Or any of its `alternatives`."""

    terms: tuple[str, ...]
    prefix: bool = False
    # The words as typed (normalised), to offer a spelling correction or highlight.
    surface: str = ""
    english: bool = False
    alternatives: tuple[Alternative, ...] = ()

    def same_language(self) -> tuple[Alternative, ...]:
        return tuple(a for a in self.alternatives if not a.translation)

    def translations(self) -> tuple[Alternative, ...]:
        return tuple(a for a in self.alternatives if a.translation)


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

    @property
    def expanded(self) -> list[str]:
        """The other-language terms the query was widened with, in order, once each."""
        labels = (a.label for part in self.parts for a in part.translations())
        return list(dict.fromkeys(label for label in labels if label))

    @property
    def has_translations(self) -> bool:
        return any(part.translations() for part in self.parts)


def _japanese_alternatives(run: str, written: str, expand: bool) -> tuple[Alternative, ...]:
    """A Japanese run's normalised words and readings (`written`: the run with its katakana,
    as Sudachi needs it), and with `expand` its English translations."""
    words = japanese.run_words(written)
    out: list[Alternative] = []
    if words:
        out.append(Alternative(tuple(japanese.word_terms(list(words)))))
        readings = japanese.reading_terms(list(words))
        if len(readings) == len(words):
            out.append(Alternative(tuple(readings), column=READING_COLUMN))
    if expand:
        keys = [run, "".join(form for form, _reading in words)]
        for gloss in bilingual.glosses_for(keys):
            terms = tuple(english_key(w) for w in gloss.split() if w not in STOPWORDS)
            if terms:
                out.append(Alternative(terms, translation=True, label=gloss))
    return tuple(out)


def _english_alternatives(word: str, key: str, expand: bool) -> tuple[Alternative, ...]:
    """An English word's family (summarizing → summary) and, with `expand`, its Japanese
    translations (survey → アンケート)."""
    out = [Alternative((related,)) for related in related_stems(key)]
    if expand:
        for found in bilingual.japanese_for(word):
            japanese_word = normalise(found)
            terms = _japanese_terms(japanese_word)
            out.append(Alternative(terms, translation=True, label=found))
    return tuple(out)


def _japanese_terms(word: str) -> tuple[str, ...]:
    """How a (folded) Japanese word is looked for: its bigrams side by side, or its
    Sudachi word when it is one character."""
    if len(word) == 1:
        return (japanese.WORD_PREFIX + word,)
    return tuple(word[i : i + 2] for i in range(len(word) - 1))


def _parts_of(text: str, written: str, phrase: bool, expand: bool) -> list[QueryPart]:
    """The parts of one chunk of the query (`written`: the same chunk before kana folding,
    character for character)."""
    parts: list[QueryPart] = []
    words: list[tuple[str, str]] = []  # (stem, surface) of an English phrase
    for match in TOKEN_PATTERN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "cjk":
            others = (
                ()
                if phrase
                else _japanese_alternatives(token, written[match.start() : match.end()], expand)
            )
            if len(token) == 1:
                parts.append(QueryPart((token,), prefix=True, surface=token, alternatives=others))
            else:
                bigrams = tuple(token[i : i + 2] for i in range(len(token) - 1))
                parts.append(QueryPart(bigrams, surface=token, alternatives=others))
        else:
            key = english_key(token) if kind == "word" else token
            if phrase:
                words.append((key, token))
            elif kind == "word" and token not in STOPWORDS:
                others = _english_alternatives(clean_word(token), key, expand)
                parts.append(QueryPart((key,), surface=token, english=True, alternatives=others))
            else:
                parts.append(QueryPart((key,), surface=token, english=kind == "word"))
    if words:
        parts.append(QueryPart(tuple(k for k, _ in words), surface=" ".join(s for _, s in words)))
    return parts


def parse_query(query: str, expand: bool = False) -> ParsedQuery:
    """What a teacher typed, as parts that must all match (AND). "Quoted words" must
    appear together; English stopwords are dropped unless nothing else is left. Each part
    carries its same-language alternatives and, with `expand`, its translations."""
    written = unicodedata.normalize("NFKC", query).lower()
    text = written.translate(KATAKANA_TO_HIRAGANA)
    if len(text) != len(normalise(query)):
        written = text = normalise(query)  # lower-casing changed a length: rare; no kana
    parts: list[QueryPart] = []
    chunks = zip(PHRASE_PATTERN.split(text), PHRASE_PATTERN.split(written), strict=True)
    for chunk_index, (chunk, written_chunk) in enumerate(chunks):
        parts.extend(_parts_of(chunk, written_chunk, chunk_index % 2 == 1, expand))
    meaningful = [p for p in parts if not (p.english and p.surface in STOPWORDS)]
    parts = list(dict.fromkeys(meaningful or parts))[:MAX_QUERY_PARTS]
    parsed = ParsedQuery(parts=parts, text=text)
    for part in parsed.parts:
        if part.terms and all(not _is_cjk(t) for t in part.terms):
            parsed.stems.update(part.terms)
        else:
            parsed.runs.append(part.surface)
        for other in part.alternatives:
            if other.column != OWN_COLUMNS:
                continue
            if all(not _is_cjk(t) and not _is_word_term(t) for t in other.terms):
                parsed.stems.update(other.terms)  # English: a family member, a translation
            elif other.translation:
                parsed.runs.append(normalise(other.label))
    return parsed


def _is_word_term(term: str) -> bool:
    """A Japanese word's normalised form ("w天気"), not an English stem ("weather")."""
    return term.startswith(japanese.WORD_PREFIX) and not term.isascii()


def _is_cjk(term: str) -> bool:
    return bool(re.fullmatch(f"[{CJK}]+", term))
