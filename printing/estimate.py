"""How many pages something will print, worked out from its text alone — before any
rendering, in microseconds, so a print that is too long is refused without costing a
render, and a lesson plan that would not print is caught while it is edited.

Conservative on purpose (it may say more pages than print, never fewer): every character
of an East Asian wide script counts a full em, every other character 0.6 em (wider than
the average letter of DejaVu Sans or the Latin of IPAex Gothic), lines are filled to 90%
(words wrap whole), and rows that the stylesheet keeps together move whole to the next
page, wasting the rest of the one before, as WeasyPrint does. Layouts describe their
boxes with these pieces (lessons/printing/estimate.py); the tests compare the estimate
with real renders (tests/printing/test_estimate.py, tests/lessons/test_print_limits.py).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .papers import Paper

MM_PER_PT = 25.4 / 72
WIDE_EM = 1.0
NARROW_EM = 0.6
# Words wrap whole, so a line of English is never quite full.
LINE_FILL = 0.9
# Line boxes come out taller than `line-height` alone says (IPAex Gothic's ascent and
# descent, kinsoku line breaking): measured against real renders of the largest plans.
LINE_BOX = 1.12
# printing/static/printing/pdf.css: @page margins (top 17, bottom 16, left and right 14).
PAGE_MARGINS_MM = (33.0, 28.0)


@lru_cache(maxsize=4096)
def _char_em(char: str) -> float:
    return WIDE_EM if unicodedata.east_asian_width(char) in ("W", "F", "A") else NARROW_EM


def text_ems(text: str) -> float:
    """The width of one line of `text`, in ems."""
    return sum(_char_em(char) for char in text)


def text_lines(text: str, width_mm: float, font_pt: float) -> int:
    """Lines `text` takes in a box `width_mm` wide: each paragraph (line break) starts a
    new line; an empty text takes none."""
    if not text:
        return 0
    ems_per_line = max(width_mm / (font_pt * MM_PER_PT) * LINE_FILL, 1.0)
    return sum(max(1, math.ceil(text_ems(part) / ems_per_line)) for part in text.split("\n"))


@dataclass(frozen=True)
class Type:
    """A font size and line height, as the stylesheet sets them."""

    font_pt: float
    line_height: float = 1.6

    @property
    def line_mm(self) -> float:
        return self.font_pt * self.line_height * MM_PER_PT * LINE_BOX

    def height_mm(self, text: str, width_mm: float) -> float:
        return text_lines(text, width_mm, self.font_pt) * self.line_mm


def page_area_mm(paper: Paper, *, landscape: bool = False) -> tuple[float, float]:
    """(width, height) inside the page margins."""
    width, height = paper.size.layout_width_mm, paper.size.layout_height_mm
    if landscape:
        width, height = height, width
    return width - PAGE_MARGINS_MM[1], height - PAGE_MARGINS_MM[0]


class PageCounter:
    """Lays boxes onto pages, top to bottom, the way the print stylesheet breaks them."""

    def __init__(self, page_height_mm: float) -> None:
        self.page_height = page_height_mm
        self.pages = 1
        self.used = 0.0
        # A table's header row repeats at the top of every page the table runs onto.
        self.repeated = 0.0

    def flow(self, height_mm: float) -> None:
        """Text that may break between any two lines (paragraphs, headings' neighbours)."""
        while self.used + height_mm > self.page_height:
            height_mm -= self.page_height - self.used
            self._new_page()
        self.used += height_mm

    def keep(self, height_mm: float) -> None:
        """A box kept whole (a table row): to the next page when it does not fit here; a
        box taller than a page is broken anyway."""
        if self.used + height_mm > self.page_height and self.used > self.repeated:
            self._new_page()
        self.flow(height_mm)

    def table(self, header_mm: float) -> None:
        self.keep(header_mm)
        self.repeated = header_mm

    def end_table(self) -> None:
        self.repeated = 0.0

    def _new_page(self) -> None:
        self.pages += 1
        self.used = self.repeated
