"""Japanese words, their normalised forms and readings: SudachiPy with the core dictionary.

The bigrams of search/text/tokens.py find any word inside an unspaced run, but only as it
is written. A morphological analyser adds what bigrams cannot know:

- the normalised form of each word (Sudachi's 正規化表記, itself of the dictionary form):
  ハロウィーン, ハロウィン and ハロウイン are all ハロウィーン; 引越し is 引っ越し; 学ぼう is 学ぶ;
- its reading (読み), so a query typed in kana finds the word written in kanji:
  てんき → 天気 (テンキ), じこしょうかい → 自己紹介 (ジコ ショウカイ).

Why SudachiPy + sudachidict_core rather than fugashi + UniDic: Sudachi's normalised form is
exactly the notational-variant folding the issue asks for (UniDic's lemma folds fewer
variants: ハロウイン stays apart), the dictionary is a PyPI wheel (no download at run time),
and the dictionary file is memory-mapped, so the pages are shared by every worker on a
machine. The small dictionary does not know ハロウイン; core does (+~45 MB of mapped file).

Terms are prefixed so they never meet the bigrams or English stems sharing a column:
"w" + normalised form (indexed beside the bigrams, same field weight), "y" + reading in
hiragana (its own, lowest-weighted field: a reading-only match ranks below an exact one).
Both are folded by search/text/normalise.py like everything else.
"""

import re
import threading
import unicodedata
from functools import lru_cache

from .normalise import normalise

WORD_PREFIX = "w"
READING_PREFIX = "y"
# Parts of speech that carry no meaning a teacher searches for: particles, auxiliary
# verbs, symbols, blanks.
SKIPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号"})
# A form or reading with ASCII punctuation or spaces would be split by FTS5's tokenizer.
TERM_SAFE = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")
# Japanese runs as written (katakana kept: Sudachi needs it), after NFKC width folding.
RUN = re.compile(
    "[\u3005-\u3007\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)
# Runs longer than this are cut before analysis (Sudachi's cost grows with the lattice).
MAX_RUN = 400

_local = threading.local()


def tokenizer():
    """One Sudachi tokenizer per thread (a tokenizer is not thread-safe); the dictionary
    behind it is loaded once per process and memory-mapped."""
    found = getattr(_local, "tokenizer", None)
    if found is None:
        fields = {"pos", "normalized_form", "reading_form"}
        found = _dictionary().tokenizer(mode=_split_mode(), fields=fields)
        _local.tokenizer = found
    return found


@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary  # loaded on first use, not at import

    return Dictionary(dict="core")


def _split_mode():
    from sudachipy import SplitMode

    return SplitMode.C


@lru_cache(maxsize=200_000)
def run_words(run: str) -> tuple[tuple[str, str], ...]:
    """(normalised form, reading), both folded by `normalise`, of each meaningful word
    of one Japanese run. Cached: the same runs (titles, taxonomy names, common phrases)
    come back on page after page."""
    words = []
    for morpheme in tokenizer().tokenize(run[:MAX_RUN]):
        if morpheme.part_of_speech()[0] in SKIPPED_POS:
            continue
        form = normalise(morpheme.normalized_form())
        reading = normalise(morpheme.reading_form())
        if not TERM_SAFE.fullmatch(form):
            continue
        words.append((form, reading if TERM_SAFE.fullmatch(reading) else ""))
    return tuple(words)


def runs_of(text: str) -> list[str]:
    return RUN.findall(unicodedata.normalize("NFKC", text))


def words_of(text: str) -> list[tuple[str, str]]:
    """(form, reading) of every meaningful Japanese word of `text`, in order."""
    found: list[tuple[str, str]] = []
    for run in runs_of(text):
        found.extend(run_words(run))
    return found


def word_terms(words: list[tuple[str, str]]) -> list[str]:
    return [WORD_PREFIX + form for form, _reading in words]


def reading_terms(words: list[tuple[str, str]]) -> list[str]:
    return [READING_PREFIX + reading for _form, reading in words if reading]


def page_fields(title_text: str, keyword_text: str, body_text: str) -> dict[str, list[str]]:
    """A page's Japanese word terms per field and the readings of all of them: what both
    backends index beside the bigrams (the database in its term columns, Elasticsearch in
    fields of their own, filled here rather than by a cluster plugin)."""
    title, keywords, body = words_of(title_text), words_of(keyword_text), words_of(body_text)
    return {
        "title": word_terms(title),
        "keyword": word_terms(keywords),
        "body": word_terms(body),
        "reading": reading_terms(title + keywords + body),
    }
