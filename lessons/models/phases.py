# ruff: noqa: RUF001, RUF002, RUF003 — Japanese text uses full-width brackets on purpose
"""How a plan names its phases: the six stages (warm-up … reflection) or the Japanese
導入・展開・まとめ, with the finer stage inside ("展開（練習）").

A step always stores its fine phase (lessons/models/steps.py `Phase`); the style only
changes how the editor and the printouts name it, so a plan can switch styles at any time
and nothing is lost.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseStyle(models.TextChoices):
    AUTO = (
        "",
        _("By the plan's language: 導入・展開・まとめ in Japanese, else warm-up … reflection"),
    )
    STAGES = "stages", _("Warm-up, review, introduction, practice, production, reflection")
    JAPANESE = "japanese", _("導入・展開・まとめ, with the finer stages inside")


# The Japanese three parts of a lesson and the fine phases each holds.
DOUNYU, TENKAI, MATOME = "導入", "展開", "まとめ"
JAPANESE_PART = {
    "warm_up": DOUNYU,
    "review": DOUNYU,
    "introduction": TENKAI,
    "practice": TENKAI,
    "production": TENKAI,
    "reflection": MATOME,
}
# The fine phases in Japanese, as they stand inside a part: 展開（練習）.
FINE_JA = {
    "warm_up": "ウォームアップ",
    "review": "復習",
    "introduction": "新出事項の導入",
    "practice": "練習",
    "production": "活用",
    "reflection": "振り返り",
}
PART_EN = {DOUNYU: _("Opening"), TENKAI: _("Development"), MATOME: _("Wrap-up")}


def phase_label(phase: str, fine_name: str, language: str, japanese_parts: bool) -> str:
    """A step's phase as a plan names it: `fine_name` (already in `language`), or with
    導入・展開・まとめ its part with the fine phase inside — "展開（練習）" in Japanese,
    "展開 Development (Practice)" in English."""
    if not japanese_parts or phase not in JAPANESE_PART:
        return str(fine_name)
    part = JAPANESE_PART[phase]
    if language == "ja":
        return f"{part}（{FINE_JA[phase]}）"
    return f"{part} {PART_EN[part]} ({fine_name})"
