"""Turning an indexed document into a result a teacher reads: fields, highlighted title and
the snippet that shows why it matched. Shared by both backends."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .results import Hit
from .text.highlight import highlight
from .text.tokens import ParsedQuery

SNIPPET_LENGTH = 200


@dataclass
class HitSource:
    """The stored fields of one result, whichever backend stored them."""

    page_id: int
    slug: str
    kind: str
    url: str
    title: str
    title_ja: str
    summary: str
    summary_ja: str
    body_text: str
    grades: list[str]
    skills: list[str]
    activity_types: list[str]
    duration_minutes: int | None
    first_published_at: datetime | None = None
    use_count: int = 0


def _split(value: str | list[str]) -> list[str]:
    return value.split() if isinstance(value, str) else list(value)


def source_from_document(document) -> HitSource:
    return HitSource(
        page_id=document.page_id,
        slug=document.slug,
        kind=document.kind,
        url=document.url,
        title=document.title,
        title_ja=document.title_ja,
        summary=document.summary,
        summary_ja=document.summary_ja,
        body_text=document.body_text,
        grades=_split(document.grades),
        skills=_split(document.skills),
        activity_types=_split(document.activity_types),
        duration_minutes=document.duration_minutes,
        first_published_at=document.first_published_at,
        use_count=document.use_count,
    )


def snippet(source: HitSource, parsed: ParsedQuery) -> str:
    """The text under the title: the first of summary (reader's language first), other
    summary, body that contains a match; else the reader's summary, shortened."""
    japanese = (get_language() or "en").startswith("ja")
    summaries = (
        [source.summary_ja, source.summary] if japanese else [source.summary, source.summary_ja]
    )
    if parsed:
        for text in [*summaries, source.body_text]:
            marked = highlight(text, parsed, SNIPPET_LENGTH)
            if marked.matched:
                return marked.html
    fallback = next((text for text in summaries if text), source.body_text)
    return highlight(fallback, ParsedQuery(), SNIPPET_LENGTH).html


def build_hit(
    source: HitSource,
    score: float,
    parsed: ParsedQuery,
    marked_title: str | None = None,
    marked_title_ja: str | None = None,
    marked_text: str | None = None,
) -> Hit:
    """A Hit; the marked_* arguments carry a backend's own highlighting (HTML-safe)."""
    return Hit(
        page_id=source.page_id,
        slug=source.slug,
        type=source.kind,
        title=source.title,
        title_ja=source.title_ja,
        summary=source.summary,
        url=source.url,
        grades=source.grades,
        skills=source.skills,
        activity_types=source.activity_types,
        duration_minutes=source.duration_minutes,
        highlight_title=marked_title or highlight(source.title, parsed).html,
        highlight_text=marked_text or snippet(source, parsed),
        score=round(score, 4),
        summary_ja=source.summary_ja,
        highlight_title_ja=marked_title_ja
        or (highlight(source.title_ja, parsed).html if source.title_ja else mark_safe("")),  # empty  # nosec B308
        first_published_at=source.first_published_at,
        use_count=source.use_count,
    )


def build_hits(documents_with_scores, parsed: ParsedQuery) -> list[Hit]:
    return [
        build_hit(source_from_document(document), score, parsed)
        for document, score in documents_with_scores
    ]
