"""Template helpers for the planner: word-level differences between two texts."""

import difflib
import re

from django import template
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# English words stay whole; every other character (kana, kanji, punctuation) is its own
# token, because Japanese has no spaces to split on and a changed particle is a change.
TOKEN = re.compile(r"[A-Za-z0-9'\u2019\-]+|\s+|.", re.DOTALL)


# Below this similarity, a word-by-word diff is noise: show the old text, then the new.
REWRITE_RATIO = 0.4


def diff_html(old: str, new: str) -> SafeString:
    """`old` → `new` with removals in <del> and additions in <ins>; all text escaped.

    Neighbouring changes separated only by spaces are joined into one, so a rewritten
    sentence reads as "old sentence → new sentence", not word soup."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if a and b and matcher.ratio() < REWRITE_RATIO:
        return mark_safe(f"<del>{escape(old)}</del> <ins>{escape(new)}</ins>")  # noqa: S308 - escaped  # nosec B308, B703
    return mark_safe("".join(_marked(_pieces(a, b, matcher))))  # noqa: S308 - _marked escapes every piece  # nosec B308, B703


def _pieces(a: list[str], b: list[str], matcher) -> list[list]:
    """[kind, old text, new text] runs, a change absorbing the spaces between it and the
    change after it."""
    pieces: list[list] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(a[a1:a2]), "".join(b[b1:b2])
        if op == "equal":
            pieces.append(["equal", removed, added])
        elif pieces and pieces[-1][0] == "change":
            pieces[-1][1] += removed
            pieces[-1][2] += added
        elif len(pieces) >= 2 and pieces[-1][1].isspace() and pieces[-2][0] == "change":
            space = pieces.pop()[1]
            pieces[-1][1] += space + removed
            pieces[-1][2] += space + added
        else:
            pieces.append(["change", removed, added])
    return pieces


def _marked(pieces: list[list]) -> list[str]:
    parts = []
    for kind, removed, added in pieces:
        if kind == "equal":
            parts.append(escape(removed))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    return parts


@register.simple_tag
def text_diff(old, new) -> SafeString:
    return diff_html(str(old or ""), str(new or ""))


@register.simple_tag
def phase_name(plan, step) -> str:
    """The step's phase as its plan names it: "Practice", or its Japanese part."""
    return plan.phase_name(step.phase, step.get_phase_display(), translation.get_language()[:2])
