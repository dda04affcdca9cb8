"""Title suggestions as you type, from the database index.

A plain LIKE over normalised titles: both languages, any position (Japanese has no word
starts), so 天気 finds 天気の表現を学ぼう and ｶﾀｶﾅ finds カタカナ練習. Titles that begin
with the typed text come first, then those with a word beginning with it. A few thousand
short strings scan in a few milliseconds on either database.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from search.models import SearchText
from search.text.normalise import normalise


def suggest(prefix: str, limit: int) -> list[SearchText]:
    text = normalise(prefix).strip()
    if not text:
        return []
    rank = Case(
        When(Q(suggest_text__startswith=text) | Q(suggest_text__contains="\n" + text), then=0),
        When(suggest_text__contains=" " + text, then=1),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        SearchText.objects.filter(suggest_text__contains=text)
        .annotate(suggest_rank=rank)
        .order_by("suggest_rank", "title")
        .only("page_id", "kind", "title", "title_ja", "url")[:limit]
    )
