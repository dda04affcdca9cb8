"""Small helpers for showing bilingual library content: both names of a grade or skill,
and a page's title in the other language under the one being shown."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from library.units.addresses import unit_url as address_of_unit

register = template.Library()


def _reading_japanese() -> bool:
    return (get_language() or "en").startswith("ja")


@register.simple_tag
def both_names(item) -> SafeString:
    """`Elementary 5 小5` for English readers, `小5 Elementary 5` for Japanese ones: ALTs
    and JTEs read the same page, so taxonomy names are given in both languages, each
    marked with its language for screen readers and font choice."""
    english = format_html('<span lang="en">{}</span>', item.name)
    if not getattr(item, "name_ja", ""):
        return english
    japanese = format_html('<span lang="ja">{}</span>', item.name_ja)
    first, second = (japanese, english) if _reading_japanese() else (english, japanese)
    return format_html('{} <span class="other-language">{}</span>', first, second)


@register.simple_tag
def other_language(obj, field: str) -> dict[str, str] | None:
    """The field in the language *not* shown by `{% in_language %}`, when the editor wrote
    both: `{% other_language page "title" as other %}`, then `{{ other.text }}` inside an
    element with `lang="{{ other.lang }}"`."""
    english = getattr(obj, field, "") or ""
    japanese = getattr(obj, f"{field}_ja", "") or ""
    if not (english and japanese) or english == japanese:
        return None
    if _reading_japanese():
        return {"text": english, "lang": "en"}
    return {"text": japanese, "lang": "ja"}


@register.simple_tag
def grade_badge(grade) -> SafeString:
    """A compact grade badge: 小5 for Japanese readers; ES5 for English readers, with
    the full name ("Elementary 5") for screen readers, since codes are Kyozai's shorthand."""
    stage = (grade.stage or "").lower()
    if _reading_japanese() and grade.name_ja:
        return format_html('<li class="badge badge--{}">{}</li>', stage, grade.name_ja)
    return format_html(
        '<li class="badge badge--{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></li>',
        stage,
        grade.code,
        grade.name,
    )


# A grade code's stage as Japanese teachers write it: 小5, 中2, 高1 (as the taxonomy's
# Japanese short names, library/school_facts.py).
STAGE_KANJI = {"ES": "小", "JHS": "中", "SHS": "高"}


@register.filter
def grade_codes(codes) -> str:
    """Grade codes as the reader names them: "ES5, ES6" in English, "小5, 小6" in
    Japanese, without a query per result (search hits carry codes, not grades)."""
    shown = []
    for code in codes or ():
        stage = str(code).rstrip("0123456789")
        if _reading_japanese() and stage in STAGE_KANJI:
            shown.append(f"{STAGE_KANJI[stage]}{str(code)[len(stage) :]}")
        else:
            shown.append(str(code))
    return ", ".join(shown)


@register.filter
def unit_url(unit) -> str:
    """The unit page's address: `<a href="{{ unit|unit_url }}">`."""
    return address_of_unit(unit)
