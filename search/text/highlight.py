"""<mark> around the words that matched, in the teacher's own text.

Matching happens on normalised text (width, case and kana folded, English stemmed), so the
highlighter normalises with character offsets and maps each match back to the original
characters. Everything else is HTML-escaped: the only markup in the output is our <mark>.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .normalise import normalise, normalise_with_offsets
from .tokens import TOKEN_PATTERN, ParsedQuery, english_key

ELLIPSIS = "…"
# Characters of context shown before the first match in a long text.
LEAD_IN = 50


@dataclass(frozen=True)
class Highlighted:
    html: SafeString
    matched: bool


def match_spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """Where the query matched `text`, as merged [start, end) spans of the original."""
    if not text or not query:
        return []
    norm, starts, ends = normalise_with_offsets(text)
    found: list[tuple[int, int]] = []
    if query.stems:
        for match in TOKEN_PATTERN.finditer(norm):
            kind, token = match.lastgroup, match.group()
            if kind == "cjk":
                continue
            key = english_key(token) if kind == "word" else token
            if key in query.stems:
                found.append((match.start(), match.end()))
    for run in query.runs:
        position = norm.find(run)
        while position != -1:
            found.append((position, position + len(run)))
            position = norm.find(run, position + len(run))
    spans = sorted((starts[a], ends[b - 1]) for a, b in found)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def first_match(text: str, query: ParsedQuery) -> int:
    """Roughly where the first match is (-1: none), found on whole-string normalised text
    — fast, and close enough to cut a window from a long body before exact matching."""
    if not text or not query:
        return -1
    norm = normalise(text)
    found = [position for run in query.runs if (position := norm.find(run)) != -1]
    if query.stems:
        for match in TOKEN_PATTERN.finditer(norm):
            kind, token = match.lastgroup, match.group()
            if kind != "cjk" and (english_key(token) if kind == "word" else token) in query.stems:
                found.append(match.start())
                break
    return min(found) if found else -1


def highlight(text: str, query: ParsedQuery, max_length: int | None = None) -> Highlighted:
    """Escaped `text` with matches marked; cut to a window around the first match when
    `max_length` is given (summaries and body text in the result list)."""
    text = text or ""
    if max_length and len(text) > 2 * max_length:
        return _highlight_long(text, query, max_length)
    spans = match_spans(text, query)
    window_start, window_end = 0, len(text)
    if max_length and len(text) > max_length:
        if spans and spans[0][0] > LEAD_IN:
            window_start = _word_start(text, spans[0][0] - LEAD_IN)
        window_end = min(len(text), window_start + max_length)
    html = _marked(text, spans, window_start, window_end)
    return Highlighted(mark_safe(html), bool(spans))  # noqa: S308 - escaped in _marked  # nosec B308, B703


def _highlight_long(text: str, query: ParsedQuery, max_length: int) -> Highlighted:
    """A long body: find the match cheaply, then mark only a window around it."""
    position = first_match(text, query)
    if position == -1:
        return Highlighted(_cut(text, 0, max_length), False)
    start = _word_start(text, max(0, position - LEAD_IN)) if position > LEAD_IN else 0
    window = highlight(text[start : start + 2 * max_length], query, max_length)
    html = window.html
    if start > 0 and not html.startswith(ELLIPSIS):
        html = ELLIPSIS + html
    if start + 2 * max_length < len(text) and not html.endswith(ELLIPSIS):
        html = html + ELLIPSIS
    return Highlighted(mark_safe(html), window.matched)  # noqa: S308 - built escaped  # nosec B308, B703


def _marked(text: str, spans: list[tuple[int, int]], window_start: int, window_end: int) -> str:
    """text[window_start:window_end] escaped, with the spans inside it in <mark>, and an
    ellipsis where text was cut off."""
    pieces: list[str] = [ELLIPSIS] if window_start > 0 else []
    cursor = window_start
    for start, end in spans:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:window_end]))
    if window_end < len(text):
        pieces.append(ELLIPSIS)
    return "".join(pieces)


def _cut(text: str, start: int, length: int) -> SafeString:
    piece = escape(text[start : start + length])
    return mark_safe(piece + (ELLIPSIS if start + length < len(text) else ""))  # noqa: S308 - escaped  # nosec B308, B703


def _word_start(text: str, position: int) -> int:
    """Move a cut forward to the next space so that a word is not cut in half (Japanese
    has no spaces: a cut anywhere is fine there)."""
    space = text.find(" ", position, position + 20)
    return space + 1 if space != -1 else position
