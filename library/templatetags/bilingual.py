"""Pick the Japanese or English version of a field for the language being shown."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def in_language(obj, field: str) -> str:
    """`{% in_language page "title" %}` gives `title_ja` to Japanese readers when the
    editor wrote one, and the English field otherwise (never an empty heading)."""
    english = getattr(obj, field, "") or ""
    if (get_language() or "en").startswith("ja"):
        return getattr(obj, f"{field}_ja", "") or english
    return english
