"""Which file a search hit was found in: the words inside files are indexed with their page
(search/documents.py), so a result that matched only inside a worksheet says so ("found in
bingo-sheet.docx") instead of leaving the teacher to wonder why it came up."""

from __future__ import annotations

import re

from django.utils.html import strip_tags

from library.models import LibraryAttachment

WORD = re.compile(r"\w+")


def query_words(query: str) -> list[str]:
    return [word for word in WORD.findall(query.casefold()) if len(word) > 1]


def file_matching(page_id: int, query: str, shown_text: str) -> str:
    """The file name of the page's first file holding a query word, when no query word is
    in `shown_text` (what the result shows of the page: titles and snippet); else ""."""
    words = query_words(query)
    shown = strip_tags(shown_text).casefold()
    if not words or any(word in shown for word in words):
        return ""
    files = (
        LibraryAttachment.objects.filter(page_id=page_id)
        .exclude(text="")
        .select_related("document", "image")
        .order_by("sort_order", "pk")
    )
    for attachment in files:
        text = attachment.text.casefold()
        if any(word in text for word in words):
            return attachment.file_name
    return ""
