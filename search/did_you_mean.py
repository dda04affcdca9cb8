"""Did you mean: the closest known English word to a misspelt one.

Candidates come from the index's own vocabulary (SearchWord, kept by the database backend,
which is maintained whichever backend answers), so a suggestion is always a word some page
really uses. The service retries the search with it and tells the teacher it did
("Showing results for game — no results for gmae").
"""

import re

from django.db.models import Q

from .models import SearchWord
from .text.spelling import allowed_distance, closest_word
from .text.tokens import ParsedQuery


def correct_query(query: str, parsed: ParsedQuery) -> str:
    """`query` with each English word the index does not know replaced by the closest one
    it does ("" when there is nothing to correct)."""
    unknown = [
        part.surface
        for part in parsed.parts
        if part.english
        and part.surface.isascii()
        and len(part.surface) >= 3
        and not SearchWord.objects.filter(stem=part.terms[0], doc_count__gt=0).exists()
    ]
    corrected = query
    changed = False
    for word in unknown:
        first_letters = Q(word__startswith=word[0]) | Q(word__startswith=word[1])
        limit = allowed_distance(word)
        candidates = (
            SearchWord.objects.filter(first_letters, doc_count__gt=0)
            .filter(length__gte=len(word) - limit, length__lte=len(word) + limit)
            .values_list("word", "doc_count")
        )
        replacement = closest_word(word, candidates.iterator())
        if replacement:
            pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", re.IGNORECASE)
            corrected, count = pattern.subn(replacement, corrected, count=1)
            changed = changed or bool(count)
    return corrected if changed else ""
